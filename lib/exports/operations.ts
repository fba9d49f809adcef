import { z } from 'zod';
import { GATEWAY_TX_STATUSES, INVOICE_STATUSES } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { INVOICE_AGE_FILTERS } from '@/lib/billing/queries';
import { buildReport, REPORT_KINDS } from '@/lib/billing/reports';
import { customerListSchema } from '@/lib/customers/schemas';
import { getOrganization } from '@/lib/organizations/queries';
import { GATEWAYS } from '@/lib/payments/types';
import { blankAsUndefined, calendarDay } from '@/lib/server/form-input';
import { type Ctx, defineOperation } from '@/lib/server/operation';
import { customersSheet, invoicesSheet, paymentsSheet } from './lists';
import type { Sheet } from './render';

const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

const base = z.object({
  format: z.enum(EXPORT_FORMATS, 'validation.invalid').default('csv'),
  // The rows selected on the list; none: every row the filters match.
  ids: z
    .array(z.string().uuid('validation.invalid'))
    .max(500, 'validation.selection')
    .optional()
    .transform((v) => (v?.length ? v : undefined)),
});
const q = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined);

/**
 * A file with every phone number and amount of a list leaves the app: who took which list,
 * filtered how, and how many rows, is kept in the audit log.
 */
async function audited<T extends { sheet: Sheet; truncated: boolean }>(
  ctx: Ctx,
  kind: 'customers' | 'invoices' | 'payments',
  input: { format: string; filter: Record<string, unknown>; ids?: string[] },
  result: T,
): Promise<T> {
  await recordAudit(ctx.db, {
    orgId: ctx.orgId,
    actorUserId: ctx.actor.actorUserId,
    ip: ctx.actor.ip,
    action: `exports.${kind}`,
    entityType: kind === 'customers' ? 'customer' : kind === 'invoices' ? 'invoice' : 'payment',
    data: {
      format: input.format,
      // Only the filters that were set.
      filters: Object.fromEntries(Object.entries(input.filter).filter(([, v]) => v !== undefined)),
      selected: input.ids?.length ?? null,
      rows: result.sheet.rows.length,
      truncated: result.truncated,
    },
  });
  return result;
}

async function zoneOf(db: Parameters<typeof getOrganization>[0], orgId: string) {
  return (await getOrganization(db, orgId))?.timezone ?? 'Asia/Jakarta';
}

/**
 * Exports carry every phone number and amount of a list, so they take more than seeing the
 * page: the reports permission (admin and finance), for all three lists.
 */
export const exportCustomersOp = defineOperation({
  name: 'exports.customers',
  permission: 'reports.view',
  input: base.extend(customerListSchema.omit({ cursor: true }).shape),
  run: async (ctx, { format, ids, ...filter }) =>
    audited(
      ctx,
      'customers',
      { format, filter, ids },
      {
        format,
        timezone: await zoneOf(ctx.db, ctx.orgId),
        ...(await customersSheet(ctx.db, {
          viewer: { orgId: ctx.orgId, resellerUserId: null },
          locale: ctx.locale,
          filter,
          ids,
        })),
      },
    ),
});

export const exportInvoicesOp = defineOperation({
  name: 'exports.invoices',
  permission: 'reports.view',
  input: base.extend({
    status: blankAsUndefined(z.enum(INVOICE_STATUSES)),
    overdue: blankAsUndefined(z.enum(INVOICE_AGE_FILTERS)),
    period: blankAsUndefined(calendarDay('validation.period').refine((v) => v.endsWith('-01'), 'validation.period')),
    q,
  }),
  run: async (ctx, { format, ids, ...filter }) =>
    audited(
      ctx,
      'invoices',
      { format, filter, ids },
      {
        format,
        timezone: await zoneOf(ctx.db, ctx.orgId),
        ...(await invoicesSheet(ctx.db, { orgId: ctx.orgId, locale: ctx.locale, filter, ids })),
      },
    ),
});

export const exportPaymentsOp = defineOperation({
  name: 'exports.payments',
  permission: 'reports.view',
  input: base.omit({ ids: true }).extend({
    status: blankAsUndefined(z.enum(GATEWAY_TX_STATUSES)),
    gateway: blankAsUndefined(z.enum(GATEWAYS)),
    q,
  }),
  run: async (ctx, { format, ...filter }) =>
    audited(
      ctx,
      'payments',
      { format, filter },
      {
        format,
        timezone: await zoneOf(ctx.db, ctx.orgId),
        ...(await paymentsSheet(ctx.db, { locale: ctx.locale, filter: { orgId: ctx.orgId, ...filter } })),
      },
    ),
});

/** A report downloaded as CSV: the same tables as the reports page, and the download audited. */
export const exportReportOp = defineOperation({
  name: 'exports.report',
  permission: 'reports.view',
  input: z.object({ kind: z.enum(REPORT_KINDS, 'validation.invalid') }),
  run: async (ctx, { kind }) => {
    const table = await buildReport(ctx.db, ctx.orgId, kind);
    await recordAudit(ctx.db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actor.actorUserId,
      ip: ctx.actor.ip,
      action: 'exports.report',
      entityType: 'report',
      data: { kind, format: 'csv', rows: table.rows.length },
    });
    return table;
  },
});
