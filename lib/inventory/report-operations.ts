import { z } from 'zod';
import { INVENTORY_CATEGORIES, STOCK_LOCATION_KINDS, STOCK_MOVE_KINDS } from '@/db/enums';
import { recordAudit } from '@/lib/audit/record';
import { getOrganization } from '@/lib/organizations/queries';
import { blankAsUndefined, calendarDay } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { bagContents, listMoves } from './move-report';
import { bagsSheet, installedSheet, movesSheet, stockSheet } from './report-sheets';
import { stockOnHand } from './stock';
import { searchUnits } from './unit-search';

const id = z.string().uuid('validation.invalid');
const q = blankAsUndefined(z.string().trim().max(100));

const unitSearchSchema = z.object({
  q,
  itemId: blankAsUndefined(id),
  locationId: blankAsUndefined(id),
  kind: blankAsUndefined(z.enum(STOCK_LOCATION_KINDS, 'validation.invalid')),
  cursor: z.string().max(200).optional(),
});

const stockFilter = z.object({
  by: blankAsUndefined(z.enum(['location', 'item'], 'validation.invalid')),
  locationId: blankAsUndefined(id),
  kind: blankAsUndefined(z.enum(STOCK_LOCATION_KINDS, 'validation.invalid')),
  category: blankAsUndefined(z.enum(INVENTORY_CATEGORIES, 'validation.invalid')),
  itemId: blankAsUndefined(id),
  q,
});

const stockSchema = stockFilter.extend({
  page: blankAsUndefined(
    z.coerce.number().int('validation.invalid').min(1, 'validation.invalid').max(100_000, 'validation.invalid'),
  ),
});

const day = blankAsUndefined(calendarDay('validation.calendarDate'));

const movesFilter = z
  .object({
    from: day,
    to: day,
    kind: blankAsUndefined(z.enum(STOCK_MOVE_KINDS, 'validation.invalid')),
    itemId: blankAsUndefined(id),
    locationId: blankAsUndefined(id),
    technicianUserId: blankAsUndefined(id),
    workOrderId: blankAsUndefined(id),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'validation.calendarDate', path: ['to'] });

/** Serialized units by serial, MAC or customer: the units list and asset history search. */
export const searchUnitsOp = defineOperation({
  name: 'inventory.units.search',
  permission: 'inventory.view',
  input: unitSearchSchema,
  run: (ctx, input) => searchUnits(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Stock on hand per location (or per item) with its value: the /inventory page. */
export const stockOp = defineOperation({
  name: 'inventory.stock',
  permission: 'inventory.view',
  input: stockSchema,
  run: (ctx, input) => stockOnHand(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** The ledger for a period, filtered: the moves report. */
export const movesReportOp = defineOperation({
  name: 'inventory.reports.moves',
  permission: 'inventory.view',
  input: z.intersection(movesFilter, z.object({ cursor: z.string().max(200).optional() })),
  run: (ctx, input) => listMoves(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** What each technician's bag holds. */
export const bagsReportOp = defineOperation({
  name: 'inventory.reports.bags',
  permission: 'inventory.view',
  input: z.object({ userId: blankAsUndefined(id) }),
  run: (ctx, input) => bagContents(ctx.db, { orgId: ctx.orgId, ...input }),
});

/**
 * One of the inventory reports as CSV or XLSX, with the page's filters. The file leaves the
 * app (customer names, values): who took which, filtered how, is in the audit log.
 */
const format = z.enum(['csv', 'xlsx'], 'validation.invalid').default('csv');

const exportInventorySchema = z.discriminatedUnion('report', [
  stockFilter.extend({ report: z.literal('stock'), format }),
  movesFilter.extend({ report: z.literal('moves'), format }),
  z.object({ report: z.literal('bags'), format }),
  z.object({ report: z.literal('installed'), format, q, itemId: blankAsUndefined(id) }),
]);

export const exportInventoryOp = defineOperation({
  name: 'inventory.reports.export',
  permission: 'inventory.view',
  input: exportInventorySchema,
  run: async (ctx, input) => {
    const orgId = ctx.orgId;
    const locale = ctx.locale;
    const { report, format: fmt, ...filter } = input;
    const built =
      input.report === 'stock'
        ? await stockSheet(ctx.db, { locale, filter: { ...input, orgId } })
        : input.report === 'moves'
          ? await movesSheet(ctx.db, { locale, filter: { ...input, orgId } })
          : input.report === 'bags'
            ? await bagsSheet(ctx.db, { orgId, locale })
            : await installedSheet(ctx.db, { locale, filter: { orgId, q: input.q, itemId: input.itemId } });
    await recordAudit(ctx.db, {
      orgId,
      actorUserId: ctx.actor.actorUserId,
      ip: ctx.actor.ip,
      action: 'exports.inventory',
      entityType: 'inventory_report',
      data: {
        report,
        format: fmt,
        filters: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
        rows: built.sheet.rows.length,
        truncated: built.truncated,
      },
    });
    const timezone = (await getOrganization(ctx.db, orgId))?.timezone ?? 'Asia/Jakarta';
    return { ...built, report, format: fmt, timezone };
  },
});
