import { acsAccess } from '@/lib/fibre/acs/access';
import { acsTaskSend } from '@/lib/fibre/acs/jobs';
import { sendModemTask } from '@/lib/fibre/acs/tasks';
import { handle } from '@/lib/jobs/runtime';
import { permanentAcsError } from './acs-errors';

export const acsTaskSendHandler = handle(acsTaskSend, (payload, job) =>
  sendModemTask(job.db, acsAccess(job.db), { ...payload, orgId: job.orgId }).catch(permanentAcsError),
);
