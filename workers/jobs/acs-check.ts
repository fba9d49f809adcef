import { acsAccess } from '@/lib/fibre/acs/access';
import { acsCheck } from '@/lib/fibre/acs/jobs';
import { checkAcs } from '@/lib/fibre/acs/settings';
import { handle } from '@/lib/jobs/runtime';

export const acsCheckHandler = handle(acsCheck, (_payload, job) =>
  checkAcs(job.db, acsAccess(job.db), { orgId: job.orgId }),
);
