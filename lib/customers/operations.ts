import { z } from 'zod';
import { paidUntilSchema } from '@/lib/billing/import-schedule';
import { coverageRadius } from '@/lib/infrastructure/coverage';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/odps';
import { listFreePorts } from '@/lib/infrastructure/ports';
import { customerRadiusSessions, customerRadiusUsage } from '@/lib/network/radius/accounting';
import { listPlans } from '@/lib/plans/queries';
import { blankAsUndefined } from '@/lib/server/form-input';
import type { Ctx } from '@/lib/server/operation';
import { ctxCan, defineOperation } from '@/lib/server/operation';
import { pageLimitSchema } from '@/lib/server/pagination';
import { LEAD_STATUSES } from './constants';
import { importCustomers, previewImport } from './import';
import { convertLead, coverageFor, createLead, getLead, listLeads, rejectLead, suggestCredentials } from './leads';
import { updateCustomer } from './mutations';
import {
  assertSubscriptionVisible,
  customerFilterOptions,
  getCustomerDetail,
  listCustomers,
  type Viewer,
} from './queries';
import {
  convertLeadSchema,
  customerListSchema,
  leadSchema,
  rejectLeadSchema,
  transitionSchema,
  updateCustomerSchema,
} from './schemas';
import { serviceChoices } from './service-choices';
import { subscriptionServiceSchema, transitionSubscription, updateSubscriptionService } from './subscriptions';

/** Resellers see and touch only what is attributed to them. */
const viewer = (ctx: Ctx): Viewer => ({
  orgId: ctx.orgId,
  resellerUserId: ctx.role === 'reseller' ? ctx.userId : null,
});

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
  run: (ctx, input) => getCustomerDetail(ctx.db, viewer(ctx), input.customerId, { money: ctxCan(ctx, 'billing.view') }),
});

/** The customers list's filters: every plan, the areas in use and (for staff) the resellers. */
export const customerFilterOptionsOp = defineOperation({
  name: 'customers.filterOptions',
  permission: 'customers.view',
  input: z.object({}),
  run: async (ctx) => {
    const [plans, options] = await Promise.all([
      listPlans(ctx.db, { orgId: ctx.orgId, includeInactive: true }),
      customerFilterOptions(ctx.db, ctx.orgId),
    ]);
    return {
      plans: plans.map((p) => ({ id: p.id, name: p.name })),
      areas: options.areas,
      resellers: viewer(ctx).resellerUserId ? [] : options.resellers,
    };
  },
});

export const updateCustomerOp = defineOperation({
  name: 'customers.update',
  permission: 'customers.manage',
  input: updateCustomerSchema,
  run: (ctx, { customerId, ...input }) =>
    updateCustomer(ctx.db, { ...ctx.actor, resellerUserId: viewer(ctx).resellerUserId ?? null, customerId, input }),
});

const csvSchema = z.object({
  csv: z.string().min(1, 'validation.required').max(10_000_000, 'validation.invalid'),
  paidUntil: paidUntilSchema,
});

export const previewImportOp = defineOperation({
  name: 'customers.importPreview',
  permission: 'customers.import',
  input: csvSchema,
  run: async (ctx, input) => {
    const { rows: _rows, ...preview } = await previewImport(ctx.db, {
      orgId: ctx.orgId,
      csv: input.csv,
      locale: ctx.locale,
      paidUntil: input.paidUntil,
    });
    return preview;
  },
});

export const importCustomersOp = defineOperation({
  name: 'customers.import',
  permission: 'customers.import',
  input: csvSchema,
  run: (ctx, input) =>
    importCustomers(ctx.db, { ...ctx.actor, csv: input.csv, locale: ctx.locale, paidUntil: input.paidUntil }),
});

export const listLeadsOp = defineOperation({
  name: 'leads.list',
  permission: 'leads.view',
  input: z.object({
    q: z.string().trim().max(100).optional(),
    status: z.enum(LEAD_STATUSES).optional(),
    enteredBy: blankAsUndefined(z.string().uuid('validation.invalid')),
    days: blankAsUndefined(z.coerce.number().int().min(1).max(366)),
    cursor: z.string().max(200).optional(),
    limit: pageLimitSchema,
  }),
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

/** The ODP converting the lead would use today (ports may have filled since it was entered), with its free ports. */
export const leadConversionOdpOp = defineOperation({
  name: 'leads.conversionOdp',
  permission: 'leads.verify',
  input: z.object({ leadId: z.string().uuid('validation.invalid') }),
  run: async (ctx, input) => {
    const lead = await getLead(ctx.db, viewer(ctx), input.leadId);
    const coverage = await coverageFor(ctx.db, ctx.orgId, lead);
    return coverage.ok ? listFreePorts(ctx.db, { orgId: ctx.orgId, odpId: coverage.odpId }) : null;
  },
});

/** What the new-lead form offers: the active plans and the organization's coverage radius. */
export const leadFormOptionsOp = defineOperation({
  name: 'leads.formOptions',
  permission: 'leads.create',
  input: z.object({}),
  run: async (ctx) => {
    const [plans, radiusM] = await Promise.all([
      listPlans(ctx.db, { orgId: ctx.orgId }),
      coverageRadius(ctx.db, ctx.orgId),
    ]);
    return { plans: plans.map((p) => ({ id: p.id, name: p.name, billingType: p.billingType })), radiusM };
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
    const { customer, workOrder } = await convertLead(ctx.db, { ...ctx.actor, ...input });
    return { customerId: customer.id, number: customer.number, workOrderId: workOrder.id };
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

export const serviceChoicesOp = defineOperation({
  name: 'subscriptions.serviceChoices',
  permission: 'customers.manage',
  input: z.object({ customerId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => serviceChoices(ctx.db, viewer(ctx), input.customerId),
});

/** What FreeRADIUS accounting says about one subscription: online now, the last sessions, usage per month. */
export const subscriptionRadiusOp = defineOperation({
  name: 'subscriptions.radius',
  permission: 'customers.view',
  input: z.object({
    subscriptionId: z.string().uuid('validation.invalid'),
    sessions: z.coerce.number().int().min(1).max(100).default(10),
    months: z.coerce.number().int().min(1).max(24).default(6),
  }),
  run: async (ctx, input) => {
    await assertSubscriptionVisible(ctx.db, viewer(ctx), input.subscriptionId);
    const p = { orgId: ctx.orgId, subscriptionId: input.subscriptionId };
    const [sessions, usage] = await Promise.all([
      customerRadiusSessions(ctx.db, { ...p, limit: input.sessions }),
      customerRadiusUsage(ctx.db, { ...p, months: input.months }),
    ]);
    return { ...sessions, usage };
  },
});
