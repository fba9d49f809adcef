import { handle } from '@/lib/jobs/runtime';
import { applySubscription } from '@/lib/network/enforcement/apply-subscription';
import { subscriptionApply } from '@/lib/network/jobs';
import { routerAccess } from '../router-pool';

export const subscriptionApplyHandler = handle(
  subscriptionApply,
  (payload, job) =>
    applySubscription(job.db, routerAccess(job.db), { ...payload, orgId: job.orgId, progress: job.progress }),
  // An isolation batch is hundreds of different subscriptions on one router: their commands
  // pipeline over the pooled connection instead of waiting for each other.
  { batchConcurrency: 16 },
);
