import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import {
  inventoryItems,
  stockLevels,
  stockLocations,
  stockMoves,
  stockUnits,
  subscriptions,
  users,
  type WorkOrder,
} from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { setDeviceMac, setUnitMac, unitForWorkOrder, usesInventory } from './installation';
import { moveQuantity, moveUnits, newBatchId } from './ledger';
import { setCallerId } from './mac-lock';
import { ensureCustomerLocation, ensureTechnicianBag, systemLocation } from './places';
import { normalizeSerial } from './serials';

/**
 * Stock a technician uses on a work order, from the phone: materials by quantity and the
 * swap of a modem on a repair. Each runs inside the field step's transaction
 * (lib/workorders/field.ts), so a repeat of the step (same key) moves nothing twice.
 */

/**
 * Materials used (metres of drop cable, connectors): from the technician's own bag to the
 * subscription's customer location (kind install, on the work order), one batch. Sent as a
 * step of its own, apart from the finish, so a wrong count is refused without blocking the
 * activation. A work order without a subscription uses them up (they leave the books).
 */
export async function recordMaterialsUsed(
  tx: Db,
  p: { wo: WorkOrder; userId: string; lines: { itemId: string; quantity: number }[] },
) {
  const orgId = p.wo.organizationId;
  const bag = await ensureTechnicianBag(tx, { orgId, userId: p.userId });
  const to = p.wo.subscriptionId
    ? (await ensureCustomerLocation(tx, { orgId, subscriptionId: p.wo.subscriptionId })).id
    : null;
  const batchId = newBatchId();
  for (const line of p.lines)
    await moveQuantity(tx, {
      orgId,
      actorUserId: p.userId,
      kind: 'install',
      batchId,
      workOrderId: p.wo.id,
      itemId: line.itemId,
      quantity: line.quantity,
      from: bag.id,
      to,
    });
  return { batchId };
}

/**
 * A modem replaced at the customer on a repair: the old unit leaves this subscription's
 * location (to faulty / RMA, or back to the technician's bag when it still works), the new one
 * comes from a bag of a technician on the work order; both in one batch, and the new unit's
 * MAC (else the one typed) becomes the subscription's device MAC. An old modem that is not on
 * the books (installed before the organization kept stock) only has its serial recorded, and an
 * organization without stock units records the MAC only, as the finish does. When the PPPoE
 * caller-id lock held the old device's MAC it follows the new one (or is lifted when the new
 * MAC is not known), through the network settings: the customer is not left offline.
 */
export async function swapUnits(
  tx: Db,
  p: {
    wo: WorkOrder;
    userId: string;
    outSerial: string;
    outTo: 'faulty' | 'bag';
    inSerial: string;
    mac: string | null;
    ip?: string | null;
  },
) {
  const orgId = p.wo.organizationId;
  const subscriptionId = p.wo.subscriptionId;
  if (p.wo.type !== 'repair' || !subscriptionId) throw new AppError('stock_swap_not_repair');
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.organizationId, orgId)))
    .for('update');
  if (!sub) throw new AppError('not_found');
  let moved: { batchId: string; outUnitId: string | null; inUnitId: string } | null = null;
  let mac = p.mac;
  if (await usesInventory(tx, orgId)) {
    const customer = await ensureCustomerLocation(tx, { orgId, subscriptionId });
    const outSerial = normalizeSerial(p.outSerial);
    const [old] = await tx
      .select({ id: stockUnits.id, locationId: stockUnits.locationId })
      .from(stockUnits)
      .where(and(eq(stockUnits.organizationId, orgId), eq(stockUnits.serial, outSerial)))
      .for('update');
    if (old && old.locationId !== customer.id) throw new AppError('stock_unit_not_at_customer', { serial: outSerial });
    const { unit, here } = await unitForWorkOrder(tx, {
      orgId,
      workOrderId: p.wo.id,
      subscriptionId,
      serial: p.inSerial,
    });
    if (here) throw new AppError('stock_same_location');
    const batchId = newBatchId();
    const ctx = { orgId, actorUserId: p.userId, batchId, workOrderId: p.wo.id };
    if (old) {
      const to =
        p.outTo === 'bag'
          ? await ensureTechnicianBag(tx, { orgId, userId: p.userId })
          : await systemLocation(tx, { orgId, kind: 'faulty' });
      await moveUnits(tx, { ...ctx, kind: 'swap_out', units: [{ id: old.id, from: customer.id }], to: to.id });
    }
    await moveUnits(tx, { ...ctx, kind: 'swap_in', units: [{ id: unit.id, from: unit.locationId }], to: customer.id });
    mac = unit.mac ?? p.mac;
    if (!unit.mac && p.mac) await setUnitMac(tx, orgId, unit.id, p.mac);
    moved = { batchId, outUnitId: old?.id ?? null, inUnitId: unit.id };
  }
  // The device there now is the new one: a MAC nobody knows is no MAC, not the old modem's.
  await setDeviceMac(tx, orgId, subscriptionId, mac);
  // The lock held the device that just left: it follows the new one, or goes when its MAC is unknown.
  const lockedOld = sub.callerId !== null && sub.callerId === sub.deviceMac;
  const callerId = lockedOld && sub.callerId !== mac ? (mac ?? null) : undefined;
  if (callerId !== undefined) await setCallerId(tx, { orgId, actorUserId: p.userId, ip: p.ip ?? null, sub, callerId });
  return { ...(moved ?? {}), mac, ...(callerId !== undefined ? { callerId } : {}) };
}

/** What is in a technician's bag: units by serial, bulk items by quantity (what the phone offers and caches). */
export async function myBag(db: Db, p: { orgId: string; userId: string }) {
  const [bag] = await db
    .select({ id: stockLocations.id, code: stockLocations.code })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.kind, 'bag'),
        eq(stockLocations.userId, p.userId),
      ),
    );
  if (!bag) return { code: null, units: [], bulk: [] };
  const [units, bulk] = await Promise.all([
    db
      .select({ id: stockUnits.id, serial: stockUnits.serial, mac: stockUnits.mac, itemName: inventoryItems.name })
      .from(stockUnits)
      .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
      .where(and(eq(stockUnits.organizationId, p.orgId), eq(stockUnits.locationId, bag.id)))
      .orderBy(asc(inventoryItems.name), asc(stockUnits.serial))
      .limit(500),
    db
      .select({
        itemId: inventoryItems.id,
        name: inventoryItems.name,
        unit: inventoryItems.unit,
        quantity: stockLevels.quantity,
      })
      .from(stockLevels)
      .innerJoin(inventoryItems, eq(inventoryItems.id, stockLevels.itemId))
      .where(
        and(
          eq(stockLevels.organizationId, p.orgId),
          eq(stockLevels.locationId, bag.id),
          eq(inventoryItems.tracking, 'bulk'),
          gt(stockLevels.quantity, 0),
        ),
      )
      .orderBy(asc(inventoryItems.name)),
  ]);
  return { code: bag.code, units, bulk };
}
export type MyBag = Awaited<ReturnType<typeof myBag>>;

const fromPlace = alias(stockLocations, 'from_place');
const toPlace = alias(stockLocations, 'to_place');

/** The stock moves made on a work order, newest first (the office's work order page). */
export async function workOrderStockMoves(db: Db, p: { orgId: string; workOrderId: string }) {
  return db
    .select({
      id: stockMoves.id,
      kind: stockMoves.kind,
      createdAt: stockMoves.createdAt,
      quantity: stockMoves.quantity,
      itemName: inventoryItems.name,
      itemUnit: inventoryItems.unit,
      unitId: stockMoves.unitId,
      serial: stockUnits.serial,
      fromName: fromPlace.name,
      toName: toPlace.name,
      actorName: users.name,
    })
    .from(stockMoves)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockMoves.itemId))
    .leftJoin(stockUnits, eq(stockUnits.id, stockMoves.unitId))
    .leftJoin(fromPlace, eq(fromPlace.id, stockMoves.fromLocationId))
    .leftJoin(toPlace, eq(toPlace.id, stockMoves.toLocationId))
    .leftJoin(users, eq(users.id, stockMoves.actorUserId))
    .where(and(eq(stockMoves.organizationId, p.orgId), eq(stockMoves.workOrderId, p.workOrderId)))
    .orderBy(desc(stockMoves.createdAt))
    .limit(200);
}

/**
 * The equipment at a subscription's customer location (units by serial, bulk items by
 * quantity), with the subscription's device MAC and whether the caller-id lock already holds it.
 */
export async function installedEquipment(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [sub] = await db
    .select({ deviceMac: subscriptions.deviceMac, callerId: subscriptions.callerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  const macs = { deviceMac: sub?.deviceMac ?? null, callerId: sub?.callerId ?? null };
  const [place] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.kind, 'customer'),
        eq(stockLocations.subscriptionId, p.subscriptionId),
      ),
    );
  if (!place) return { ...macs, units: [], bulk: [] };
  const [units, bulk] = await Promise.all([
    db
      .select({
        id: stockUnits.id,
        serial: stockUnits.serial,
        mac: stockUnits.mac,
        itemName: inventoryItems.name,
        movedAt: stockUnits.movedAt,
      })
      .from(stockUnits)
      .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
      .where(and(eq(stockUnits.organizationId, p.orgId), eq(stockUnits.locationId, place.id)))
      .orderBy(asc(stockUnits.serial)),
    db
      .select({
        itemId: inventoryItems.id,
        name: inventoryItems.name,
        unit: inventoryItems.unit,
        quantity: stockLevels.quantity,
      })
      .from(stockLevels)
      .innerJoin(inventoryItems, eq(inventoryItems.id, stockLevels.itemId))
      .where(
        and(
          eq(stockLevels.organizationId, p.orgId),
          eq(stockLevels.locationId, place.id),
          eq(inventoryItems.tracking, 'bulk'),
          gt(stockLevels.quantity, 0),
        ),
      )
      .orderBy(asc(inventoryItems.name)),
  ]);
  return { ...macs, units, bulk };
}
