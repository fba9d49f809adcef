import { z } from 'zod';
import { defineJob } from '@/lib/jobs/runtime';
import { MENUS } from '@/lib/network/router-state';
import { liveBatchesOnRouter, withdrawnCodes } from '@/lib/vouchers/delivery';
import { disableVoucherUsers, parseUptime, readBatchUsage } from '@/lib/vouchers/router';
import { applyRouterUsage, type SettledVoucher } from '@/lib/vouchers/status';
import { withRouter } from '../router-pool';

/**
 * Reads a router's voucher users (uptime, traffic) and who is online, moves the vouchers'
 * status on (unused -> active -> used / expired), and disables on the router the ones whose
 * validity is over: the router knows quotas but not "valid for 1 day from first login".
 */
export const voucherSync = defineJob({
  name: 'voucher-sync',
  payload: z.object({ routerId: z.string().uuid() }),
  async handler(ctx, payload) {
    const ref = { orgId: ctx.orgId, routerId: payload.routerId };
    const batchIds = await liveBatchesOnRouter(ctx.db, ref);
    if (batchIds.length === 0) return { batches: 0 };
    return withRouter(ctx.db, ref, async (api) => {
      const active = await api.exec(`${MENUS.hotspot.active}/print`, ['=.proplist=user,uptime']);
      const online = new Map(active.map((a) => [a.user ?? '', parseUptime(a.uptime)]));
      const changed: SettledVoucher[] = [];
      const withdrawn: string[] = [];
      let users = 0;
      for (const [i, batchId] of batchIds.entries()) {
        const usage = await readBatchUsage(api, batchId);
        users += usage.length;
        changed.push(...(await applyRouterUsage(ctx.db, { orgId: ctx.orgId, batchId, usage, online })));
        // By state, not by what changed now: an earlier run that failed half-way is caught up.
        withdrawn.push(...(await withdrawnCodes(ctx.db, { orgId: ctx.orgId, batchId, codes: usage.filter((u) => !u.disabled).map((u) => u.code) })));
        await ctx.progress(i + 1, batchIds.length);
      }
      const kicked = await disableVoucherUsers(api, withdrawn);
      const count = (to: string) => changed.filter((c) => c.to === to).length;
      return { batches: batchIds.length, users, activated: changed.filter((c) => c.activated).length, used: count('used'), expired: count('expired'), disabled: withdrawn.length, kicked };
    });
  },
});
