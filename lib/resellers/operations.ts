import { z } from 'zod';
import { INVOICE_STATUSES } from '@/db/schema';
import { listInvoices } from '@/lib/billing/queries';
import { listCustomers } from '@/lib/customers/queries';
import { customerListSchema } from '@/lib/customers/schemas';
import { customerMapStatuses } from '@/lib/infrastructure/map-customers';
import { blankAsUndefined } from '@/lib/server/form-input';
import { type Ctx, defineOperation } from '@/lib/server/operation';
import { commissionMonths, getReseller, listCommissions, listResellers, resellerSummary } from './queries';
import { resellerSettingsSchema, saveResellerSettings } from './settings';

/**
 * The portal operations take no reseller id: the reseller is always the signed-in member,
 * so one reseller cannot even name another's data. Staff use the resellers.* ones below.
 */
const me = (ctx: Ctx) => ({ orgId: ctx.orgId, resellerUserId: ctx.userId });
const cursor = z.string().max(200).optional();

export const portalSummaryOp = defineOperation({
  name: 'resellers.portalSummary',
  permission: 'resellers.portal',
  input: z.object({}),
  run: (ctx) => resellerSummary(ctx.db, me(ctx)),
});

/** The reseller's customers (the customers list with its reseller filter) and who is online. */
export const portalCustomersOp = defineOperation({
  name: 'resellers.portalCustomers',
  permission: 'resellers.portal',
  input: customerListSchema.pick({ q: true, status: true, cursor: true }),
  run: async (ctx, input) => {
    const page = await listCustomers(ctx.db, me(ctx), { ...input, area: undefined, sort: 'newest' });
    const online = await customerMapStatuses(ctx.db, { orgId: ctx.orgId, customerIds: page.items.map((c) => c.id) });
    return { ...page, items: page.items.map((c) => ({ ...c, connection: online.get(c.id) ?? c.status })) };
  },
});

export const portalInvoicesOp = defineOperation({
  name: 'resellers.portalInvoices',
  permission: 'resellers.portal',
  input: z.object({
    status: blankAsUndefined(z.enum(INVOICE_STATUSES)),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    cursor,
  }),
  run: (ctx, input) => listInvoices(ctx.db, { ...input, ...me(ctx) }),
});

export const portalCommissionsOp = defineOperation({
  name: 'resellers.portalCommissions',
  permission: 'resellers.portal',
  input: z.object({ cursor }),
  run: async (ctx, input) => {
    const [months, page] = await Promise.all([
      commissionMonths(ctx.db, me(ctx)),
      listCommissions(ctx.db, { ...me(ctx), cursor: input.cursor }),
    ]);
    return { months, ...page };
  },
});

export const listResellersOp = defineOperation({
  name: 'resellers.list',
  permission: 'resellers.view',
  input: z.object({}),
  run: (ctx) => listResellers(ctx.db, { orgId: ctx.orgId }),
});

export const getResellerOp = defineOperation({
  name: 'resellers.get',
  permission: 'resellers.view',
  input: z.object({ resellerUserId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getReseller(ctx.db, { orgId: ctx.orgId, resellerUserId: input.resellerUserId }),
});

export const saveResellerSettingsOp = defineOperation({
  name: 'resellers.saveSettings',
  permission: 'resellers.manage',
  input: resellerSettingsSchema,
  run: (ctx, input) => saveResellerSettings(ctx.db, { ...ctx.actor, input }),
});
