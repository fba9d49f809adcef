import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { approveCount, rejectCount } from './count-approval';
import { countSheet, lowStockSheet, timezoneOf } from './count-export';
import { countableLocations, getCount, listCounts } from './count-queries';
import {
  countIdSchema,
  listCountsSchema,
  rejectCountSchema,
  removeCountEntrySchema,
  scanCountSchema,
  setCountQuantitySchema,
  startCountSchema,
} from './count-schemas';
import { cancelCount, removeCountEntry, scanSerial, setCountQuantity, startCount, submitCount } from './counts';
import { lowStockItems } from './low-stock';

const format = z.enum(['csv', 'xlsx'], 'validation.invalid').default('csv');

export const listCountsOp = defineOperation({
  name: 'inventory.counts.list',
  permission: 'inventory.view',
  input: listCountsSchema,
  run: (ctx, input) => listCounts(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getCountOp = defineOperation({
  name: 'inventory.counts.get',
  permission: 'inventory.view',
  input: countIdSchema,
  run: (ctx, input) => getCount(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Where a count can be started (the start form's choices). */
export const countLocationsOp = defineOperation({
  name: 'inventory.counts.locations',
  permission: 'inventory.count',
  input: z.object({}),
  run: (ctx) => countableLocations(ctx.db, { orgId: ctx.orgId }),
});

export const startCountOp = defineOperation({
  name: 'inventory.counts.start',
  permission: 'inventory.count',
  input: startCountSchema,
  run: (ctx, input) => startCount(ctx.db, { ...ctx.actor, ...input }),
});

export const scanCountOp = defineOperation({
  name: 'inventory.counts.scan',
  permission: 'inventory.count',
  input: scanCountSchema,
  run: (ctx, input) => scanSerial(ctx.db, { ...ctx.actor, ...input }),
});

export const setCountQuantityOp = defineOperation({
  name: 'inventory.counts.setQuantity',
  permission: 'inventory.count',
  input: setCountQuantitySchema,
  run: (ctx, input) => setCountQuantity(ctx.db, { ...ctx.actor, ...input }),
});

export const removeCountEntryOp = defineOperation({
  name: 'inventory.counts.removeEntry',
  permission: 'inventory.count',
  input: removeCountEntrySchema,
  run: (ctx, input) => removeCountEntry(ctx.db, { ...ctx.actor, ...input }),
});

export const submitCountOp = defineOperation({
  name: 'inventory.counts.submit',
  permission: 'inventory.count',
  input: countIdSchema,
  run: (ctx, input) => submitCount(ctx.db, { ...ctx.actor, ...input }),
});

export const cancelCountOp = defineOperation({
  name: 'inventory.counts.cancel',
  permission: 'inventory.count',
  input: countIdSchema,
  run: (ctx, input) => cancelCount(ctx.db, { ...ctx.actor, ...input }),
});

/** Posting the adjustments needs `inventory.approve`, a permission the counting role does not have. */
export const approveCountOp = defineOperation({
  name: 'inventory.counts.approve',
  permission: 'inventory.approve',
  input: countIdSchema,
  run: (ctx, input) => approveCount(ctx.db, { ...ctx.actor, ...input }),
});

export const rejectCountOp = defineOperation({
  name: 'inventory.counts.reject',
  permission: 'inventory.approve',
  input: rejectCountSchema,
  run: (ctx, input) => rejectCount(ctx.db, { ...ctx.actor, ...input }),
});

/** Items under their minimum stock (the low-stock list and the warehouse dashboard's number). */
export const lowStockOp = defineOperation({
  name: 'inventory.lowStock',
  permission: 'inventory.view',
  input: z.object({}),
  run: (ctx) => lowStockItems(ctx.db, { orgId: ctx.orgId }),
});

/** A count's variance report (or what its approval posted) as CSV / XLSX. */
export const exportCountOp = defineOperation({
  name: 'inventory.counts.export',
  permission: 'inventory.view',
  input: countIdSchema.extend({ format }),
  run: async (ctx, input) => ({
    sheet: await countSheet(ctx.db, { orgId: ctx.orgId, countId: input.countId, locale: ctx.locale }),
    format: input.format,
    timezone: await timezoneOf(ctx.db, ctx.orgId),
    truncated: false,
  }),
});

/** The low-stock list as CSV / XLSX. */
export const exportLowStockOp = defineOperation({
  name: 'inventory.lowStock.export',
  permission: 'inventory.view',
  input: z.object({ format }),
  run: async (ctx, input) => ({
    sheet: await lowStockSheet(ctx.db, { orgId: ctx.orgId, locale: ctx.locale }),
    format: input.format,
    timezone: await timezoneOf(ctx.db, ctx.orgId),
    truncated: false,
  }),
});
