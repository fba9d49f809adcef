import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { ON_HAND_LOCATION_KINDS, type StockLocationKind, type StockMoveKind } from '@/db/enums';
import { inventoryItems, stockLocations, stockUnits, subscriptions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { moveQuantity, moveUnits, newBatchId } from './ledger';
import { systemLocation } from './places';
import { normalizeSerial } from './serials';

/**
 * Office moves: a transfer between own locations (warehouse, shelf, technician's
 * bag) as one batch, faulty / RMA, write-off with a reason, and a return from a customer or
 * from RMA. Installs and swaps belong to the work order's finish step (lib/workorders).
 * Every function moves through the ledger and records one audit entry, in one transaction.
 */

const OWN_KINDS: readonly StockLocationKind[] = ON_HAND_LOCATION_KINDS;
const isOwn = (kind: StockLocationKind) => OWN_KINDS.includes(kind);

/** Where a transfer can go: active warehouses, shelves and technicians' bags. */
export async function listDestinations(db: Db, p: { orgId: string }) {
  return db
    .select({
      id: stockLocations.id,
      kind: stockLocations.kind,
      name: stockLocations.name,
      code: stockLocations.code,
      technician: users.name,
    })
    .from(stockLocations)
    .leftJoin(users, eq(users.id, stockLocations.userId))
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.active, true),
        inArray(stockLocations.kind, [...OWN_KINDS]),
      ),
    )
    .orderBy(asc(stockLocations.kind), asc(stockLocations.name));
}

async function ownLocation(db: Db, orgId: string, id: string) {
  const [location] = await db
    .select({ id: stockLocations.id, kind: stockLocations.kind, name: stockLocations.name })
    .from(stockLocations)
    .where(and(eq(stockLocations.id, id), eq(stockLocations.organizationId, orgId), eq(stockLocations.active, true)));
  if (!location) throw new AppError('not_found');
  if (!isOwn(location.kind)) throw new AppError('stock_not_own_location');
  return location;
}

/** The units with these serials, where they are now; an unknown serial is refused by name. */
async function unitsBySerial(db: Db, orgId: string, serials: string[]) {
  const rows = await db
    .select({
      id: stockUnits.id,
      serial: stockUnits.serial,
      itemId: stockUnits.itemId,
      itemName: inventoryItems.name,
      locationId: stockUnits.locationId,
      locationKind: stockLocations.kind,
      locationName: stockLocations.name,
    })
    .from(stockUnits)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
    .where(and(eq(stockUnits.organizationId, orgId), inArray(stockUnits.serial, serials)));
  const unknown = serials.find((s) => !rows.some((r) => r.serial === s));
  if (unknown) throw new AppError('stock_unit_unknown', { serial: unknown });
  return rows;
}

export type ScanResult =
  | { type: 'destination'; location: { id: string; kind: StockLocationKind; name: string } }
  | { type: 'item'; item: { id: string; name: string; unit: string } }
  | {
      type: 'unit';
      unit: { id: string; serial: string; itemName: string; locationId: string; locationName: string };
    };

/**
 * What a value scanned on the transfer page is: a location's or bag's QR code (the
 * destination), a bulk item's SKU (a quantity line), or a unit's serial, which must be at an
 * own location other than the destination. Refusals say why (unknown serial, at a customer,
 * already at the destination).
 */
export async function readTransferScan(
  db: Db,
  p: { orgId: string; value: string; destinationId?: string | null },
): Promise<ScanResult> {
  const value = normalizeSerial(p.value);
  if (!value) throw new AppError('validation');
  const [location] = await db
    .select({ id: stockLocations.id, kind: stockLocations.kind, name: stockLocations.name })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.active, true),
        sql`lower(${stockLocations.code}) = lower(${value})`,
      ),
    );
  if (location) {
    if (!isOwn(location.kind)) throw new AppError('stock_not_own_location');
    return { type: 'destination', location };
  }
  const [unit] = await db
    .select({
      id: stockUnits.id,
      serial: stockUnits.serial,
      itemName: inventoryItems.name,
      locationId: stockUnits.locationId,
      locationName: stockLocations.name,
      locationKind: stockLocations.kind,
    })
    .from(stockUnits)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
    .where(and(eq(stockUnits.organizationId, p.orgId), eq(stockUnits.serial, value)));
  if (unit) {
    if (!isOwn(unit.locationKind)) throw new AppError('stock_unit_not_own', { serial: unit.serial });
    if (unit.locationId === p.destinationId) throw new AppError('stock_unit_already_there', { serial: unit.serial });
    const { locationKind: _, ...shown } = unit;
    return { type: 'unit', unit: shown };
  }
  const [item] = await db
    .select({
      id: inventoryItems.id,
      name: inventoryItems.name,
      unit: inventoryItems.unit,
      tracking: inventoryItems.tracking,
    })
    .from(inventoryItems)
    .where(
      and(
        eq(inventoryItems.organizationId, p.orgId),
        eq(inventoryItems.active, true),
        sql`lower(${inventoryItems.sku}) = lower(${value})`,
      ),
    );
  if (item?.tracking === 'bulk') return { type: 'item', item: { id: item.id, name: item.name, unit: item.unit } };
  if (item) throw new AppError('stock_item_serialized');
  throw new AppError('stock_unit_unknown', { serial: value });
}

export type TransferInput = {
  destinationId: string;
  serials: string[];
  quantities: { itemId: string; fromLocationId: string; quantity: number }[];
};

/**
 * One transfer: the scanned units and the bulk quantities to one own location, as one batch.
 * A unit coming back from a technician's bag to a warehouse or shelf is a `return`, the rest a
 * `transfer`. A unit someone moved meanwhile refuses the whole transfer (nothing is kept).
 */
export async function transferStock(db: Database, p: Actor & { input: TransferInput }) {
  const { input } = p;
  const serials = [...new Set(input.serials.map(normalizeSerial))];
  if (serials.length === 0 && input.quantities.length === 0) throw new AppError('stock_nothing_to_move');
  return db.transaction(async (tx) => {
    const to = await ownLocation(tx, p.orgId, input.destinationId);
    const batchId = newBatchId();
    const kindFrom = (fromKind: StockLocationKind): StockMoveKind =>
      fromKind === 'bag' && to.kind !== 'bag' ? 'return' : 'transfer';
    const units = serials.length ? await unitsBySerial(tx, p.orgId, serials) : [];
    for (const u of units) {
      if (!isOwn(u.locationKind)) throw new AppError('stock_unit_not_own', { serial: u.serial });
      if (u.locationId === to.id) throw new AppError('stock_unit_already_there', { serial: u.serial });
    }
    const base = { orgId: p.orgId, actorUserId: p.actorUserId, batchId, to: to.id };
    for (const kind of ['transfer', 'return'] as const) {
      const group = units.filter((u) => kindFrom(u.locationKind) === kind);
      await moveUnits(tx, { ...base, kind, units: group.map((u) => ({ id: u.id, from: u.locationId })) });
    }
    for (const q of input.quantities) {
      const from = await ownLocation(tx, p.orgId, q.fromLocationId);
      await moveQuantity(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        batchId,
        kind: kindFrom(from.kind),
        itemId: q.itemId,
        quantity: q.quantity,
        from: from.id,
        to: to.id,
      });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stockMove.transfer',
      entityType: 'stock_location',
      entityId: to.id,
      data: { batchId, serials, quantities: input.quantities },
    });
    return { batchId, units: units.length, lines: input.quantities.length, destination: to };
  });
}

/** A unit by id in this organization, with where it is. */
async function unitById(db: Db, orgId: string, unitId: string) {
  const [unit] = await db
    .select({
      id: stockUnits.id,
      serial: stockUnits.serial,
      mac: stockUnits.mac,
      locationId: stockUnits.locationId,
      locationKind: stockLocations.kind,
      subscriptionId: stockLocations.subscriptionId,
    })
    .from(stockUnits)
    .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
    .where(and(eq(stockUnits.id, unitId), eq(stockUnits.organizationId, orgId)));
  if (!unit) throw new AppError('not_found');
  return unit;
}

/**
 * A modem taken away from a customer is no longer their device: the subscription's recorded
 * MAC is cleared when it is this unit's (Kunci MAC must not lock a modem that has gone). A
 * caller-id lock already on the router stays until someone changes it on the customer page.
 */
async function releaseDeviceMac(tx: Db, unit: Awaited<ReturnType<typeof unitById>>) {
  if (unit.locationKind !== 'customer' || !unit.subscriptionId || !unit.mac) return;
  await tx
    .update(subscriptions)
    .set({ deviceMac: null, updatedAt: sql`now()` })
    .where(and(eq(subscriptions.id, unit.subscriptionId), eq(subscriptions.deviceMac, unit.mac)));
}

/**
 * Moves one unit to the faulty / RMA location (from an own location or from a customer, e.g.
 * a broken modem collected) or writes it off (reason required). Written-off units stay where
 * they are: nothing comes back from there except through a stock count.
 */
export async function retireUnit(
  db: Database,
  p: Actor & { input: { unitId: string; to: 'faulty' | 'written_off'; reason: string } },
) {
  const { unitId, to, reason } = p.input;
  return db.transaction(async (tx) => {
    const unit = await unitById(tx, p.orgId, unitId);
    if (unit.locationKind === to) throw new AppError('stock_unit_already_there', { serial: unit.serial });
    if (unit.locationKind === 'written_off') throw new AppError('stock_unit_written_off', { serial: unit.serial });
    const target = await systemLocation(tx, { orgId: p.orgId, kind: to });
    const kind = to === 'faulty' ? 'faulty' : 'write_off';
    await moveUnits(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind,
      reason,
      units: [{ id: unit.id, from: unit.locationId }],
      to: target.id,
    });
    await releaseDeviceMac(tx, unit);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: `stockMove.${kind}`,
      entityType: 'stock_unit',
      entityId: unit.id,
      data: { serial: unit.serial, reason },
    });
    return { serial: unit.serial };
  });
}

/**
 * Writes off a quantity of a bulk item (a cut cable, lost connectors) from an own location,
 * with a reason, to the written-off location.
 */
export async function writeOffQuantity(
  db: Database,
  p: Actor & { input: { itemId: string; fromLocationId: string; quantity: number; reason: string } },
) {
  const { input } = p;
  return db.transaction(async (tx) => {
    const from = await ownLocation(tx, p.orgId, input.fromLocationId);
    const target = await systemLocation(tx, { orgId: p.orgId, kind: 'written_off' });
    await moveQuantity(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind: 'write_off',
      reason: input.reason,
      itemId: input.itemId,
      quantity: input.quantity,
      from: from.id,
      to: target.id,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stockMove.write_off',
      entityType: 'inventory_item',
      entityId: input.itemId,
      data: { quantity: input.quantity, from: from.id, reason: input.reason },
    });
    return { quantity: input.quantity };
  });
}

/**
 * A unit coming back: from a customer (a cancelled subscription's modem collected) or from
 * RMA (repaired), to a warehouse, shelf or bag. Kind `return`.
 */
export async function returnUnit(
  db: Database,
  p: Actor & { input: { unitId: string; toLocationId: string; reason?: string | null } },
) {
  const { input } = p;
  return db.transaction(async (tx) => {
    const unit = await unitById(tx, p.orgId, input.unitId);
    if (unit.locationKind !== 'customer' && unit.locationKind !== 'faulty')
      throw new AppError('stock_unit_not_returnable', { serial: unit.serial });
    const to = await ownLocation(tx, p.orgId, input.toLocationId);
    await moveUnits(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind: 'return',
      reason: input.reason ?? null,
      units: [{ id: unit.id, from: unit.locationId }],
      to: to.id,
    });
    await releaseDeviceMac(tx, unit);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stockMove.return',
      entityType: 'stock_unit',
      entityId: unit.id,
      data: { serial: unit.serial, from: unit.locationId, to: to.id },
    });
    return { serial: unit.serial, destination: to };
  });
}
