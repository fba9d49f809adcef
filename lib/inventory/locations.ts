import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { StockLocationKind } from '@/db/enums';
import { inventoryItems, stockLevels, stockLocations, stockUnits, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import type { locationSchema, updateLocationSchema } from './catalogue-schemas';

export const LOCATIONS_PAGE = 50;
/** Kinds an operator makes and renames; bags, customer, faulty and written-off locations Jaring keeps itself. */
export const OWN_KINDS = ['warehouse', 'shelf'] as const;
const CONTENT_UNITS_MAX = 500;

const parent = alias(stockLocations, 'parent');

/**
 * Locations: warehouses with their shelves first, then bags (with their technician), then the
 * rest; each with how many pieces / metres it holds.
 */
export async function listLocations(
  db: Db,
  p: { orgId: string; q?: string; kind?: StockLocationKind; active?: 'active' | 'inactive'; page?: number },
) {
  const page = Math.max(1, p.page ?? 1);
  const where: SQL | undefined = and(
    eq(stockLocations.organizationId, p.orgId),
    p.kind ? eq(stockLocations.kind, p.kind) : undefined,
    p.active ? eq(stockLocations.active, p.active === 'active') : undefined,
    p.q
      ? or(
          ilike(stockLocations.name, contains(p.q)),
          ilike(stockLocations.code, contains(p.q)),
          ilike(users.name, contains(p.q)),
        )
      : undefined,
  );
  const rows = await db
    .select({
      id: stockLocations.id,
      kind: stockLocations.kind,
      name: stockLocations.name,
      code: stockLocations.code,
      active: stockLocations.active,
      parentId: stockLocations.parentId,
      parentName: parent.name,
      technician: users.name,
      quantity: sql<number>`coalesce((select sum(l.quantity) from stock_levels l where l.location_id = ${stockLocations.id}), 0)::int`,
    })
    .from(stockLocations)
    .leftJoin(parent, eq(parent.id, stockLocations.parentId))
    .leftJoin(users, eq(users.id, stockLocations.userId))
    .where(where)
    .orderBy(
      sql`case ${stockLocations.kind} when 'warehouse' then 0 when 'shelf' then 0 when 'bag' then 1 when 'faulty' then 2 when 'written_off' then 3 else 4 end`,
      sql`coalesce(${parent.name}, ${stockLocations.name})`,
      sql`${stockLocations.parentId} nulls first`,
      asc(stockLocations.name),
      asc(stockLocations.id),
    )
    .limit(LOCATIONS_PAGE + 1)
    .offset((page - 1) * LOCATIONS_PAGE);
  return { items: rows.slice(0, LOCATIONS_PAGE), page, hasNext: rows.length > LOCATIONS_PAGE };
}

/** Active warehouses and shelves: where received or imported stock can go. */
export async function storeChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: stockLocations.id, kind: stockLocations.kind, name: stockLocations.name, code: stockLocations.code })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.active, true),
        sql`${stockLocations.kind} in ('warehouse', 'shelf')`,
      ),
    )
    .orderBy(asc(stockLocations.code));
}

/** A location and what is in it: quantities per item, and each serialized unit (linking to its history). */
export async function getLocation(db: Db, p: { orgId: string; locationId: string }) {
  const [location] = await db
    .select({
      id: stockLocations.id,
      kind: stockLocations.kind,
      name: stockLocations.name,
      code: stockLocations.code,
      active: stockLocations.active,
      parentId: stockLocations.parentId,
      parentName: parent.name,
      technician: users.name,
      subscriptionId: stockLocations.subscriptionId,
    })
    .from(stockLocations)
    .leftJoin(parent, eq(parent.id, stockLocations.parentId))
    .leftJoin(users, eq(users.id, stockLocations.userId))
    .where(and(eq(stockLocations.id, p.locationId), eq(stockLocations.organizationId, p.orgId)));
  if (!location) throw new AppError('not_found');
  const levels = await db
    .select({
      itemId: inventoryItems.id,
      sku: inventoryItems.sku,
      name: inventoryItems.name,
      unit: inventoryItems.unit,
      tracking: inventoryItems.tracking,
      quantity: stockLevels.quantity,
      value: sql<number>`(${stockLevels.quantity} * ${inventoryItems.averageCost})::bigint`.mapWith(Number),
    })
    .from(stockLevels)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockLevels.itemId))
    .where(
      and(
        eq(stockLevels.locationId, p.locationId),
        eq(stockLevels.organizationId, p.orgId),
        sql`${stockLevels.quantity} > 0`,
      ),
    )
    .orderBy(asc(inventoryItems.name));
  const units = await db
    .select({ id: stockUnits.id, serial: stockUnits.serial, mac: stockUnits.mac, itemName: inventoryItems.name })
    .from(stockUnits)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
    .where(and(eq(stockUnits.locationId, p.locationId), eq(stockUnits.organizationId, p.orgId)))
    .orderBy(asc(inventoryItems.name), asc(stockUnits.serial))
    .limit(CONTENT_UNITS_MAX + 1);
  const shelves =
    location.kind === 'warehouse'
      ? await db
          .select({ id: stockLocations.id, name: stockLocations.name, code: stockLocations.code })
          .from(stockLocations)
          .where(and(eq(stockLocations.parentId, location.id), eq(stockLocations.organizationId, p.orgId)))
          .orderBy(asc(stockLocations.code))
      : [];
  return {
    location,
    levels,
    units: units.slice(0, CONTENT_UNITS_MAX),
    moreUnits: units.length > CONTENT_UNITS_MAX,
    shelves,
  };
}

function codeTaken(error: unknown): never {
  if (uniqueViolation(error) === 'stock_locations_org_code_uq')
    throw new AppError('inventory_location_code_taken', {}, { code: 'inventoryCatalogue.errors.codeTaken' });
  throw error;
}

async function ownLocation(tx: Db, orgId: string, locationId: string) {
  const [row] = await tx
    .select({ id: stockLocations.id, kind: stockLocations.kind, code: stockLocations.code })
    .from(stockLocations)
    .where(and(eq(stockLocations.id, locationId), eq(stockLocations.organizationId, orgId)));
  if (!row) throw new AppError('not_found');
  if (row.kind !== 'warehouse' && row.kind !== 'shelf') throw new AppError('inventory_location_kept');
  return row;
}

/** A warehouse, or a shelf inside one of the organization's warehouses. */
export async function createLocation(db: Db, p: Actor & { input: z.output<typeof locationSchema> }) {
  return db.transaction(async (tx) => {
    const { kind, parentId, ...rest } = p.input;
    if (kind === 'shelf') {
      if (!parentId) throw new AppError('validation', {}, { parentId: 'validation.required' });
      const [warehouse] = await tx
        .select({ id: stockLocations.id })
        .from(stockLocations)
        .where(
          and(
            eq(stockLocations.id, parentId),
            eq(stockLocations.organizationId, p.orgId),
            eq(stockLocations.kind, 'warehouse'),
            eq(stockLocations.active, true),
          ),
        );
      if (!warehouse) throw new AppError('not_found');
    }
    const [row] = await tx
      .insert(stockLocations)
      .values({ organizationId: p.orgId, kind, parentId: kind === 'shelf' ? parentId : null, ...rest })
      .returning()
      .catch(codeTaken);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.location.created',
      entityType: 'stock_location',
      entityId: row!.id,
      data: { kind, name: row!.name, code: row!.code },
    });
    return row!;
  });
}

export async function updateLocation(db: Db, p: Actor & { input: z.output<typeof updateLocationSchema> }) {
  return db.transaction(async (tx) => {
    const { locationId, ...fields } = p.input;
    await ownLocation(tx, p.orgId, locationId);
    const [row] = await tx
      .update(stockLocations)
      .set(fields)
      .where(and(eq(stockLocations.id, locationId), eq(stockLocations.organizationId, p.orgId)))
      .returning()
      .catch(codeTaken);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.location.updated',
      entityType: 'stock_location',
      entityId: locationId,
      data: { name: row!.name, code: row!.code },
    });
    return row!;
  });
}

/**
 * A warehouse or shelf is closed only when empty (move its stock out first), never deleted; a
 * warehouse closes with its shelves, and only when they are empty too.
 */
export async function setLocationActive(db: Db, p: Actor & { locationId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const row = await ownLocation(tx, p.orgId, p.locationId);
    // A warehouse closes with its shelves: stock on a shelf keeps the warehouse open.
    const closing = or(eq(stockLocations.id, p.locationId), eq(stockLocations.parentId, p.locationId));
    if (!p.active) {
      const [held] = await tx
        .select({ n: sql<number>`coalesce(sum(${stockLevels.quantity}), 0)::int` })
        .from(stockLevels)
        .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
        .where(and(eq(stockLevels.organizationId, p.orgId), closing));
      if ((held?.n ?? 0) > 0) throw new AppError('inventory_location_not_empty', { quantity: held!.n });
    }
    await tx
      .update(stockLocations)
      .set({ active: p.active })
      .where(and(eq(stockLocations.organizationId, p.orgId), p.active ? eq(stockLocations.id, p.locationId) : closing));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.active ? 'inventory.location.activated' : 'inventory.location.deactivated',
      entityType: 'stock_location',
      entityId: row.id,
      data: { code: row.code },
    });
    return { id: row.id, active: p.active };
  });
}
