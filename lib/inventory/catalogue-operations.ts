import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { exportedSheet } from './catalogue-export';
import {
  itemIdSchema,
  itemSchema,
  listItemsSchema,
  listLocationsSchema,
  listSchema,
  locationIdSchema,
  locationSchema,
  setActiveSchema,
  supplierIdSchema,
  supplierSchema,
  updateItemSchema,
  updateLocationSchema,
} from './catalogue-schemas';
import { createItem, getItem, listItems, setItemActive, updateItem } from './items';
import { createLocation, getLocation, listLocations, setLocationActive, updateLocation } from './locations';
import { importStock, previewStockImport } from './stock-import';
import { listSuppliers, saveSupplier, setSupplierActive } from './suppliers';

const page = z.coerce.number().int().min(1).max(10_000).catch(1);

export const listItemsOp = defineOperation({
  name: 'inventory.items.list',
  permission: 'inventory.view',
  input: listItemsSchema,
  run: (ctx, input) => listItems(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getItemOp = defineOperation({
  name: 'inventory.items.get',
  permission: 'inventory.view',
  input: itemIdSchema,
  run: (ctx, input) => getItem(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const exportItemsOp = defineOperation({
  name: 'inventory.items.export',
  permission: 'inventory.view',
  input: listItemsSchema.omit({ cursor: true }),
  run: (ctx, input) => exportedSheet(ctx, input),
});

export const createItemOp = defineOperation({
  name: 'inventory.items.create',
  permission: 'inventory.manage',
  input: itemSchema,
  run: (ctx, input) => createItem(ctx.db, { ...ctx.actor, input }),
});

export const updateItemOp = defineOperation({
  name: 'inventory.items.update',
  permission: 'inventory.manage',
  input: updateItemSchema,
  run: (ctx, input) => updateItem(ctx.db, { ...ctx.actor, input }),
});

/** Deactivate (or bring back) an item: never deleted, its units keep their history. */
export const setItemActiveOp = defineOperation({
  name: 'inventory.items.setActive',
  permission: 'inventory.manage',
  input: itemIdSchema.extend(setActiveSchema.shape),
  run: (ctx, input) => setItemActive(ctx.db, { ...ctx.actor, ...input }),
});

export const listSuppliersOp = defineOperation({
  name: 'inventory.suppliers.list',
  permission: 'inventory.manage',
  input: listSchema.omit({ cursor: true }).extend({ page: page.optional() }),
  run: (ctx, input) => listSuppliers(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const createSupplierOp = defineOperation({
  name: 'inventory.suppliers.create',
  permission: 'inventory.manage',
  input: supplierSchema,
  run: (ctx, input) => saveSupplier(ctx.db, { ...ctx.actor, input }),
});

export const updateSupplierOp = defineOperation({
  name: 'inventory.suppliers.update',
  permission: 'inventory.manage',
  input: supplierSchema.extend(supplierIdSchema.shape),
  run: (ctx, { supplierId, ...input }) => saveSupplier(ctx.db, { ...ctx.actor, supplierId, input }),
});

export const setSupplierActiveOp = defineOperation({
  name: 'inventory.suppliers.setActive',
  permission: 'inventory.manage',
  input: supplierIdSchema.extend(setActiveSchema.shape),
  run: (ctx, input) => setSupplierActive(ctx.db, { ...ctx.actor, ...input }),
});

export const listLocationsOp = defineOperation({
  name: 'inventory.locations.list',
  permission: 'inventory.view',
  input: listLocationsSchema.omit({ cursor: true }).extend({ page: page.optional() }),
  run: (ctx, input) => listLocations(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getLocationOp = defineOperation({
  name: 'inventory.locations.get',
  permission: 'inventory.view',
  input: locationIdSchema,
  run: (ctx, input) => getLocation(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const createLocationOp = defineOperation({
  name: 'inventory.locations.create',
  permission: 'inventory.manage',
  input: locationSchema,
  run: (ctx, input) => createLocation(ctx.db, { ...ctx.actor, input }),
});

export const updateLocationOp = defineOperation({
  name: 'inventory.locations.update',
  permission: 'inventory.manage',
  input: updateLocationSchema,
  run: (ctx, input) => updateLocation(ctx.db, { ...ctx.actor, input }),
});

/** Close a warehouse or shelf (only when empty) or open it again. */
export const setLocationActiveOp = defineOperation({
  name: 'inventory.locations.setActive',
  permission: 'inventory.manage',
  input: locationIdSchema.extend(setActiveSchema.shape),
  run: (ctx, input) => setLocationActive(ctx.db, { ...ctx.actor, ...input }),
});

const csvSchema = z.object({ csv: z.string().min(1, 'validation.required').max(5_000_000, 'validation.tooLong') });

/** The dry run of a stock file: what would be imported and every problem, by line. */
export const previewStockImportOp = defineOperation({
  name: 'inventory.import.preview',
  permission: 'inventory.manage',
  input: csvSchema,
  run: async (ctx, input) => {
    const { rows: _rows, ...preview } = await previewStockImport(ctx.db, {
      orgId: ctx.orgId,
      csv: input.csv,
      locale: ctx.locale,
    });
    return preview;
  },
});

export const importStockOp = defineOperation({
  name: 'inventory.import.run',
  permission: 'inventory.manage',
  input: csvSchema,
  run: (ctx, input) => importStock(ctx.db, { ...ctx.actor, csv: input.csv, locale: ctx.locale }),
});
