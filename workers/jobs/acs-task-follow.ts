import { acsAccess } from '@/lib/fibre/acs/access';
import { acsTaskFollow } from '@/lib/fibre/acs/jobs';
import { followModemTask } from '@/lib/fibre/acs/tasks';
import { handle } from '@/lib/jobs/runtime';
import { permanentAcsError } from './acs-errors';

// A few checks a couple of seconds apart before the job is retried with back-off: a modem
// that informs right after the connection request failed is seen within seconds.
export const acsTaskFollowHandler = handle(acsTaskFollow, (payload, job) =>
  followModemTask(job.db, acsAccess(job.db), { ...payload, orgId: job.orgId }, { checks: 5, intervalMs: 2_000 }).catch(
    permanentAcsError,
  ),
);
