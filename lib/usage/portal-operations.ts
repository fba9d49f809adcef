import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, plans, subscriptions } from '@/db/schema';
import { definePortalOperation } from '@/lib/portal/operation';
import { AppError } from '@/lib/server/errors';
import { monthToDate } from './month';
import { usageByDay } from './usage';

/**
 * The portal's usage page: the visitor's subscriptions and, for the one picked (the first
 * by default), this month's traffic per day and its total.
 */
export const portalUsageOp = definePortalOperation({
  name: 'portal.usage.month',
  input: z.object({ subscriptionId: z.string().uuid('validation.invalid').optional().catch(undefined) }),
  run: async (ctx, input) => {
    const subs =
      ctx.customerIds.length === 0
        ? []
        : await ctx.db
            .select({ id: subscriptions.id, serviceUsername: subscriptions.serviceUsername, planName: plans.name })
            .from(subscriptions)
            .leftJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, ctx.orgId)))
            .where(
              and(
                eq(subscriptions.organizationId, ctx.orgId),
                inArray(subscriptions.customerId, ctx.customerIds),
                ne(subscriptions.status, 'terminated'),
              ),
            )
            .orderBy(asc(subscriptions.createdAt));
    if (input.subscriptionId && !subs.some((s) => s.id === input.subscriptionId)) throw new AppError('not_found');
    const selected = input.subscriptionId ?? subs[0]?.id ?? null;
    if (!selected) return { subscriptions: subs, selected: null, days: [], total: { bytesIn: 0, bytesOut: 0 } };
    const [org] = await ctx.db
      .select({ timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId));
    const timeZone = org?.timezone ?? 'Asia/Jakarta';
    const range = monthToDate(new Date(), timeZone);
    const days = await usageByDay(ctx.db, { orgId: ctx.orgId, subscriptionId: selected, ...range, timeZone });
    const total = days.reduce((t, d) => ({ bytesIn: t.bytesIn + d.bytesIn, bytesOut: t.bytesOut + d.bytesOut }), {
      bytesIn: 0,
      bytesOut: 0,
    });
    return { subscriptions: subs, selected, days, total };
  },
});
