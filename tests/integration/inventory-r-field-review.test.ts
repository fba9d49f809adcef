import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, inventoryItems, stockLocations, stockMoves, stockUnits, subscriptions } from '@/db/schema';
import { lockDeviceMacOp } from '@/lib/inventory/field-operations';
import { moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { executeOperation } from '@/lib/server/operation';
import { applyFieldAction } from '@/lib/workorders/field';
import { assignWorkOrderOp, createWorkOrderOp } from '@/lib/workorders/operations';
import { fieldActionSchema } from '@/lib/workorders/schemas';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeInstallationWorld } from '../support/workorders';

const db = testDb();

/**
 * A customer with a subscription (its modem put in before the organization kept stock, MAC on
 * the subscription) and a repair work order given to a technician; with `stock`, the
 * organization has a modem in that technician's bag.
 */
async function repairWorld(p: { stock: boolean; port: number; lockedTo?: string }) {
  const { org, admin } = await makeOrg(db, 'r-field');
  const orgId = org.id;
  const world = await makeInstallationWorld(db, orgId, admin.user.id, p.port);
  await db
    .update(subscriptions)
    .set({ deviceMac: 'AA:BB:CC:00:00:99', callerId: p.lockedTo ?? null })
    .where(eq(subscriptions.id, world.subscription.id));
  if (p.stock) {
    const [modem] = await db
      .insert(inventoryItems)
      .values({ organizationId: orgId, sku: 'ONT-R', name: 'ONT', category: 'ont', tracking: 'serial' })
      .returning();
    const [warehouse] = await db
      .insert(stockLocations)
      .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang', code: 'GDG-R' })
      .returning();
    const units = await receiveUnits(db, {
      orgId,
      actorUserId: admin.user.id,
      kind: 'receive',
      itemId: modem!.id,
      to: warehouse!.id,
      unitCost: 300_000,
      units: [{ serial: 'NEWONT01', mac: 'AA:BB:CC:00:00:01' }],
    });
    const bag = await ensureTechnicianBag(db, { orgId, userId: world.tech1.id });
    await moveUnits(db, {
      orgId,
      actorUserId: admin.user.id,
      kind: 'transfer',
      to: bag.id,
      units: [{ id: units[0]!.id, from: warehouse!.id }],
    });
  }
  const ctx = ctxFor(db, orgId, admin.user.id, 'admin');
  const created = await executeOperation(createWorkOrderOp, ctx, {
    type: 'repair',
    customerId: world.subscription.customerId,
  });
  assert.ok(created.ok, JSON.stringify(created));
  const assigned = await executeOperation(assignWorkOrderOp, ctx, {
    workOrderId: created.data.id,
    technicianIds: [world.tech1.id],
  });
  assert.ok(assigned.ok, JSON.stringify(assigned));
  const swap = (over: Record<string, unknown> = {}) =>
    fieldActionSchema.parse({
      key: randomUUID(),
      workOrderId: created.data.id,
      version: assigned.data.version,
      at: new Date().toISOString(),
      type: 'swap',
      outSerial: 'OLDMODEM77',
      outTo: 'faulty',
      inSerial: 'NEWONT01',
      ...over,
    });
  return { orgId, admin, ctx, world, repairId: created.data.id, swap, base: { orgId, userId: world.tech1.id } };
}

const subscriptionOf = async (id: string) =>
  (await db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;

describe('r-field review: swaps and the caller-id lock', () => {
  test('a swap of a modem put in before the organization kept stock: the new unit goes in, nothing refused', async () => {
    const w = await repairWorld({ stock: true, port: 2 });
    const done = await applyFieldAction(db, { ...w.base, action: w.swap() });
    assert.ok(done.ok, JSON.stringify(done));
    const [unit] = await db
      .select({ kind: stockLocations.kind, subscriptionId: stockLocations.subscriptionId })
      .from(stockUnits)
      .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
      .where(and(eq(stockUnits.organizationId, w.orgId), eq(stockUnits.serial, 'NEWONT01')));
    assert.deepEqual(unit, { kind: 'customer', subscriptionId: w.world.subscription.id });
    const moves = await db.select().from(stockMoves).where(eq(stockMoves.workOrderId, w.repairId));
    assert.deepEqual(
      moves.map((m) => m.kind),
      ['swap_in'],
    );
    assert.equal((await subscriptionOf(w.world.subscription.id)).deviceMac, 'AA:BB:CC:00:00:01');
  });

  test('a swap in an organization without stock units records the typed MAC, as the finish does', async () => {
    const w = await repairWorld({ stock: false, port: 3 });
    const done = await applyFieldAction(db, {
      ...w.base,
      action: w.swap({ inSerial: 'ANYSERIAL1', macAddress: 'aa-bb-cc-00-00-42' }),
    });
    assert.ok(done.ok, JSON.stringify(done));
    assert.equal((await subscriptionOf(w.world.subscription.id)).deviceMac, 'AA:BB:CC:00:00:42');
  });

  test('a caller-id lock on the old modem follows the new one (the customer is not left offline), audited', async () => {
    const w = await repairWorld({ stock: true, port: 4, lockedTo: 'AA:BB:CC:00:00:99' });
    const done = await applyFieldAction(db, { ...w.base, action: w.swap() });
    assert.ok(done.ok, JSON.stringify(done));
    const sub = await subscriptionOf(w.world.subscription.id);
    assert.equal(sub.deviceMac, 'AA:BB:CC:00:00:01');
    assert.equal(sub.callerId, 'AA:BB:CC:00:00:01');
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'subscription.service_changed')));
    assert.deepEqual((audits[0]!.data as { after: unknown }).after, { callerId: 'AA:BB:CC:00:00:01' });
  });

  test('a lock set by hand to another MAC is left alone by a swap', async () => {
    const w = await repairWorld({ stock: true, port: 5, lockedTo: '11:22:33:44:55:66' });
    assert.ok((await applyFieldAction(db, { ...w.base, action: w.swap() })).ok);
    assert.equal((await subscriptionOf(w.world.subscription.id)).callerId, '11:22:33:44:55:66');
  });

  test('Kunci MAC refuses a MAC the page showed before a swap changed it; the confirmed one locks', async () => {
    const w = await repairWorld({ stock: false, port: 7 });
    const stale = await executeOperation(lockDeviceMacOp, w.ctx, {
      subscriptionId: w.world.subscription.id,
      mac: 'AA:BB:CC:00:00:01',
    });
    assert.equal(!stale.ok && stale.code, 'device_mac_changed');
    assert.equal((await subscriptionOf(w.world.subscription.id)).callerId, null);
    const locked = await executeOperation(lockDeviceMacOp, w.ctx, {
      subscriptionId: w.world.subscription.id,
      mac: 'AA:BB:CC:00:00:99',
    });
    assert.ok(locked.ok, JSON.stringify(locked));
    assert.equal((await subscriptionOf(w.world.subscription.id)).callerId, 'AA:BB:CC:00:00:99');
  });

  test('a swap to a modem whose MAC nobody knows clears the old MAC and lifts its lock', async () => {
    const w = await repairWorld({ stock: false, port: 8, lockedTo: 'AA:BB:CC:00:00:99' });
    assert.ok((await applyFieldAction(db, { ...w.base, action: w.swap({ inSerial: 'NOMAC0001' }) })).ok);
    const sub = await subscriptionOf(w.world.subscription.id);
    assert.equal(sub.deviceMac, null);
    assert.equal(sub.callerId, null);
    const none = await executeOperation(lockDeviceMacOp, w.ctx, { subscriptionId: w.world.subscription.id });
    assert.equal(!none.ok && none.code, 'device_mac_missing');
  });
});
