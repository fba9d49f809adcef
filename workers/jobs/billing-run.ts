import { z } from 'zod';
import { runIsolation } from '@/lib/billing/isolation';
import { runBilling } from '@/lib/billing/run';
import { defineJob } from '@/lib/jobs/runtime';

/** A billing run asked for from the billing page; its report is the job's result. */
export const billingRun = defineJob({
  name: 'billing-run',
  payload: z.object({ period: z.string().regex(/^\d{4}-\d{2}-01$/), requestedBy: z.string().uuid().nullable().optional() }),
  async handler(ctx, payload) {
    await ctx.progress(0, 2);
    const report = await runBilling(ctx.db, { orgId: ctx.orgId, period: payload.period, actorUserId: payload.requestedBy ?? null });
    await ctx.progress(1, 2);
    const isolation = await runIsolation(ctx.db, { orgId: ctx.orgId });
    await ctx.progress(2, 2);
    return { ...report, isolated: isolation.isolated };
  },
});
