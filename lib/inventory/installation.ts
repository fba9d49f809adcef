import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { stockLocations, stockUnits, subscriptions, workOrderTechnicians } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { moveUnits, newBatchId } from './ledger';
import { ensureCustomerLocation } from './places';
import { normalizeSerial } from './serials';

/**
 * An organization uses inventory once it has any serialized unit on the books. From then on a
 * serial installed from a work order must be one of its units; before that, the finish step
 * takes any serial, as it always did.
 */
export async function usesInventory(tx: Db, orgId: string) {
  const [row] = await tx
    .select({ id: stockUnits.id })
    .from(stockUnits)
    .where(eq(stockUnits.organizationId, orgId))
    .limit(1);
  return Boolean(row);
}

/**
 * The unit with this serial, locked, with where it is. Refused by name when the organization
 * does not have it, when it is already at a customer, or when it is not in the bag of a
 * technician on the work order (`stock_serial_unknown`, `stock_unit_installed`,
 * `stock_unit_not_in_bag`). A unit already at this subscription's location is returned as is.
 */
export async function unitForWorkOrder(
  tx: Db,
  p: { orgId: string; workOrderId: string; subscriptionId: string | null; serial: string },
) {
  const serial = normalizeSerial(p.serial);
  const [unit] = await tx
    .select({
      id: stockUnits.id,
      itemId: stockUnits.itemId,
      serial: stockUnits.serial,
      mac: stockUnits.mac,
      locationId: stockUnits.locationId,
    })
    .from(stockUnits)
    .where(and(eq(stockUnits.organizationId, p.orgId), eq(stockUnits.serial, serial)))
    // Two technicians finishing with the same serial take turns here: the second sees where
    // the first one put it and gets "already installed" instead of a bare conflict.
    .for('update');
  if (!unit) throw new AppError('stock_serial_unknown', { serial });
  const [place] = await tx
    .select({
      kind: stockLocations.kind,
      subscriptionId: stockLocations.subscriptionId,
      technicianOnWorkOrder: workOrderTechnicians.userId,
    })
    .from(stockLocations)
    .leftJoin(
      workOrderTechnicians,
      and(
        eq(workOrderTechnicians.workOrderId, p.workOrderId),
        eq(workOrderTechnicians.organizationId, p.orgId),
        eq(workOrderTechnicians.userId, stockLocations.userId),
      ),
    )
    .where(and(eq(stockLocations.id, unit.locationId), eq(stockLocations.organizationId, p.orgId)));
  if (place?.kind === 'customer' && p.subscriptionId && place.subscriptionId === p.subscriptionId)
    return { unit, here: true as const };
  if (place?.kind === 'customer') throw new AppError('stock_unit_installed', { serial });
  if (place?.kind !== 'bag' || !place.technicianOnWorkOrder) throw new AppError('stock_unit_not_in_bag', { serial });
  return { unit, here: false as const };
}

/**
 * The stock side of finishing an installation, in the finish's transaction: the unit with the
 * scanned serial moves from a technician's bag to the subscription's customer location (kind
 * install, on this work order), and its MAC (the unit's, else the one the form gave, which is
 * then kept on the unit too) becomes the subscription's `device_mac`, which "Kunci MAC" can
 * turn into the PPPoE caller-id lock. An organization without inventory only records the
 * form's MAC. Returns what moved, for the finish's audit entry.
 */
export async function installFromWorkOrder(
  tx: Db,
  p: {
    orgId: string;
    actorUserId: string | null;
    workOrderId: string;
    subscriptionId: string;
    serial: string;
    mac: string | null;
  },
) {
  if (!(await usesInventory(tx, p.orgId))) {
    if (p.mac) await setDeviceMac(tx, p.orgId, p.subscriptionId, p.mac);
    return null;
  }
  const { unit, here } = await unitForWorkOrder(tx, p);
  const mac = unit.mac ?? p.mac;
  if (!unit.mac && p.mac) await setUnitMac(tx, p.orgId, unit.id, p.mac);
  let batchId: string | null = null;
  if (!here) {
    const customer = await ensureCustomerLocation(tx, { orgId: p.orgId, subscriptionId: p.subscriptionId });
    batchId = newBatchId();
    await moveUnits(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind: 'install',
      batchId,
      workOrderId: p.workOrderId,
      units: [{ id: unit.id, from: unit.locationId }],
      to: customer.id,
    });
  }
  if (mac) await setDeviceMac(tx, p.orgId, p.subscriptionId, mac);
  return { unitId: unit.id, serial: unit.serial, mac, batchId };
}

export async function setDeviceMac(tx: Db, orgId: string, subscriptionId: string, mac: string | null) {
  await tx
    .update(subscriptions)
    .set({ deviceMac: mac, updatedAt: sql`now()` })
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.organizationId, orgId)));
}

export async function setUnitMac(tx: Db, orgId: string, unitId: string, mac: string) {
  const [taken] = await tx
    .select({ id: stockUnits.id })
    .from(stockUnits)
    .where(and(eq(stockUnits.organizationId, orgId), eq(stockUnits.mac, mac)));
  if (taken && taken.id !== unitId) throw new AppError('stock_mac_taken', { mac });
  try {
    await tx
      .update(stockUnits)
      .set({ mac })
      .where(and(eq(stockUnits.id, unitId), eq(stockUnits.organizationId, orgId)));
  } catch (error) {
    if (uniqueViolation(error) === 'stock_units_org_mac_uq') throw new AppError('stock_mac_taken', { mac });
    throw error;
  }
}
