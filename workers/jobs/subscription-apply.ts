import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions } from '@/db/schema';
import { SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { defineJob } from '@/lib/jobs/runtime';

/**
 * Puts the network in line with a subscription's status (activate, isolate, suspend,
 * terminate). The router (MikroTik API) and RADIUS back-ends arrive with their own issues;
 * until an organization has one configured, the job records that nothing was applied rather
 * than claiming a change on a device that does not exist.
 */
export const subscriptionApply = defineJob({
  name: 'subscription-apply',
  payload: z.object({ subscriptionId: z.string().uuid(), status: z.enum(SUBSCRIPTION_STATUSES) }),
  async handler(ctx, payload) {
    const [sub] = await ctx.db
      .select({ id: subscriptions.id, status: subscriptions.status, username: subscriptions.serviceUsername })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, payload.subscriptionId), eq(subscriptions.organizationId, ctx.orgId)));
    if (!sub) throw new Error(`Subscription ${payload.subscriptionId} not found in this organization`);
    await ctx.progress(1, 1);
    return {
      serviceUsername: sub.username,
      requestedStatus: payload.status,
      currentStatus: sub.status,
      applied: false,
      reason: 'no_network_backend',
    };
  },
});
