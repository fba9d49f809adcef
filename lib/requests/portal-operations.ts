import { z } from 'zod';
import { limitPortalWrites } from '@/lib/portal/limits';
import { definePortalOperation, portalAuditData } from '@/lib/portal/operation';
import { cancelServiceRequest, createServiceRequest, listOwnRequests, quotePlanChange, requestChoices } from './portal';
import { planNames } from './queries';
import { newRequestSchema, quoteSchema, REQUESTS_PER_HOUR, requestIdSchema } from './schemas';

/** The portal's requests page: the visitor's subscriptions, the plans and days they may pick, their requests. */
export const portalRequestsOp = definePortalOperation({
  name: 'portal.requests.list',
  input: z.object({}),
  run: async (ctx) => ({
    ...(await requestChoices(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds })),
    requests: await listOwnRequests(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds }),
    planNames: await planNames(ctx.db, { orgId: ctx.orgId }),
  }),
});

/** The prorata a plan change would cost (or credit), shown before the customer sends it. */
export const portalQuotePlanChangeOp = definePortalOperation({
  name: 'portal.requests.quote',
  input: quoteSchema,
  run: async (ctx, input) => {
    const q = await quotePlanChange(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds, ...input });
    return { quote: q.quote, basis: q.basis, planName: q.plan.name, price: q.plan.price, fromPrice: q.sub.planPrice };
  },
});

export const portalCreateRequestOp = definePortalOperation({
  name: 'portal.requests.create',
  input: newRequestSchema,
  run: async (ctx, input) => {
    await limitPortalWrites(ctx.db, ctx, 'request', REQUESTS_PER_HOUR);
    const row = await createServiceRequest(ctx.db, {
      orgId: ctx.orgId,
      customerIds: ctx.customerIds,
      channel: 'portal',
      auditData: portalAuditData(ctx),
      input,
    });
    return { id: row.id };
  },
});

export const portalCancelRequestOp = definePortalOperation({
  name: 'portal.requests.cancel',
  input: requestIdSchema,
  run: async (ctx, { id }) => {
    await limitPortalWrites(ctx.db, ctx, 'request', REQUESTS_PER_HOUR);
    return cancelServiceRequest(ctx.db, {
      orgId: ctx.orgId,
      customerIds: ctx.customerIds,
      channel: 'portal',
      auditData: portalAuditData(ctx),
      id,
    });
  },
});
