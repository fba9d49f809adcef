import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { StockLocationKind } from '@/db/enums';
import { inventoryItems, stockCountEntries, stockCounts, stockLocations, stockUnits } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { validSerial } from './serials';

/**
 * Stock opname while it is being counted: one open count per location (the partial unique
 * index is the guard), serials scanned one by one, bulk items by a typed quantity that is set,
 * not added. Nothing here moves stock: only an approval posts adjustments (count-approval.ts).
 */

/** Kinds of location a count can be made of: own stock and the faulty shelf, not a customer's wall. */
export const COUNTABLE_KINDS = ['warehouse', 'shelf', 'bag', 'faulty'] as const satisfies readonly StockLocationKind[];

/** The count, locked for the rest of the transaction; `not_found` outside the organization. */
export async function lockCount(tx: Db, p: { orgId: string; countId: string }) {
  const [count] = await tx
    .select()
    .from(stockCounts)
    .where(and(eq(stockCounts.id, p.countId), eq(stockCounts.organizationId, p.orgId)))
    .for('update');
  if (!count) throw new AppError('not_found');
  return count;
}

async function countingCount(tx: Db, p: { orgId: string; countId: string }) {
  const count = await lockCount(tx, p);
  if (count.status !== 'counting') throw new AppError('stock_count_closed');
  return count;
}

export async function startCount(db: Db, p: Actor & { locationId: string; notes?: string }) {
  return db.transaction(async (tx) => {
    const [location] = await tx
      .select({ id: stockLocations.id, kind: stockLocations.kind })
      .from(stockLocations)
      .where(and(eq(stockLocations.id, p.locationId), eq(stockLocations.organizationId, p.orgId)));
    if (!location) throw new AppError('not_found');
    if (!(COUNTABLE_KINDS as readonly string[]).includes(location.kind)) throw new AppError('stock_count_location');
    let id: string;
    try {
      const [row] = await tx
        .insert(stockCounts)
        .values({ organizationId: p.orgId, locationId: p.locationId, notes: p.notes || null, startedBy: p.actorUserId })
        .returning({ id: stockCounts.id });
      id = row!.id;
    } catch (error) {
      if (uniqueViolation(error) === 'stock_counts_open_uq') throw new AppError('stock_count_open');
      throw error;
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stock_count.started',
      entityType: 'stock_count',
      entityId: id,
      data: { locationId: p.locationId },
    });
    return { id };
  });
}

export type ScanOutcome = {
  /** expected: the unit is booked here; unexpected: booked elsewhere; unknown: not on the books. */
  status: 'expected' | 'unexpected' | 'unknown';
  serial: string;
  itemName: string | null;
};

/**
 * One scanned serial. A serial already in this count is `stock_count_duplicate` (the phone
 * beeps and says so); the unique index decides when two phones scan the same label at once.
 * Scans are not audited one by one: the count's submit and approval are.
 */
export async function scanSerial(db: Db, p: Actor & { countId: string; serial: string }): Promise<ScanOutcome> {
  const serial = validSerial(p.serial);
  if (!serial) throw new AppError('validation', {}, { serial: 'validation.serialNumber' });
  return db.transaction(async (tx) => {
    const count = await countingCount(tx, p);
    const [unit] = await tx
      .select({
        id: stockUnits.id,
        itemId: stockUnits.itemId,
        locationId: stockUnits.locationId,
        name: inventoryItems.name,
      })
      .from(stockUnits)
      .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
      .where(and(eq(stockUnits.organizationId, p.orgId), eq(stockUnits.serial, serial)));
    const inserted = await tx
      .insert(stockCountEntries)
      .values({
        organizationId: p.orgId,
        stockCountId: count.id,
        itemId: unit?.itemId ?? null,
        unitId: unit?.id ?? null,
        serial,
        quantity: 1,
        countedBy: p.actorUserId,
      })
      .onConflictDoNothing()
      .returning({ id: stockCountEntries.id });
    if (inserted.length === 0) throw new AppError('stock_count_duplicate', { serial });
    const status = !unit ? 'unknown' : unit.locationId === count.locationId ? 'expected' : 'unexpected';
    return { status, serial, itemName: unit?.name ?? null };
  });
}

/** A bulk item's counted quantity at this location (typing it again replaces it). */
export async function setCountQuantity(db: Db, p: Actor & { countId: string; itemId: string; quantity: number }) {
  return db.transaction(async (tx) => {
    const count = await countingCount(tx, p);
    const [item] = await tx
      .select({ tracking: inventoryItems.tracking })
      .from(inventoryItems)
      .where(and(eq(inventoryItems.id, p.itemId), eq(inventoryItems.organizationId, p.orgId)));
    if (!item) throw new AppError('not_found');
    if (item.tracking !== 'bulk') throw new AppError('stock_item_serialized');
    await tx
      .insert(stockCountEntries)
      .values({
        organizationId: p.orgId,
        stockCountId: count.id,
        itemId: p.itemId,
        quantity: p.quantity,
        countedBy: p.actorUserId,
      })
      .onConflictDoUpdate({
        target: [stockCountEntries.stockCountId, stockCountEntries.itemId],
        targetWhere: sql`${stockCountEntries.serial} is null`,
        set: { quantity: p.quantity, countedBy: p.actorUserId, countedAt: sql`now()` },
      });
    return { itemId: p.itemId, quantity: p.quantity };
  });
}

/** Takes back a wrong scan or quantity while counting. */
export async function removeCountEntry(db: Db, p: Actor & { countId: string; entryId: string }) {
  return db.transaction(async (tx) => {
    const count = await countingCount(tx, p);
    const removed = await tx
      .delete(stockCountEntries)
      .where(
        and(
          eq(stockCountEntries.id, p.entryId),
          eq(stockCountEntries.stockCountId, count.id),
          eq(stockCountEntries.organizationId, p.orgId),
        ),
      )
      .returning({ id: stockCountEntries.id });
    if (removed.length === 0) throw new AppError('not_found');
    return { id: p.entryId };
  });
}

async function close(
  db: Db,
  p: Actor & { countId: string },
  change: { status: 'submitted' | 'cancelled'; action: string },
) {
  return db.transaction(async (tx) => {
    await countingCount(tx, p);
    await tx
      .update(stockCounts)
      .set(
        change.status === 'submitted'
          ? { status: 'submitted', submittedAt: sql`now()` }
          : { status: 'cancelled', decidedBy: p.actorUserId, decidedAt: sql`now()` },
      )
      .where(and(eq(stockCounts.id, p.countId), eq(stockCounts.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: change.action,
      entityType: 'stock_count',
      entityId: p.countId,
    });
    return { id: p.countId, status: change.status };
  });
}

/** Counting is done: the variance report waits for someone with `inventory.approve`. */
export const submitCount = (db: Db, p: Actor & { countId: string }) =>
  close(db, p, { status: 'submitted', action: 'stock_count.submitted' });

/** Abandons a count (it frees the location for a new one); nothing is posted. */
export const cancelCount = (db: Db, p: Actor & { countId: string }) =>
  close(db, p, { status: 'cancelled', action: 'stock_count.cancelled' });
