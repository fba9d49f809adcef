import { handle } from '@/lib/jobs/runtime';
import { syncRouterVouchers } from '@/lib/vouchers/enforcement';
import { voucherSync } from '@/lib/vouchers/jobs';
import { routerAccess } from '../router-pool';

export const voucherSyncHandler = handle(voucherSync, (payload, job) =>
  syncRouterVouchers(job.db, routerAccess(job.db), {
    orgId: job.orgId,
    routerId: payload.routerId,
    progress: job.progress,
  }),
);
