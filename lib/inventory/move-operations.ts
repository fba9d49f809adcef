import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { getUnitHistory } from './history';
import { getLabelData, listLabelChoices } from './labels';
import {
  labelsSchema,
  retireSchema,
  returnSchema,
  scanSchema,
  transferSchema,
  unitIdSchema,
  writeOffQuantitySchema,
} from './move-schemas';
import { listDestinations, readTransferScan, retireUnit, returnUnit, transferStock, writeOffQuantity } from './moves';
import { searchUnitsOp } from './report-operations';
import { exportUnits } from './unit-export';

/** Office moves (transfer, faulty / RMA, write-off, return), asset history and QR labels. */

export const moveDestinationsOp = defineOperation({
  name: 'inventory.moves.destinations',
  permission: 'inventory.move',
  input: z.object({}),
  run: (ctx) => listDestinations(ctx.db, { orgId: ctx.orgId }),
});

export const moveScanOp = defineOperation({
  name: 'inventory.moves.scan',
  permission: 'inventory.move',
  input: scanSchema,
  run: (ctx, input) => readTransferScan(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const transferOp = defineOperation({
  name: 'inventory.moves.transfer',
  permission: 'inventory.move',
  input: transferSchema,
  run: (ctx, input) => transferStock(ctx.db, { ...ctx.actor, input }),
});

export const retireUnitOp = defineOperation({
  name: 'inventory.moves.retire',
  permission: 'inventory.move',
  input: retireSchema,
  run: (ctx, input) => retireUnit(ctx.db, { ...ctx.actor, input }),
});

export const writeOffQuantityOp = defineOperation({
  name: 'inventory.moves.writeOffQuantity',
  permission: 'inventory.move',
  input: writeOffQuantitySchema,
  run: (ctx, input) => writeOffQuantity(ctx.db, { ...ctx.actor, input }),
});

export const returnUnitOp = defineOperation({
  name: 'inventory.moves.return',
  permission: 'inventory.move',
  input: returnSchema,
  run: (ctx, input) => returnUnit(ctx.db, { ...ctx.actor, input }),
});

export const unitHistoryOp = defineOperation({
  name: 'inventory.units.history',
  permission: 'inventory.view',
  input: unitIdSchema,
  run: (ctx, input) => getUnitHistory(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const labelChoicesOp = defineOperation({
  name: 'inventory.labels.choices',
  permission: 'inventory.view',
  input: z.object({}),
  run: (ctx) => listLabelChoices(ctx.db, { orgId: ctx.orgId }),
});

export const labelsOp = defineOperation({
  name: 'inventory.labels',
  permission: 'inventory.view',
  input: labelsSchema,
  run: async (ctx, input) => ({
    format: input.format,
    data: await getLabelData(ctx.db, { orgId: ctx.orgId, ...input }),
  }),
});

export const exportUnitsOp = defineOperation({
  name: 'inventory.units.export',
  permission: 'inventory.view',
  input: searchUnitsOp.input.omit({ cursor: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
  run: (ctx, input) => exportUnits(ctx.db, { orgId: ctx.orgId, locale: ctx.locale, ...input }),
});
