import { handle } from '@/lib/jobs/runtime';
import { routerCheck } from '@/lib/network/jobs';
import { checkRouter } from '@/lib/network/router-check';
import { routerAccess } from '../router-pool';

export const routerCheckHandler = handle(routerCheck, (payload, job) =>
  checkRouter(job.db, routerAccess(job.db), { ...payload, orgId: job.orgId }),
);
