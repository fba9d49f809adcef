import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ON_HAND_LOCATION_KINDS, type StockMoveKind } from '@/db/enums';
import { inventoryItems, stockLevels, stockMoves, stockUnits } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';

/**
 * The one way stock moves. Every function here writes the ledger row(s) (stock_moves), the
 * unit's location and the on-hand level (stock_levels) together, in the caller's transaction,
 * so a move exists exactly when what caused it does (a work order's finish, a receipt, an
 * opname's approval). Callers record the audit entry for the action as a whole.
 */
export type MoveContext = {
  orgId: string;
  actorUserId: string | null;
  kind: StockMoveKind;
  /** Groups the moves of one action (a transfer of three modems, both halves of a swap). */
  batchId?: string;
  workOrderId?: string | null;
  purchaseOrderId?: string | null;
  stockCountId?: string | null;
  reason?: string | null;
};

export const newBatchId = () => randomUUID();

/**
 * Rows per insert: Postgres takes at most 65,535 parameters in one statement and a ledger row
 * has 14, so a 10,000-serial import or an opname writing off thousands goes in slices.
 */
const INSERT_SLICE = 1000;
async function insertSliced<T>(rows: T[], insert: (slice: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) await insert(rows.slice(i, i + INSERT_SLICE));
}

function moveRow(c: MoveContext, batchId: string) {
  return {
    organizationId: c.orgId,
    batchId,
    kind: c.kind,
    workOrderId: c.workOrderId ?? null,
    purchaseOrderId: c.purchaseOrderId ?? null,
    stockCountId: c.stockCountId ?? null,
    reason: c.reason ?? null,
    actorUserId: c.actorUserId,
    createdAt: sql`clock_timestamp()`,
  };
}

/** Adds `delta` to an item's level at a location; a decrease below zero is `stock_insufficient`. */
async function changeLevel(tx: Db, p: { orgId: string; itemId: string; locationId: string; delta: number }) {
  if (p.delta > 0) {
    await tx
      .insert(stockLevels)
      .values({ organizationId: p.orgId, itemId: p.itemId, locationId: p.locationId, quantity: p.delta })
      .onConflictDoUpdate({
        target: [stockLevels.locationId, stockLevels.itemId],
        set: { quantity: sql`${stockLevels.quantity} + ${p.delta}`, updatedAt: sql`now()` },
      });
    return;
  }
  const [row] = await tx
    .update(stockLevels)
    .set({ quantity: sql`${stockLevels.quantity} + ${p.delta}`, updatedAt: sql`now()` })
    .where(
      and(
        eq(stockLevels.locationId, p.locationId),
        eq(stockLevels.itemId, p.itemId),
        eq(stockLevels.organizationId, p.orgId),
        sql`${stockLevels.quantity} >= ${-p.delta}`,
      ),
    )
    .returning({ quantity: stockLevels.quantity });
  if (!row) {
    const [level] = await tx
      .select({ quantity: stockLevels.quantity })
      .from(stockLevels)
      .where(and(eq(stockLevels.locationId, p.locationId), eq(stockLevels.itemId, p.itemId)));
    throw new AppError('stock_insufficient', { available: level?.quantity ?? 0, needed: -p.delta });
  }
}

/**
 * Moves serialized units, each from the location the caller saw it at, to `to`. The move is
 * a conditional update on the unit's one location: a unit that is no longer where the caller
 * saw it (a second technician installed it a moment ago) is `stock_unit_not_here` and nothing
 * of the call is kept. Returns the moved units.
 */
export async function moveUnits(tx: Db, p: MoveContext & { units: { id: string; from: string }[]; to: string }) {
  if (p.units.length === 0) return [];
  if (p.units.some((u) => u.from === p.to)) throw new AppError('stock_same_location');
  const ids = p.units.map((u) => u.id);
  // Postgres array literals: drizzle would spread a JS array into a row.
  const idList = `{${ids.join(',')}}`;
  const fromList = `{${p.units.map((u) => u.from).join(',')}}`;
  const moved = await tx.execute<{
    id: string;
    item_id: string;
    serial: string;
    from_id: string;
    unit_cost: string;
  }>(sql`
    update stock_units u set location_id = ${p.to}, moved_at = now()
    from unnest(${idList}::uuid[], ${fromList}::uuid[]) as v(id, from_id)
    where u.id = v.id and u.location_id = v.from_id and u.organization_id = ${p.orgId}
    returning u.id, u.item_id, u.serial, v.from_id, u.unit_cost`);
  if (moved.length !== p.units.length) {
    const done = new Set(moved.map((m) => m.id));
    const missing = ids.find((id) => !done.has(id))!;
    const [unit] = await tx
      .select({ serial: stockUnits.serial })
      .from(stockUnits)
      .where(and(eq(stockUnits.id, missing), eq(stockUnits.organizationId, p.orgId)));
    throw new AppError('stock_unit_not_here', { serial: unit?.serial ?? '' });
  }
  const counts = new Map<string, { itemId: string; from: string; n: number }>();
  for (const m of moved) {
    const key = `${m.item_id}/${m.from_id}`;
    const c = counts.get(key) ?? { itemId: m.item_id, from: m.from_id, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  for (const c of counts.values()) {
    await changeLevel(tx, { orgId: p.orgId, itemId: c.itemId, locationId: c.from, delta: -c.n });
    await changeLevel(tx, { orgId: p.orgId, itemId: c.itemId, locationId: p.to, delta: c.n });
  }
  const batchId = p.batchId ?? newBatchId();
  const rows = moved.map((m) => ({
    ...moveRow(p, batchId),
    itemId: m.item_id,
    unitId: m.id,
    quantity: 1,
    fromLocationId: m.from_id,
    toLocationId: p.to,
    unitCost: Number(m.unit_cost),
  }));
  await insertSliced(rows, (slice) => tx.insert(stockMoves).values(slice));
  return moved.map((m) => ({ id: m.id, itemId: m.item_id, serial: m.serial, from: m.from_id }));
}

/**
 * Moves a quantity of a bulk item (metres of drop cable, connectors). `from` null: stock
 * coming in (a receipt, an import, a positive count adjustment); `to` null: stock leaving the
 * books (a negative count adjustment). A quantity never goes below zero.
 */
export async function moveQuantity(
  tx: Db,
  p: MoveContext & { itemId: string; quantity: number; from: string | null; to: string | null; unitCost?: number },
) {
  if (!Number.isSafeInteger(p.quantity) || p.quantity <= 0) throw new AppError('validation');
  if (p.from === p.to) throw new AppError('stock_same_location');
  const item = await lockItem(tx, p.orgId, p.itemId);
  if (item.tracking !== 'bulk') throw new AppError('stock_item_serialized');
  if (p.from === null && p.unitCost !== undefined) await applyAverageCost(tx, p.orgId, item, p.quantity, p.unitCost);
  if (p.from) await changeLevel(tx, { orgId: p.orgId, itemId: p.itemId, locationId: p.from, delta: -p.quantity });
  if (p.to) await changeLevel(tx, { orgId: p.orgId, itemId: p.itemId, locationId: p.to, delta: p.quantity });
  const [move] = await tx
    .insert(stockMoves)
    .values({
      ...moveRow(p, p.batchId ?? newBatchId()),
      itemId: p.itemId,
      quantity: p.quantity,
      fromLocationId: p.from,
      toLocationId: p.to,
      unitCost: p.unitCost ?? item.averageCost,
    })
    .returning({ id: stockMoves.id });
  return move;
}

/**
 * Brings new serialized units onto the books at `to` (a receipt, an import, an opname's
 * unexpected unit). A serial or MAC the organization already has is refused by name
 * (`stock_serial_taken` / `stock_mac_taken`); the unique indexes are the last guard.
 */
export async function receiveUnits(
  tx: Db,
  p: MoveContext & { itemId: string; to: string; unitCost: number; units: { serial: string; mac?: string | null }[] },
) {
  if (p.units.length === 0) return [];
  const item = await lockItem(tx, p.orgId, p.itemId);
  if (item.tracking !== 'serial') throw new AppError('stock_item_bulk');
  await assertNewSerials(tx, p.orgId, p.units);
  await applyAverageCost(tx, p.orgId, item, p.units.length, p.unitCost);
  const units: { id: string; serial: string }[] = [];
  const values = p.units.map((u) => ({
    organizationId: p.orgId,
    itemId: p.itemId,
    serial: u.serial,
    mac: u.mac ?? null,
    locationId: p.to,
    unitCost: p.unitCost,
    purchaseOrderId: p.purchaseOrderId ?? null,
  }));
  try {
    await insertSliced(values, async (slice) => {
      units.push(
        ...(await tx.insert(stockUnits).values(slice).returning({ id: stockUnits.id, serial: stockUnits.serial })),
      );
    });
  } catch (error) {
    const index = uniqueViolation(error);
    if (index === 'stock_units_org_serial_uq') throw new AppError('stock_serial_taken', { serial: '' });
    if (index === 'stock_units_org_mac_uq') throw new AppError('stock_mac_taken', { mac: '' });
    throw error;
  }
  await changeLevel(tx, { orgId: p.orgId, itemId: p.itemId, locationId: p.to, delta: units.length });
  const batchId = p.batchId ?? newBatchId();
  const rows = units.map((u) => ({
    ...moveRow(p, batchId),
    itemId: p.itemId,
    unitId: u.id,
    quantity: 1,
    fromLocationId: null,
    toLocationId: p.to,
    unitCost: p.unitCost,
  }));
  await insertSliced(rows, (slice) => tx.insert(stockMoves).values(slice));
  return units;
}

/** The first serial or MAC in `units` the organization already has, refused by name. */
async function assertNewSerials(tx: Db, orgId: string, units: { serial: string; mac?: string | null }[]) {
  const serials = units.map((u) => u.serial);
  const [taken] = await tx
    .select({ serial: stockUnits.serial })
    .from(stockUnits)
    .where(and(eq(stockUnits.organizationId, orgId), inArray(stockUnits.serial, serials)))
    .limit(1);
  if (taken) throw new AppError('stock_serial_taken', { serial: taken.serial });
  const repeated = firstRepeated(serials);
  if (repeated) throw new AppError('stock_serial_taken', { serial: repeated });
  const macs = units.map((u) => u.mac).filter((m): m is string => Boolean(m));
  if (macs.length === 0) return;
  const [macTaken] = await tx
    .select({ mac: stockUnits.mac })
    .from(stockUnits)
    .where(and(eq(stockUnits.organizationId, orgId), inArray(stockUnits.mac, macs)))
    .limit(1);
  if (macTaken) throw new AppError('stock_mac_taken', { mac: macTaken.mac ?? '' });
  const macRepeated = firstRepeated(macs);
  if (macRepeated) throw new AppError('stock_mac_taken', { mac: macRepeated });
}

/** The first value listed twice (a Set: a 10,000-serial import must not compare every pair). */
function firstRepeated(values: string[]) {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/** The item, locked for the rest of the transaction (receipts of one item take turns on its average cost). */
async function lockItem(tx: Db, orgId: string, itemId: string) {
  const [item] = await tx
    .select({ id: inventoryItems.id, tracking: inventoryItems.tracking, averageCost: inventoryItems.averageCost })
    .from(inventoryItems)
    .where(and(eq(inventoryItems.id, itemId), eq(inventoryItems.organizationId, orgId)))
    .for('update');
  if (!item) throw new AppError('not_found');
  return item;
}

/**
 * Average cost valuation: what is on hand (warehouses, shelves, bags) and what comes in are
 * averaged by quantity. Installed, faulty and written-off stock no longer counts.
 */
async function applyAverageCost(
  tx: Db,
  orgId: string,
  item: { id: string; averageCost: number },
  quantity: number,
  unitCost: number,
) {
  const kinds = sql.join(
    ON_HAND_LOCATION_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const [{ onHand }] = await tx.execute<{ onHand: number }>(sql`
    select coalesce(sum(l.quantity), 0)::int as "onHand" from stock_levels l
    join stock_locations s on s.id = l.location_id
    where l.organization_id = ${orgId} and l.item_id = ${item.id} and s.kind in (${kinds})`);
  const total = onHand + quantity;
  const average = total > 0 ? Math.round((onHand * item.averageCost + quantity * unitCost) / total) : unitCost;
  await tx
    .update(inventoryItems)
    .set({ averageCost: average, updatedAt: sql`now()` })
    .where(eq(inventoryItems.id, item.id));
}
