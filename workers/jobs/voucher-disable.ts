import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { voucherBatches, vouchers } from '@/db/schema';
import { PermanentJobError, defineJob } from '@/lib/jobs/runtime';
import { disableVoucherUsers } from '@/lib/vouchers/router';
import { withRouter } from '../router-pool';

/**
 * Withdrawn vouchers (lib/vouchers/withdraw.ts) disabled on their batch's router and their
 * live sessions dropped. Only codes whose status is `disabled` are touched, so a stale or
 * repeated job never disables a voucher that is meant to work.
 */
export const voucherDisable = defineJob({
  name: 'voucher-disable',
  payload: z.object({ batchId: z.string().uuid(), codes: z.array(z.string()).nullable() }),
  async handler(ctx, payload) {
    const [batch] = await ctx.db
      .select({ id: voucherBatches.id, routerId: voucherBatches.routerId })
      .from(voucherBatches)
      .where(and(eq(voucherBatches.id, payload.batchId), eq(voucherBatches.organizationId, ctx.orgId)));
    if (!batch?.routerId) throw new PermanentJobError('Voucher batch not found in this organization, or it has no router');
    const rows = await ctx.db
      .select({ code: vouchers.code })
      .from(vouchers)
      .where(
        and(
          eq(vouchers.organizationId, ctx.orgId),
          eq(vouchers.batchId, batch.id),
          eq(vouchers.status, 'disabled'),
          payload.codes ? inArray(vouchers.code, payload.codes) : undefined,
        ),
      );
    const codes = rows.map((r) => r.code);
    const kicked = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: batch.routerId }, (api) => disableVoucherUsers(api, codes));
    await ctx.progress(codes.length, codes.length);
    return { disabled: codes.length, kicked };
  },
});
