import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import {
  auditLogs,
  inventoryItems,
  stockLevels,
  stockLocations,
  stockMoves,
  stockUnits,
  subscriptions,
  workOrders,
} from '@/db/schema';
import { lockDeviceMacOp } from '@/lib/inventory/field-operations';
import { installedEquipment, myBag, workOrderStockMoves } from '@/lib/inventory/field-stock';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { executeOperation } from '@/lib/server/operation';
import { applyFieldAction } from '@/lib/workorders/field';
import { saveWorkOrderPhoto, saveWorkOrderSignature } from '@/lib/workorders/files';
import { assignWorkOrderOp, createWorkOrderOp } from '@/lib/workorders/operations';
import { fieldActionSchema } from '@/lib/workorders/schemas';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeInstallationWorld, PNG } from '../support/workorders';

const db = testDb();

/** An installation work order given to `technicianIds`, with its photos and signature in. */
async function readyInstallation(
  db: Database,
  p: {
    orgId: string;
    adminId: string;
    technicianIds?: (w: { tech1: string; tech2: string }) => string[];
    /** Each installation of one organization on its own port (the worlds share a pole). */
    odpPort?: number;
  },
) {
  const world = await makeInstallationWorld(db, p.orgId, p.adminId, p.odpPort);
  const ids = p.technicianIds?.({ tech1: world.tech1.id, tech2: world.tech2.id }) ?? [world.tech1.id];
  const ctx = ctxFor(db, p.orgId, p.adminId, 'admin');
  const a = await executeOperation(assignWorkOrderOp, ctx, { workOrderId: world.workOrder.id, technicianIds: ids });
  assert.ok(a.ok, JSON.stringify(a));
  const workOrderId = world.workOrder.id;
  for (const userId of ids.slice(0, 1)) {
    const base = { orgId: p.orgId, userId, workOrderId };
    for (let i = 0; i < 3; i++)
      assert.ok((await saveWorkOrderPhoto(db, { ...base, key: randomUUID(), bytes: PNG })).ok);
    assert.ok((await saveWorkOrderSignature(db, { ...base, key: randomUUID(), bytes: PNG, signedName: 'Rina' })).ok);
  }
  return { world, version: a.data.version, workOrderId };
}

const finishStep = (workOrderId: string, version: number, serialNumber: string, macAddress?: string) =>
  fieldActionSchema.parse({
    key: randomUUID(),
    workOrderId,
    version,
    at: new Date().toISOString(),
    type: 'finish',
    serialNumber,
    ...(macAddress ? { macAddress } : {}),
  });

/** An organization that uses inventory: a modem item and units received into a warehouse. */
async function stocked() {
  const { org, admin } = await makeOrg(db, 'inv-field');
  const orgId = org.id;
  const [modem] = await db
    .insert(inventoryItems)
    .values({ organizationId: orgId, sku: 'ONT-F670', name: 'ZTE F670L', category: 'ont', tracking: 'serial' })
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang', code: 'GDG-1' })
    .returning();
  const units = await receiveUnits(db, {
    orgId,
    actorUserId: admin.user.id,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: [{ serial: 'ZTEG0001', mac: 'AA:BB:CC:00:00:01' }, { serial: 'ZTEG0002' }, { serial: 'ZTEG0003' }],
  });
  return { orgId, admin, modem: modem!, warehouse: warehouse!, units };
}

/** Puts units into a technician's bag (the transfer the moves lane does by scanning). */
async function intoBag(orgId: string, actorUserId: string, userId: string, units: { id: string }[], from: string) {
  const bag = await ensureTechnicianBag(db, { orgId, userId });
  await moveUnits(db, {
    orgId,
    actorUserId,
    kind: 'transfer',
    to: bag.id,
    units: units.map((u) => ({ id: u.id, from })),
  });
  return bag;
}

async function unitAt(orgId: string, serial: string) {
  const [row] = await db
    .select({ kind: stockLocations.kind, subscriptionId: stockLocations.subscriptionId, mac: stockUnits.mac })
    .from(stockUnits)
    .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
    .where(and(eq(stockUnits.organizationId, orgId), eq(stockUnits.serial, serial)));
  return row!;
}

describe('installing stock from a work order (lib/inventory/installation.ts)', () => {
  test('the finish moves the unit from the bag to the customer and records its MAC on the subscription', async () => {
    const s = await stocked();
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    const bag = await intoBag(s.orgId, s.admin.user.id, world.tech1.id, s.units.slice(0, 2), s.warehouse.id);
    const base = { orgId: s.orgId, userId: world.tech1.id };
    // Typed in lower case with a space: the stored serial still matches; the form's MAC goes on the unit.
    const done = await applyFieldAction(db, {
      ...base,
      action: finishStep(workOrderId, version, 'zteg 0002', 'aa-bb-cc-00-00-02'),
    });
    assert.deepEqual(done, { ok: true, version });
    const at = await unitAt(s.orgId, 'ZTEG0002');
    assert.deepEqual(at, {
      kind: 'customer',
      subscriptionId: world.subscription.id,
      mac: 'AA:BB:CC:00:00:02',
    });
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.deviceMac, 'AA:BB:CC:00:00:02');
    assert.equal(sub!.status, 'active');
    const moves = await db
      .select()
      .from(stockMoves)
      .where(and(eq(stockMoves.organizationId, s.orgId), eq(stockMoves.kind, 'install')));
    assert.equal(moves.length, 1);
    assert.equal(moves[0]!.workOrderId, workOrderId);
    assert.equal(moves[0]!.fromLocationId, bag.id);
    const [level] = await db
      .select({ quantity: stockLevels.quantity })
      .from(stockLevels)
      .where(and(eq(stockLevels.locationId, bag.id), eq(stockLevels.itemId, s.modem.id)));
    assert.equal(level!.quantity, 1);
    const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, workOrderId));
    assert.equal(wo!.result?.serialNumber, 'ZTEG0002');
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, s.orgId), eq(auditLogs.action, 'workorder.finished')));
    assert.equal((audit!.data as { stockBatchId: string | null }).stockBatchId, moves[0]!.batchId);
  });

  test('a unit with a MAC on the books gives the subscription that MAC', async () => {
    const s = await stocked();
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    await intoBag(s.orgId, s.admin.user.id, world.tech1.id, s.units.slice(0, 1), s.warehouse.id);
    const done = await applyFieldAction(db, {
      orgId: s.orgId,
      userId: world.tech1.id,
      action: finishStep(workOrderId, version, 'ZTEG0001'),
    });
    assert.ok(done.ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.deviceMac, 'AA:BB:CC:00:00:01');
  });

  test('unknown serial, a unit not in a bag on the work order, one already installed: refused, nothing kept', async () => {
    const s = await stocked();
    const first = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    const second = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id, odpPort: 4 });
    await intoBag(s.orgId, s.admin.user.id, first.world.tech1.id, s.units.slice(0, 1), s.warehouse.id);
    await intoBag(s.orgId, s.admin.user.id, second.world.tech2.id, s.units.slice(1, 2), s.warehouse.id);
    const tech1 = { orgId: s.orgId, userId: first.world.tech1.id };
    const finish = (serial: string) => finishStep(first.workOrderId, first.version, serial);
    await assert.rejects(applyFieldAction(db, { ...tech1, action: finish('NOPE0001') }), /stock_serial_unknown/);
    // In the warehouse, and in the bag of a technician who is not on this work order.
    await assert.rejects(applyFieldAction(db, { ...tech1, action: finish('ZTEG0003') }), /stock_unit_not_in_bag/);
    await assert.rejects(applyFieldAction(db, { ...tech1, action: finish('ZTEG0002') }), /stock_unit_not_in_bag/);
    const [open] = await db.select().from(workOrders).where(eq(workOrders.id, first.workOrderId));
    assert.notEqual(open!.status, 'done');
    assert.ok((await applyFieldAction(db, { ...tech1, action: finish('ZTEG0001') })).ok);
    // The installed unit cannot go in at another customer.
    const tech = { orgId: s.orgId, userId: second.world.tech1.id };
    await assert.rejects(
      applyFieldAction(db, { ...tech, action: finishStep(second.workOrderId, second.version, 'ZTEG0001') }),
      /stock_unit_installed/,
    );
  });

  test('two technicians finishing with the same serial at once: exactly one wins', async () => {
    const s = await stocked();
    const a = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    // The bag's owner is on both work orders; the second is finished by its other technician.
    const b = await readyInstallation(db, {
      orgId: s.orgId,
      adminId: s.admin.user.id,
      odpPort: 4,
      technicianIds: (w) => [w.tech2, a.world.tech1.id],
    });
    await intoBag(s.orgId, s.admin.user.id, a.world.tech1.id, s.units.slice(0, 1), s.warehouse.id);
    const results = await Promise.allSettled([
      applyFieldAction(db, {
        orgId: s.orgId,
        userId: a.world.tech1.id,
        action: finishStep(a.workOrderId, a.version, 'ZTEG0001'),
      }),
      applyFieldAction(db, {
        orgId: s.orgId,
        userId: b.world.tech2.id,
        action: finishStep(b.workOrderId, b.version, 'ZTEG0001'),
      }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled' && r.value.ok);
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1, JSON.stringify(results));
    assert.equal(lost.length, 1);
    assert.match(String((lost[0] as PromiseRejectedResult).reason), /stock_unit_installed|stock_unit_not_here/);
    const installs = await db
      .select()
      .from(stockMoves)
      .where(and(eq(stockMoves.organizationId, s.orgId), eq(stockMoves.kind, 'install')));
    assert.equal(installs.length, 1);
    const done = await db
      .select({ status: workOrders.status })
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, s.orgId), eq(workOrders.status, 'done')));
    assert.equal(done.length, 1);
  });

  test('an organization without stock units keeps any serial, and still records the MAC', async () => {
    const { org, admin } = await makeOrg(db, 'no-inv');
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: org.id, adminId: admin.user.id });
    const done = await applyFieldAction(db, {
      orgId: org.id,
      userId: world.tech1.id,
      action: finishStep(workOrderId, version, 'ANY-SERIAL-1', 'aa:bb:cc:dd:ee:01'),
    });
    assert.ok(done.ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.deviceMac, 'AA:BB:CC:DD:EE:01');
    assert.equal((await db.select().from(stockMoves).where(eq(stockMoves.organizationId, org.id))).length, 0);
  });

  test('materials move from the bag to the customer by quantity and never below zero', async () => {
    const s = await stocked();
    const [cable] = await db
      .insert(inventoryItems)
      .values({
        organizationId: s.orgId,
        sku: 'DC-1C',
        name: 'Drop cable',
        category: 'cable',
        unit: 'm',
        tracking: 'bulk',
      })
      .returning();
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    const bag = await ensureTechnicianBag(db, { orgId: s.orgId, userId: world.tech1.id });
    await moveQuantity(db, {
      orgId: s.orgId,
      actorUserId: s.admin.user.id,
      kind: 'transfer',
      itemId: cable!.id,
      quantity: 100,
      from: null,
      to: bag.id,
    });
    const base = { orgId: s.orgId, userId: world.tech1.id };
    const materials = (quantity: number) =>
      fieldActionSchema.parse({
        key: randomUUID(),
        workOrderId,
        version,
        at: new Date().toISOString(),
        type: 'materials',
        lines: [{ itemId: cable!.id, quantity }],
      });
    await assert.rejects(applyFieldAction(db, { ...base, action: materials(150) }), /stock_insufficient/);
    const once = materials(35);
    assert.ok((await applyFieldAction(db, { ...base, action: once })).ok);
    // The outbox sending it twice moves it once.
    assert.ok((await applyFieldAction(db, { ...base, action: once })).ok);
    const left = await myBag(db, base);
    assert.deepEqual(
      left.bulk.map((b) => [b.name, b.quantity]),
      [['Drop cable', 65]],
    );
    const at = await installedEquipment(db, { orgId: s.orgId, subscriptionId: world.subscription.id });
    assert.deepEqual(
      at.bulk.map((b) => b.quantity),
      [35],
    );
    const moves = await workOrderStockMoves(db, { orgId: s.orgId, workOrderId });
    assert.deepEqual(
      moves.map((m) => [m.kind, m.quantity, m.itemName]),
      [['install', 35, 'Drop cable']],
    );
  });

  test('a swap on a repair: the old unit goes to faulty, the new one in from the bag, one batch, MAC updated', async () => {
    const s = await stocked();
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    await intoBag(s.orgId, s.admin.user.id, world.tech1.id, s.units.slice(0, 2), s.warehouse.id);
    const base = { orgId: s.orgId, userId: world.tech1.id };
    assert.ok((await applyFieldAction(db, { ...base, action: finishStep(workOrderId, version, 'ZTEG0002') })).ok);
    const ctx = ctxFor(db, s.orgId, s.admin.user.id, 'admin');
    const created = await executeOperation(createWorkOrderOp, ctx, {
      type: 'repair',
      customerId: world.subscription.customerId,
    });
    assert.ok(created.ok, JSON.stringify(created));
    const repairId = created.data.id;
    const assigned = await executeOperation(assignWorkOrderOp, ctx, {
      workOrderId: repairId,
      technicianIds: [world.tech1.id],
    });
    assert.ok(assigned.ok);
    const swap = (over: Record<string, unknown>) =>
      fieldActionSchema.parse({
        key: randomUUID(),
        workOrderId: repairId,
        version: assigned.data.version,
        at: new Date().toISOString(),
        type: 'swap',
        outSerial: 'ZTEG0002',
        outTo: 'faulty',
        inSerial: 'ZTEG0001',
        ...over,
      });
    // A serial that is not at this customer is refused.
    await assert.rejects(
      applyFieldAction(db, { ...base, action: swap({ outSerial: 'ZTEG0003' }) }),
      /stock_unit_not_at_customer/,
    );
    assert.ok((await applyFieldAction(db, { ...base, action: swap({}) })).ok);
    assert.equal((await unitAt(s.orgId, 'ZTEG0002')).kind, 'faulty');
    assert.equal((await unitAt(s.orgId, 'ZTEG0001')).kind, 'customer');
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.deviceMac, 'AA:BB:CC:00:00:01');
    const moves = await workOrderStockMoves(db, { orgId: s.orgId, workOrderId: repairId });
    assert.deepEqual(moves.map((m) => m.kind).sort(), ['swap_in', 'swap_out']);
    assert.equal(
      new Set((await db.select().from(stockMoves).where(eq(stockMoves.workOrderId, repairId))).map((m) => m.batchId))
        .size,
      1,
    );
    const at = await installedEquipment(db, { orgId: s.orgId, subscriptionId: world.subscription.id });
    assert.deepEqual(
      at.units.map((u) => u.serial),
      ['ZTEG0001'],
    );
  });

  test('Kunci MAC: the caller-id lock takes the device MAC through the network settings, audited; no MAC is refused', async () => {
    const s = await stocked();
    const { world, version, workOrderId } = await readyInstallation(db, { orgId: s.orgId, adminId: s.admin.user.id });
    const ctx = ctxFor(db, s.orgId, s.admin.user.id, 'admin');
    const none = await executeOperation(lockDeviceMacOp, ctx, { subscriptionId: world.subscription.id });
    assert.equal(!none.ok && none.code, 'device_mac_missing');
    await intoBag(s.orgId, s.admin.user.id, world.tech1.id, s.units.slice(0, 1), s.warehouse.id);
    const base = { orgId: s.orgId, userId: world.tech1.id };
    assert.ok((await applyFieldAction(db, { ...base, action: finishStep(workOrderId, version, 'ZTEG0001') })).ok);
    const locked = await executeOperation(lockDeviceMacOp, ctx, { subscriptionId: world.subscription.id });
    assert.ok(locked.ok, JSON.stringify(locked));
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.callerId, 'AA:BB:CC:00:00:01');
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, s.orgId), eq(auditLogs.action, 'subscription.service_changed')));
    assert.equal(audits.length, 1);
    assert.deepEqual((audits[0]!.data as { after: unknown }).after, { callerId: 'AA:BB:CC:00:00:01' });
  });
});
