import { z } from 'zod';
import { paidUntilSchema } from '@/lib/billing/import-schedule';
import type { Ctx } from '@/lib/server/operation';
import { defineOperation } from '@/lib/server/operation';
import { LEAD_STATUSES } from './constants';
import { previewImport, importCustomers } from './import';
import { convertLead, coverageFor, createLead, getLead, listLeads, rejectLead, suggestCredentials } from './leads';
import { updateCustomer } from './mutations';
import { getCustomerDetail, listCustomers, type Viewer } from './queries';
import { convertLeadSchema, customerListSchema, leadSchema, rejectLeadSchema, transitionSchema, updateCustomerSchema } from './schemas';
import { subscriptionServiceSchema, transitionSubscription, updateSubscriptionService } from './subscriptions';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/odps';

/** Resellers see and touch only what is attributed to them. */
const viewer = (ctx: Ctx): Viewer => ({ orgId: ctx.orgId, resellerUserId: ctx.role === 'reseller' ? ctx.userId : null });

export const listCustomersOp = defineOperation({
  name: 'customers.list',
  permission: 'customers.view',
  input: customerListSchema,
  run: (ctx, input) => listCustomers(ctx.db, viewer(ctx), input),
});

export const getCustomerOp = defineOperation({
  name: 'customers.get',
  permission: 'customers.view',
  input: z.object({ customerId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getCustomerDetail(ctx.db, viewer(ctx), input.customerId),
});

export const updateCustomerOp = defineOperation({
  name: 'customers.update',
  permission: 'customers.manage',
  input: updateCustomerSchema,
  run: (ctx, { customerId, ...input }) =>
    updateCustomer(ctx.db, { ...ctx.actor, resellerUserId: viewer(ctx).resellerUserId ?? null, customerId, input }),
});

const csvSchema = z.object({ csv: z.string().min(1, 'validation.required').max(10_000_000, 'validation.invalid'), paidUntil: paidUntilSchema });

export const previewImportOp = defineOperation({
  name: 'customers.importPreview',
  permission: 'customers.import',
  input: csvSchema,
  run: async (ctx, input) => {
    const { rows: _rows, ...preview } = await previewImport(ctx.db, { orgId: ctx.orgId, csv: input.csv, locale: ctx.locale, paidUntil: input.paidUntil });
    return preview;
  },
});

export const importCustomersOp = defineOperation({
  name: 'customers.import',
  permission: 'customers.import',
  input: csvSchema,
  run: (ctx, input) => importCustomers(ctx.db, { ...ctx.actor, csv: input.csv, locale: ctx.locale, paidUntil: input.paidUntil }),
});

export const listLeadsOp = defineOperation({
  name: 'leads.list',
  permission: 'leads.view',
  input: z.object({ q: z.string().trim().max(100).optional(), status: z.enum(LEAD_STATUSES).optional(), cursor: z.string().max(200).optional() }),
  run: (ctx, input) => listLeads(ctx.db, viewer(ctx), input),
});

export const getLeadOp = defineOperation({
  name: 'leads.get',
  permission: 'leads.view',
  input: z.object({ leadId: z.string().uuid('validation.invalid') }),
  run: async (ctx, input) => {
    const lead = await getLead(ctx.db, viewer(ctx), input.leadId);
    return { lead, suggestion: await suggestCredentials(ctx.db, ctx.orgId, lead.name) };
  },
});

export const checkCoverageOp = defineOperation({
  name: 'leads.checkCoverage',
  permission: 'leads.create',
  input: z.object({ latitude: latitudeSchema, longitude: longitudeSchema }),
  run: (ctx, input) => coverageFor(ctx.db, ctx.orgId, input),
});

export const createLeadOp = defineOperation({
  name: 'leads.create',
  permission: 'leads.create',
  input: leadSchema,
  run: (ctx, input) => createLead(ctx.db, { ...ctx.actor, input, resellerUserId: viewer(ctx).resellerUserId ?? null }),
});

export const convertLeadOp = defineOperation({
  name: 'leads.convert',
  permission: 'leads.verify',
  input: convertLeadSchema,
  run: async (ctx, input) => {
    const { customer } = await convertLead(ctx.db, { ...ctx.actor, ...input });
    return { customerId: customer.id, number: customer.number };
  },
});

export const rejectLeadOp = defineOperation({
  name: 'leads.reject',
  permission: 'leads.verify',
  input: rejectLeadSchema,
  run: (ctx, input) => rejectLead(ctx.db, { ...ctx.actor, ...input }),
});

export const transitionSubscriptionOp = defineOperation({
  name: 'subscriptions.transition',
  permission: 'subscriptions.transition',
  input: transitionSchema,
  run: (ctx, input) => transitionSubscription(ctx.db, { ...ctx.actor, ...input, reason: input.reason ?? null }),
});

export const updateSubscriptionServiceOp = defineOperation({
  name: 'subscriptions.updateService',
  permission: 'customers.manage',
  input: subscriptionServiceSchema,
  run: (ctx, input) => updateSubscriptionService(ctx.db, { ...ctx.actor, input }),
});
