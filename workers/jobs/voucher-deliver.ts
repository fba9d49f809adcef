import { handle } from '@/lib/jobs/runtime';
import { deliverBatch } from '@/lib/vouchers/enforcement';
import { voucherDeliver } from '@/lib/vouchers/jobs';
import { routerAccess } from '../router-pool';

export const voucherDeliverHandler = handle(voucherDeliver, (payload, job) =>
  deliverBatch(job.db, routerAccess(job.db), { orgId: job.orgId, batchId: payload.batchId, progress: job.progress }),
);
