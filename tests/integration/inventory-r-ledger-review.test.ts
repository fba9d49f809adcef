import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { inventoryItems, stockLevels, stockLocations, stockMoves } from '@/db/schema';
import * as catalogueOps from '@/lib/inventory/catalogue-operations';
import * as purchaseOps from '@/lib/inventory/purchase-operations';
import { parseCost } from '@/lib/inventory/stock-import';
import { executeOperation, type Operation } from '@/lib/server/operation';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeCatalogueWorld } from '../support/inventory-catalogue';

/** Review round of issue 20 (money, ledger, catalogue, receiving): each test is a bug found and fixed. */
const db = testDb();

async function world() {
  const { org, admin } = await makeOrg(db, 'rledger');
  const w = await makeCatalogueWorld(db, org.id, admin.user.id, 'R');
  const ctx = ctxFor(db, org.id, admin.user.id, 'warehouse');
  // biome-ignore lint/suspicious/noExplicitAny: any operation of the catalogue
  const run = <T>(op: Operation<any, T>, input: unknown) => executeOperation(op, ctx, input);
  const level = async (itemId: string, locationId: string) =>
    (
      await db
        .select({ q: stockLevels.quantity })
        .from(stockLevels)
        .where(and(eq(stockLevels.itemId, itemId), eq(stockLevels.locationId, locationId)))
    )[0]?.q ?? 0;
  const averageCost = async (id: string) =>
    (await db.select({ c: inventoryItems.averageCost }).from(inventoryItems).where(eq(inventoryItems.id, id)))[0]!.c;
  return { orgId: org.id, ...w, run, level, averageCost };
}

const failedWith = (r: { ok: boolean; code?: string }, code: string) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.code, code, JSON.stringify(r));
};

describe('stock import, review', () => {
  test('6,000 serials of one item at one shelf import in one go (was: over the 65,535 parameters of one insert)', async () => {
    const w = await world();
    const rows = Array.from({ length: 6000 }, (_, i) => `R-ONT,BIG${String(i).padStart(5, '0')},,R-RAK,,100000`);
    const csv = ['sku,serial,mac,location,quantity,unit_cost', ...rows].join('\n');
    const done = await w.run(catalogueOps.importStockOp, { csv });
    assert.ok(done.ok, JSON.stringify(done).slice(0, 500));
    assert.equal(done.data.imported, 6000);
    assert.equal(await w.level(w.ont.id, w.shelf.id), 6000);
    const [moves] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(stockMoves)
      .where(and(eq(stockMoves.organizationId, w.orgId), eq(stockMoves.kind, 'import')));
    assert.equal(moves!.n, 6000, 'one ledger row per unit: on hand still derivable from the ledger');
  });

  test('a cost with cents from a spreadsheet is rupiah, not a hundred times more', async () => {
    const w = await world();
    const csv = ['sku,location,quantity,unit_cost', 'R-DC,R-GDG,100,"1200.00"'].join('\n');
    const done = await w.run(catalogueOps.importStockOp, { csv });
    assert.ok(done.ok && done.data.imported === 1, JSON.stringify(done));
    assert.equal(await w.averageCost(w.cable.id), 1_200);
    assert.equal(parseCost('385000.00'), 385_000);
    assert.equal(parseCost('385.000'), 385_000);
    assert.equal(parseCost('Rp 385.000'), 385_000);
    assert.equal(parseCost('385,000'), 385_000);
    assert.equal(parseCost('Rp 1.250.000,50'), 1_250_001);
    assert.equal(parseCost('1.500'), 1_500);
    assert.equal(parseCost('-5000'), null);
    assert.equal(parseCost('abc'), null);
  });

  test('an absurd cost or quantity is a line error, never cut short nor a failed import', async () => {
    const w = await world();
    const csv = [
      'sku,serial,location,quantity,unit_cost',
      'R-ONT,HUGE-1,R-RAK,,1234567890123456',
      'R-DC,,R-GDG,999999999,1000',
    ].join('\n');
    const dry = await w.run(catalogueOps.previewStockImportOp, { csv });
    assert.ok(dry.ok, JSON.stringify(dry));
    assert.deepEqual(
      dry.data.errors.map((e) => [e.line, e.column]),
      [
        [2, 'unit_cost'],
        [3, 'quantity'],
      ],
    );
  });
});

describe('money and counts on the catalogue and orders, review', () => {
  test('a minimum stock or cost price beyond range is a field error, not an internal error', async () => {
    const w = await world();
    const base = {
      sku: 'R-BIG',
      name: 'Besar',
      category: 'ont',
      unit: 'pcs',
      tracking: 'serial',
      hasMac: 'on',
      minStock: '3000000000',
      costPrice: '100000',
    };
    failedWith(await w.run(catalogueOps.createItemOp, base), 'validation');
    failedWith(
      await w.run(catalogueOps.createItemOp, { ...base, minStock: '1', costPrice: '9000000000000000' }),
      'validation',
    );
    failedWith(
      await w.run(catalogueOps.updateItemOp, { ...base, itemId: w.ont.id, sku: 'R-ONT', minStock: '2147483648' }),
      'validation',
    );
  });

  test("a purchase order's cost per unit beyond range is refused, so the orders list keeps adding up", async () => {
    const w = await world();
    const r = await w.run(purchaseOps.createPurchaseOrderOp, {
      supplierId: w.supplier.id,
      lines: [{ itemId: w.ont.id, quantity: '100000', unitCost: '9000000000000000' }],
    });
    failedWith(r, 'validation');
    const list = await w.run(purchaseOps.listPurchaseOrdersOp, {});
    assert.ok(list.ok, JSON.stringify(list));
  });
});

describe('purchase orders, review', () => {
  test('a partly received order can be closed: what came in stays, nothing more is received', async () => {
    const w = await world();
    const part = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.ordered.id,
      lines: [{ lineId: w.cableLine, quantity: '40' }],
    });
    assert.ok(part.ok && part.data.status === 'partial', JSON.stringify(part));
    const closed = await w.run(purchaseOps.cancelPurchaseOrderOp, { purchaseOrderId: w.ordered.id });
    assert.ok(closed.ok, JSON.stringify(closed));
    assert.equal(await w.level(w.cable.id, w.shelf.id), 40, 'what arrived stays in stock');
    const more = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.ordered.id,
      lines: [{ lineId: w.cableLine, quantity: '10' }],
    });
    failedWith(more, 'inventory_po_status');
    const received = await w.run(purchaseOps.cancelPurchaseOrderOp, { purchaseOrderId: w.ordered.id });
    failedWith(received, 'inventory_po_status');
  });
});

describe('locations, review', () => {
  test('a warehouse whose shelf holds stock stays open; an empty one closes with its shelves', async () => {
    const w = await world();
    await w.run(catalogueOps.importStockOp, { csv: 'sku,location,quantity\nR-DC,R-RAK,5' });
    const close = await w.run(catalogueOps.setLocationActiveOp, { locationId: w.warehouse.id, active: 'false' });
    failedWith(close, 'inventory_location_not_empty');
    const { org, admin } = await makeOrg(db, 'rledger2');
    const v = await makeCatalogueWorld(db, org.id, admin.user.id, 'V');
    const ctx = ctxFor(db, org.id, admin.user.id, 'warehouse');
    const closed = await executeOperation(catalogueOps.setLocationActiveOp, ctx, {
      locationId: v.warehouse.id,
      active: 'false',
    });
    assert.ok(closed.ok, JSON.stringify(closed));
    const shelves = await db
      .select({ active: stockLocations.active })
      .from(stockLocations)
      .where(eq(stockLocations.parentId, v.warehouse.id));
    assert.deepEqual(
      shelves.map((s) => s.active),
      [false, false],
      'its shelves close with it: nothing is received onto a shelf of a closed warehouse',
    );
    const shelf = await executeOperation(catalogueOps.createLocationOp, ctx, {
      kind: 'shelf',
      name: 'Rak baru',
      code: 'V-RAK9',
      parentId: v.warehouse.id,
    });
    failedWith(shelf, 'not_found');
  });
});

describe('costs typed in forms, review', () => {
  test('a cost with cents is rupiah on the item and the order line, not a hundred times more', async () => {
    const w = await world();
    const item = await w.run(catalogueOps.createItemOp, {
      sku: 'R-CENTS',
      name: 'Sen',
      category: 'connector',
      unit: 'pcs',
      tracking: 'bulk',
      minStock: '0',
      costPrice: 'Rp 385.000,00',
    });
    assert.ok(item.ok, JSON.stringify(item));
    assert.equal(item.data.costPrice, 385_000);
    const po = await w.run(purchaseOps.createPurchaseOrderOp, {
      supplierId: w.supplier.id,
      lines: [{ itemId: w.cable.id, quantity: '10', unitCost: '1200.00' }],
    });
    assert.ok(po.ok, JSON.stringify(po));
    const order = await w.run(purchaseOps.getPurchaseOrderOp, { purchaseOrderId: po.data.id });
    assert.ok(order.ok);
    assert.equal(order.data.lines[0]!.unitCost, 1_200);
    failedWith(
      await w.run(catalogueOps.createItemOp, {
        sku: 'R-NEG',
        name: 'Neg',
        category: 'connector',
        unit: 'pcs',
        tracking: 'bulk',
        minStock: '0',
        costPrice: '-5',
      }),
      'validation',
    );
  });
});
