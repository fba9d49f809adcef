import { z } from 'zod';
import { PermanentJobError, defineJob } from '@/lib/jobs/runtime';
import { RouterError } from '@/lib/network/routeros/errors';
import { batchUsersToDeliver, loadBatchForDelivery, profileOnRouter, setBatchDelivery } from '@/lib/vouchers/delivery';
import { writeBatchRadius } from '@/lib/vouchers/radius';
import { deliverVoucherUsers } from '@/lib/vouchers/router';
import { withRouter } from '../router-pool';

// The job page shows this many refused vouchers by name; the count is always complete.
const FAILED_SHOWN = 100;

/**
 * Puts a batch where customers log in: hotspot users on its router (pipelined adds, skipping
 * what an earlier attempt added), or its RADIUS rows (one transaction). An unreachable router
 * throws, so the job retries with back-off and the jobs page shows why.
 */
export const voucherDeliver = defineJob({
  name: 'voucher-deliver',
  payload: z.object({ batchId: z.string().uuid() }),
  async handler(ctx, payload) {
    const found = await loadBatchForDelivery(ctx.db, { orgId: ctx.orgId, batchId: payload.batchId });
    if (!found) throw new PermanentJobError('Voucher batch not found in this organization');
    const { batch, profile } = found;
    const ref = { orgId: ctx.orgId, batchId: batch.id };
    await setBatchDelivery(ctx.db, { ...ref, status: 'delivering' });

    if (batch.delivery === 'radius') {
      const { written } = await ctx.db.transaction((tx) => writeBatchRadius(tx, ref));
      await setBatchDelivery(ctx.db, { ...ref, status: 'delivered', delivered: written, failed: 0 });
      await ctx.progress(written, written);
      return { delivery: 'radius', written };
    }

    if (!batch.routerId) throw new PermanentJobError('Voucher batch has no router');
    const users = await batchUsersToDeliver(ctx.db, ref);
    const report = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: batch.routerId }, (api) =>
      deliverVoucherUsers(api, { batchId: batch.id, profile: profileOnRouter(profile), users, progress: ctx.progress }),
    ).catch((error: unknown) => {
      // The router refused the profile itself (e.g. its rate-limit): retrying will not help.
      if (error instanceof RouterError && error.kind === 'trap') throw new PermanentJobError(`Router refused: ${error.message}`);
      throw error;
    });
    const failed = report.failed.length;
    await setBatchDelivery(ctx.db, { ...ref, status: failed > 0 ? 'partial' : 'delivered', delivered: report.added + report.existing, failed });
    return { delivery: 'router', total: report.total, added: report.added, existing: report.existing, failedCount: failed, failed: report.failed.slice(0, FAILED_SHOWN) };
  },
});
