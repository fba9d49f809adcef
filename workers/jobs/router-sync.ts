import { handle } from '@/lib/jobs/runtime';
import { reconcileRouter } from '@/lib/network/enforcement/sync-router';
import { routerSync } from '@/lib/network/jobs';
import { routerAccess } from '../router-pool';

export const routerSyncHandler = handle(routerSync, (payload, job) =>
  reconcileRouter(job.db, routerAccess(job.db), { ...payload, orgId: job.orgId, progress: job.progress }),
);
