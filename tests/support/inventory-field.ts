import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { inventoryItems, jobs, stockLocations, subscriptions, workOrderTechnicians } from '@/db/schema';
import * as fieldOps from '@/lib/inventory/field-operations';
import { moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureCustomerLocation } from '@/lib/inventory/places';
import type { Operation, Result } from '@/lib/server/operation';
import { makeInstallationWorld } from './workorders';

type Sides = {
  db: Database;
  run: (op: Operation<never, unknown>, input: unknown) => Promise<Result<unknown>>;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string };
};

/**
 * An installation with a modem installed at the customer (moved on the work order) and the
 * subscription's device MAC recorded: the field lane's stock, as one organization has it.
 */
export async function makeInstalledWorld(db: Database, orgId: string, adminUserId: string, odpPort = 6) {
  const world = await makeInstallationWorld(db, orgId, adminUserId, odpPort);
  const [modem] = await db
    .insert(inventoryItems)
    .values({ organizationId: orgId, sku: `ONT-${odpPort}`, name: 'ONT rahasia', category: 'ont', tracking: 'serial' })
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang', code: `GDG-F${odpPort}` })
    .returning();
  const ctx = { orgId, actorUserId: adminUserId };
  const [unit] = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 300_000,
    units: [{ serial: `SECRET${odpPort}01`, mac: `AA:BB:CC:00:F${odpPort}:01` }],
  });
  const customer = await ensureCustomerLocation(db, { orgId, subscriptionId: world.subscription.id });
  await moveUnits(db, {
    ...ctx,
    kind: 'install',
    workOrderId: world.workOrder.id,
    units: [{ id: unit!.id, from: warehouse!.id }],
    to: customer.id,
  });
  await db
    .update(subscriptions)
    .set({ deviceMac: `AA:BB:CC:00:F${odpPort}:01` })
    .where(eq(subscriptions.id, world.subscription.id));
  return { world, unit: unit!, serial: `SECRET${odpPort}01` };
}

/** Organization A's admin reads and locks nothing of B's stock. */
export function fieldIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let b: ReturnType<typeof makeInstalledWorld> | undefined;
  const bWorld = () => (b ??= makeInstalledWorld(sides().db, sides().b.orgId, sides().b.userId));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
  };
  return {
    'inventory.field.myBag': async () => {
      const w = await bWorld();
      const r = await run(fieldOps.myBagOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(w.serial));
    },
    'inventory.field.workOrderMoves': async () =>
      notFound(await run(fieldOps.workOrderStockMovesOp, { workOrderId: (await bWorld()).world.workOrder.id })),
    'inventory.field.installed': async () =>
      notFound(await run(fieldOps.installedEquipmentOp, { subscriptionId: (await bWorld()).world.subscription.id })),
    'inventory.field.lockMac': async () => {
      const w = await bWorld();
      notFound(await run(fieldOps.lockDeviceMacOp, { subscriptionId: w.world.subscription.id }));
      const [sub] = await sides()
        .db.select({ callerId: subscriptions.callerId })
        .from(subscriptions)
        .where(eq(subscriptions.id, w.world.subscription.id));
      assert.equal(sub!.callerId, null);
      const queued = await sides().db.select().from(jobs).where(eq(jobs.organizationId, sides().a.orgId));
      assert.ok(!JSON.stringify(queued).includes(w.world.subscription.id));
    },
  };
}

export async function fieldMatrixInputs(db: Database, orgId: string, adminUserId: string) {
  const { world } = await makeInstalledWorld(db, orgId, adminUserId);
  // A technician sees the moves of work orders they are on (the matrix runs every role as the admin user).
  await db
    .insert(workOrderTechnicians)
    .values({ organizationId: orgId, workOrderId: world.workOrder.id, userId: adminUserId });
  return {
    'inventory.field.myBag': {},
    'inventory.field.workOrderMoves': { workOrderId: world.workOrder.id },
    'inventory.field.installed': { subscriptionId: world.subscription.id },
    'inventory.field.lockMac': { subscriptionId: world.subscription.id },
  };
}
