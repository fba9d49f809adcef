import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditLogs, inventoryItems, stockLocations, stockMoves, stockUnits } from '@/db/schema';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import * as moveOps from '@/lib/inventory/move-operations';
import { ensureCustomerLocation, ensureTechnicianBag } from '@/lib/inventory/places';
import type { Result } from '@/lib/server/operation';
import { makeMember, makePlan, makeSubscriber } from '../helpers';

/**
 * A small stock world for the moves lane: a modem item (serialized, with MAC) and a drop
 * cable (bulk, metres), a warehouse with a shelf, a technician's bag, `units` modems received
 * into the warehouse, 500 m of cable, and one modem installed at a customer.
 */
export async function makeStockWorld(
  db: Database,
  orgId: string,
  actorUserId: string,
  opts: { units?: number; prefix?: string; technicianUserId?: string } = {},
) {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const prefix = opts.prefix ?? `SN${tag}`;
  const [modem, cable] = await db
    .insert(inventoryItems)
    .values([
      {
        organizationId: orgId,
        sku: `ONT-${tag}`,
        name: 'ZTE F670L',
        category: 'ont',
        tracking: 'serial',
        hasMac: true,
      },
      { organizationId: orgId, sku: `DC-${tag}`, name: 'Drop cable', category: 'cable', unit: 'm', tracking: 'bulk' },
    ])
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: `Gudang ${tag}`, code: `GDG-${tag}` })
    .returning();
  const [shelf] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'shelf', name: `Rak A ${tag}`, code: `RAK-${tag}`, parentId: warehouse!.id })
    .returning();
  const techUserId = opts.technicianUserId ?? (await makeMember(db, orgId, 'technician')).user.id;
  const bag = await ensureTechnicianBag(db, { orgId, userId: techUserId });
  const ctx = { orgId, actorUserId };
  const count = opts.units ?? 6;
  const units = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: Array.from({ length: count + 1 }, (_, i) => ({
      serial: `${prefix}${String(i + 1).padStart(3, '0')}`,
      mac: `AA:BB:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:${(i + 1).toString(16).padStart(2, '0').toUpperCase()}`,
    })),
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'receive',
    itemId: cable!.id,
    quantity: 500,
    from: null,
    to: warehouse!.id,
    unitCost: 1_500,
  });
  // The last unit is installed at a customer (what a work order's finish would do).
  const plan = await makePlan(db, orgId);
  const { customer, subscription } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
  const site = await ensureCustomerLocation(db, { orgId, subscriptionId: subscription.id });
  const installed = units[count]!;
  await moveUnits(db, { ...ctx, kind: 'transfer', to: bag.id, units: [{ id: installed.id, from: warehouse!.id }] });
  await moveUnits(db, { ...ctx, kind: 'install', to: site.id, units: [{ id: installed.id, from: bag.id }] });
  return {
    tag,
    modem: modem!,
    cable: cable!,
    warehouse: warehouse!,
    shelf: shelf!,
    bag,
    techUserId,
    units: units.slice(0, count),
    installed,
    customer,
    subscription,
    site,
  };
}

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * B's stock: A's admin can read none of it (destinations, scans, history, labels) and can move
 * none of it: every move op is not found and B's units stay where they were.
 */
export function movesIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeStockWorld> | undefined;
  const bWorld = () => (world ??= makeStockWorld(sides().db, sides().b.orgId, sides().b.userId));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const refused = (r: Result<unknown>, code = 'not_found') => {
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, code);
  };
  const unchanged = async () => {
    const b = await bWorld();
    const rows = await sides()
      .db.select({ location: stockUnits.locationId })
      .from(stockUnits)
      .where(inArray(stockUnits.id, [...b.units.map((u) => u.id), b.installed.id]));
    assert.deepEqual(rows.map((r) => r.location).sort(), [...b.units.map(() => b.warehouse.id), b.site.id].sort());
    const moves = await sides()
      .db.select({ id: stockMoves.id })
      .from(stockMoves)
      .where(eq(stockMoves.organizationId, sides().a.orgId));
    assert.deepEqual(moves, []);
    const audits = await sides()
      .db.select({ id: auditLogs.id })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, sides().a.orgId), eq(auditLogs.entityType, 'stock_unit')));
    assert.deepEqual(audits, []);
  };
  const secretsAbsent = async (r: Result<unknown>) => {
    const b = await bWorld();
    const text = JSON.stringify(r);
    for (const secret of [b.tag, b.warehouse.id, b.bag.id, b.units[0]!.serial])
      assert.ok(!text.includes(secret), secret);
  };
  return {
    'inventory.moves.destinations': async () => {
      const r = await run(moveOps.moveDestinationsOp, {});
      assert.ok(r.ok);
      await secretsAbsent(r);
    },
    'inventory.moves.scan': async () => {
      const b = await bWorld();
      for (const value of [b.units[0]!.serial, b.warehouse.code, b.bag.code, b.cable.sku]) {
        const r = await run(moveOps.moveScanOp, { value });
        refused(r, 'stock_unit_unknown');
      }
    },
    'inventory.moves.transfer': async () => {
      const b = await bWorld();
      refused(await run(moveOps.transferOp, { destinationId: b.bag.id, serials: [b.units[0]!.serial] }));
      await unchanged();
    },
    'inventory.moves.retire': async () => {
      const b = await bWorld();
      refused(await run(moveOps.retireUnitOp, { unitId: b.units[1]!.id, to: 'written_off', reason: 'hilang' }));
      refused(await run(moveOps.retireUnitOp, { unitId: b.units[1]!.id, to: 'faulty', reason: 'rusak' }));
      await unchanged();
    },
    'inventory.moves.writeOffQuantity': async () => {
      const b = await bWorld();
      refused(
        await run(moveOps.writeOffQuantityOp, {
          itemId: b.cable.id,
          fromLocationId: b.warehouse.id,
          quantity: 10,
          reason: 'putus',
        }),
      );
      await unchanged();
    },
    'inventory.moves.return': async () => {
      const b = await bWorld();
      refused(await run(moveOps.returnUnitOp, { unitId: b.installed.id, toLocationId: b.warehouse.id }));
      await unchanged();
    },
    'inventory.units.history': async () => {
      const b = await bWorld();
      refused(await run(moveOps.unitHistoryOp, { unitId: b.installed.id }));
    },
    'inventory.units.export': async () => {
      await bWorld();
      const r = await run(moveOps.exportUnitsOp, { format: 'csv' });
      assert.ok(r.ok);
      await secretsAbsent(r);
      for (const q of [(await bWorld()).units[0]!.serial, (await bWorld()).customer.name]) {
        const found = await run(moveOps.exportUnitsOp, { q });
        assert.ok(found.ok && (found.data as { sheet: { rows: unknown[] } }).sheet.rows.length === 0);
      }
    },
    'inventory.labels.choices': async () => {
      const r = await run(moveOps.labelChoicesOp, {});
      assert.ok(r.ok);
      await secretsAbsent(r);
    },
    'inventory.labels': async () => {
      const b = await bWorld();
      refused(
        await run(moveOps.labelsOp, { itemIds: [b.modem.id], locationIds: [b.bag.id], unitIds: [b.units[0]!.id] }),
      );
    },
  };
}

/** Inputs that succeed for a role allowed to run each op (every op touches its own unit). */
export async function movesMatrixInputs(db: Database, orgId: string, adminUserId: string) {
  const w = await makeStockWorld(db, orgId, adminUserId);
  return {
    'inventory.moves.destinations': {},
    'inventory.moves.scan': { value: w.units[0]!.serial, destinationId: w.bag.id },
    'inventory.moves.transfer': {
      destinationId: w.bag.id,
      serials: [w.units[0]!.serial],
      quantities: [{ itemId: w.cable.id, fromLocationId: w.warehouse.id, quantity: 20 }],
    },
    'inventory.moves.retire': { unitId: w.units[1]!.id, to: 'faulty', reason: 'tidak menyala' },
    'inventory.moves.writeOffQuantity': {
      itemId: w.cable.id,
      fromLocationId: w.warehouse.id,
      quantity: 5,
      reason: 'kabel putus',
    },
    'inventory.moves.return': { unitId: w.installed.id, toLocationId: w.warehouse.id },
    'inventory.units.history': { unitId: w.units[2]!.id },
    'inventory.labels.choices': {},
    'inventory.units.export': { format: 'csv', q: w.tag },
    'inventory.labels': { format: 'a4', itemIds: [w.modem.id], locationIds: [w.bag.id], unitIds: [w.units[2]!.id] },
  };
}
