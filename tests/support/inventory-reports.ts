import assert from 'node:assert/strict';
import type { Database } from '@/db/client';
import { inventoryItems, stockLocations } from '@/db/schema';
import * as dashboardOps from '@/lib/dashboard/operations';
import { moveQuantity, receiveUnits } from '@/lib/inventory/ledger';
import * as reportOps from '@/lib/inventory/report-operations';
import type { Result } from '@/lib/server/operation';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** B's stock: a serialized item with one unit and a bulk item, in B's warehouse. */
export async function makeReportsWorld(db: Database, orgId: string, userId: string, tag = 'B') {
  const [modem, cable] = await db
    .insert(inventoryItems)
    .values([
      {
        organizationId: orgId,
        sku: `${tag}-ONT-SECRET`,
        name: `${tag} modem rahasia`,
        category: 'ont',
        tracking: 'serial',
        minStock: 5,
      },
      {
        organizationId: orgId,
        sku: `${tag}-CABLE-SECRET`,
        name: `${tag} kabel rahasia`,
        category: 'cable',
        unit: 'm',
        tracking: 'bulk',
      },
    ])
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: `${tag} gudang rahasia`, code: `${tag}-GDG-SECRET` })
    .returning();
  const ctx = { orgId, actorUserId: userId };
  const [unit] = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 400_000,
    units: [{ serial: `${tag}SECRETSN01` }],
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'receive',
    itemId: cable!.id,
    quantity: 100,
    from: null,
    to: warehouse!.id,
    unitCost: 2_000,
  });
  return { modem: modem!, cable: cable!, warehouse: warehouse!, unit: unit! };
}

/** Every inventory report and the warehouse dashboard read nothing of B, even given B's ids. */
export function reportsIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeReportsWorld> | undefined;
  const bWorld = () => (world ??= makeReportsWorld(sides().db, sides().b.orgId, sides().b.userId));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const readsNothingOfB = (r: Result<unknown>) => {
    assert.ok(r.ok, JSON.stringify(r));
    const text = JSON.stringify(r.data);
    for (const secret of ['SECRET', 'rahasia']) assert.ok(!text.includes(secret), secret);
  };
  return {
    'inventory.units.search': async () => {
      const b = await bWorld();
      readsNothingOfB(await run(reportOps.searchUnitsOp, {}));
      readsNothingOfB(await run(reportOps.searchUnitsOp, { q: b.unit.serial }));
      readsNothingOfB(await run(reportOps.searchUnitsOp, { locationId: b.warehouse.id, itemId: b.modem.id }));
    },
    'inventory.stock': async () => {
      const b = await bWorld();
      readsNothingOfB(await run(reportOps.stockOp, {}));
      readsNothingOfB(await run(reportOps.stockOp, { by: 'item', q: 'SECRET' }));
      const r = await run(reportOps.stockOp, { locationId: b.warehouse.id });
      readsNothingOfB(r);
      assert.deepEqual((r as { data: { totals: unknown } }).data.totals, { quantity: 0, value: 0, rows: 0 });
    },
    'inventory.reports.moves': async () => {
      const b = await bWorld();
      readsNothingOfB(await run(reportOps.movesReportOp, {}));
      readsNothingOfB(await run(reportOps.movesReportOp, { itemId: b.modem.id, locationId: b.warehouse.id }));
      readsNothingOfB(await run(reportOps.movesReportOp, { technicianUserId: sides().b.userId }));
    },
    'inventory.reports.bags': async () => {
      await bWorld();
      readsNothingOfB(await run(reportOps.bagsReportOp, { userId: sides().b.userId }));
    },
    'inventory.reports.export': async () => {
      const b = await bWorld();
      for (const input of [
        { report: 'stock' },
        { report: 'moves', itemId: b.modem.id },
        { report: 'bags' },
        { report: 'installed', q: b.unit.serial },
      ]) {
        const r = await run(reportOps.exportInventoryOp, input);
        readsNothingOfB(r);
        assert.deepEqual((r as { data: { sheet: { rows: unknown[] } } }).data.sheet.rows, []);
      }
    },
    'dashboard.warehouse': async () => {
      await bWorld();
      const r = await run(dashboardOps.dashboardWarehouseOp, {});
      assert.ok(r.ok);
      assert.equal((r.data as { stockValue: number }).stockValue, 0);
      assert.equal((r.data as { lowStock: number }).lowStock, 0);
    },
  };
}

/** Inputs for the permission matrix: every report against A's own small stock. */
export async function reportsMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const w = await makeReportsWorld(db, orgId, userId, 'M');
  return {
    'inventory.units.search': { q: w.unit.serial },
    'inventory.stock': { by: 'location' },
    'inventory.reports.moves': { itemId: w.modem.id },
    'inventory.reports.bags': {},
    'inventory.reports.export': { report: 'stock' },
    'dashboard.warehouse': {},
  };
}
