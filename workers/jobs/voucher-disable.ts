import { handle } from '@/lib/jobs/runtime';
import { disableWithdrawnVouchers } from '@/lib/vouchers/enforcement';
import { voucherDisable } from '@/lib/vouchers/jobs';
import { routerAccess } from '../router-pool';

export const voucherDisableHandler = handle(voucherDisable, (payload, job) =>
  disableWithdrawnVouchers(job.db, routerAccess(job.db), { ...payload, orgId: job.orgId, progress: job.progress }),
);
