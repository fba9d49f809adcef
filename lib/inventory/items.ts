import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { type InventoryCategory, type InventoryTracking, ON_HAND_LOCATION_KINDS } from '@/db/enums';
import { inventoryItems, stockLevels, stockLocations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import type { itemSchema, updateItemSchema } from './catalogue-schemas';

export const ITEMS_PAGE = 50;

/** Stock on hand of an item: warehouses, shelves and bags (installed, faulty and written-off stock is not). */
const onHandSql = sql<number>`coalesce((select sum(l.quantity) from stock_levels l join stock_locations s on s.id = l.location_id
  where l.item_id = "inventory_items"."id" and s.kind in (${sql.join(
    ON_HAND_LOCATION_KINDS.map((k) => sql`${k}`),
    sql`, `,
  )})), 0)::int`;

export type ItemFilter = {
  q?: string;
  category?: InventoryCategory;
  tracking?: InventoryTracking;
  active?: 'active' | 'inactive';
};

function itemWhere(orgId: string, f: ItemFilter): SQL | undefined {
  return and(
    eq(inventoryItems.organizationId, orgId),
    f.q ? or(ilike(inventoryItems.name, contains(f.q)), ilike(inventoryItems.sku, contains(f.q))) : undefined,
    f.category ? eq(inventoryItems.category, f.category) : undefined,
    f.tracking ? eq(inventoryItems.tracking, f.tracking) : undefined,
    f.active ? eq(inventoryItems.active, f.active === 'active') : undefined,
  );
}

const itemColumns = {
  id: inventoryItems.id,
  sku: inventoryItems.sku,
  name: inventoryItems.name,
  category: inventoryItems.category,
  unit: inventoryItems.unit,
  tracking: inventoryItems.tracking,
  hasMac: inventoryItems.hasMac,
  minStock: inventoryItems.minStock,
  costPrice: inventoryItems.costPrice,
  averageCost: inventoryItems.averageCost,
  active: inventoryItems.active,
  createdAt: inventoryItems.createdAt,
  onHand: onHandSql,
};

/** The catalogue, newest first, with what is on hand of each (below minimum is flagged by the page). */
export async function listItems(db: Db, p: ItemFilter & { orgId: string; cursor?: string }) {
  const rows = await db
    .select(itemColumns)
    .from(inventoryItems)
    .where(and(itemWhere(p.orgId, p), afterCursor(inventoryItems.createdAt, inventoryItems.id, decodeCursor(p.cursor))))
    .orderBy(desc(inventoryItems.createdAt), desc(inventoryItems.id))
    .limit(ITEMS_PAGE + 1);
  return toPage(rows, ITEMS_PAGE);
}

/** Every item the filters match, for the CSV (capped by the caller). */
export async function itemsForExport(db: Db, p: ItemFilter & { orgId: string; limit: number }) {
  return db
    .select(itemColumns)
    .from(inventoryItems)
    .where(itemWhere(p.orgId, p))
    .orderBy(asc(inventoryItems.name))
    .limit(p.limit);
}

/** Active items to choose from (a purchase order's lines, the import's SKUs). */
export async function itemChoices(db: Db, p: { orgId: string }) {
  return db
    .select({
      id: inventoryItems.id,
      sku: inventoryItems.sku,
      name: inventoryItems.name,
      unit: inventoryItems.unit,
      tracking: inventoryItems.tracking,
      hasMac: inventoryItems.hasMac,
      costPrice: inventoryItems.costPrice,
    })
    .from(inventoryItems)
    .where(and(eq(inventoryItems.organizationId, p.orgId), eq(inventoryItems.active, true)))
    .orderBy(asc(inventoryItems.name));
}

/** One item with its stock per location (every kind, installed included) and the technician of each bag. */
export async function getItem(db: Db, p: { orgId: string; itemId: string }) {
  const [item] = await db
    .select({ ...itemColumns, notes: inventoryItems.notes })
    .from(inventoryItems)
    .where(and(eq(inventoryItems.id, p.itemId), eq(inventoryItems.organizationId, p.orgId)));
  if (!item) throw new AppError('not_found');
  const stock = await db
    .select({
      locationId: stockLocations.id,
      name: stockLocations.name,
      code: stockLocations.code,
      kind: stockLocations.kind,
      technician: users.name,
      quantity: stockLevels.quantity,
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .leftJoin(users, eq(users.id, stockLocations.userId))
    .where(
      and(eq(stockLevels.organizationId, p.orgId), eq(stockLevels.itemId, p.itemId), sql`${stockLevels.quantity} > 0`),
    )
    .orderBy(asc(stockLocations.kind), asc(stockLocations.name));
  return { item, stock };
}

type ItemInput = z.output<typeof itemSchema>;

function skuTaken(error: unknown): never {
  if (uniqueViolation(error) === 'inventory_items_org_sku_uq')
    throw new AppError('inventory_sku_taken', {}, { sku: 'inventoryCatalogue.errors.skuTaken' });
  throw error;
}

export async function createItem(db: Db, p: Actor & { input: ItemInput }) {
  return db.transaction(async (tx) => {
    const { input } = p;
    // Only a serialized item can carry a MAC per unit.
    const hasMac = input.tracking === 'serial' && input.hasMac;
    const [item] = await tx
      .insert(inventoryItems)
      .values({ organizationId: p.orgId, ...input, hasMac, averageCost: input.costPrice })
      .returning()
      .catch(skuTaken);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.item.created',
      entityType: 'inventory_item',
      entityId: item!.id,
      data: { sku: item!.sku, name: item!.name, tracking: item!.tracking },
    });
    return item!;
  });
}

/** Tracking (serial / bulk) never changes: units and levels already recorded depend on it. */
export async function updateItem(db: Db, p: Actor & { input: z.output<typeof updateItemSchema> }) {
  return db.transaction(async (tx) => {
    const { itemId, ...fields } = p.input;
    const [before] = await tx
      .select({ tracking: inventoryItems.tracking })
      .from(inventoryItems)
      .where(and(eq(inventoryItems.id, itemId), eq(inventoryItems.organizationId, p.orgId)));
    if (!before) throw new AppError('not_found');
    const [item] = await tx
      .update(inventoryItems)
      .set({ ...fields, hasMac: before.tracking === 'serial' && fields.hasMac, updatedAt: sql`now()` })
      .where(and(eq(inventoryItems.id, itemId), eq(inventoryItems.organizationId, p.orgId)))
      .returning()
      .catch(skuTaken);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.item.updated',
      entityType: 'inventory_item',
      entityId: itemId,
      data: { sku: item!.sku, name: item!.name, minStock: item!.minStock, costPrice: item!.costPrice },
    });
    return item!;
  });
}

/** Deactivated, never deleted: its units and ledger rows keep their history. */
export async function setItemActive(db: Db, p: Actor & { itemId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .update(inventoryItems)
      .set({ active: p.active, updatedAt: sql`now()` })
      .where(and(eq(inventoryItems.id, p.itemId), eq(inventoryItems.organizationId, p.orgId)))
      .returning({ id: inventoryItems.id, sku: inventoryItems.sku });
    if (!item) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.active ? 'inventory.item.activated' : 'inventory.item.deactivated',
      entityType: 'inventory_item',
      entityId: item.id,
      data: { sku: item.sku },
    });
    return item;
  });
}
