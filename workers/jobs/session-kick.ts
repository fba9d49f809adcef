import { handle } from '@/lib/jobs/runtime';
import { kickSessionOnRouter } from '@/lib/network/enforcement/kick-session';
import { sessionKick } from '@/lib/network/jobs';
import { routerAccess } from '../router-pool';

export const sessionKickHandler = handle(sessionKick, (payload, job) =>
  kickSessionOnRouter(job.db, routerAccess(job.db), { ...payload, orgId: job.orgId }),
);
