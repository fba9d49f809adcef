import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { inventoryItems, purchaseOrders, stockLevels, stockMoves, stockUnits } from '@/db/schema';
import * as catalogueOps from '@/lib/inventory/catalogue-operations';
import { getUnitHistory } from '@/lib/inventory/history';
import * as purchaseOps from '@/lib/inventory/purchase-operations';
import { executeOperation, type Operation } from '@/lib/server/operation';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeCatalogueWorld } from '../support/inventory-catalogue';

const db = testDb();

async function world() {
  const { org, admin } = await makeOrg(db, 'catalogue');
  const w = await makeCatalogueWorld(db, org.id, admin.user.id, 'T');
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
  const status = async (id: string) =>
    (await db.select({ s: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, id)))[0]!.s;
  const averageCost = async (id: string) =>
    (await db.select({ c: inventoryItems.averageCost }).from(inventoryItems).where(eq(inventoryItems.id, id)))[0]!.c;
  return { orgId: org.id, ...w, run, level, status, averageCost };
}

const mac = (n: number) => `AA:BB:CC:00:00:${n.toString(16).padStart(2, '0').toUpperCase()}`;

describe('receiving a purchase order', () => {
  test('in part, then in full: units at the shelf with MACs, levels, ledger and status follow', async () => {
    const w = await world();
    const first = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.ordered.id,
      lines: [
        {
          lineId: w.ontLine,
          units: [
            { serial: 'sn-001', mac: 'aa-bb-cc-00-00-01' },
            { serial: 'SN 002', mac: mac(2) },
          ],
        },
        { lineId: w.cableLine, quantity: '40' },
      ],
    });
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.data.status, 'partial');
    assert.equal(await w.status(w.ordered.id), 'partial');
    const units = await db
      .select({ serial: stockUnits.serial, mac: stockUnits.mac, at: stockUnits.locationId })
      .from(stockUnits)
      .where(eq(stockUnits.organizationId, w.orgId))
      .orderBy(stockUnits.serial);
    assert.deepEqual(units, [
      { serial: 'SN-001', mac: mac(1), at: w.shelf.id },
      { serial: 'SN002', mac: mac(2), at: w.shelf.id },
    ]);
    assert.equal(await w.level(w.ont.id, w.shelf.id), 2);
    assert.equal(await w.level(w.cable.id, w.shelf.id), 40);
    // The unit's history names the purchase order it came in on (the page links to it).
    const [sn1] = await db
      .select({ id: stockUnits.id })
      .from(stockUnits)
      .where(and(eq(stockUnits.organizationId, w.orgId), eq(stockUnits.serial, 'SN-001')));
    const history = await getUnitHistory(db, { orgId: w.orgId, unitId: sn1!.id });
    assert.equal(history.moves[0]?.purchaseOrder?.id, w.ordered.id);

    const rest = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.ordered.id,
      locationId: w.warehouse.id,
      lines: [
        { lineId: w.ontLine, units: [3, 4, 5].map((n) => ({ serial: `SN-00${n}`, mac: mac(n) })) },
        { lineId: w.cableLine, quantity: '60' },
      ],
    });
    assert.ok(rest.ok, JSON.stringify(rest));
    assert.equal(await w.status(w.ordered.id), 'received');
    assert.equal(await w.level(w.ont.id, w.warehouse.id), 3);
    const moves = await db
      .select({ n: sql<number>`count(*)::int`, batches: sql<number>`count(distinct batch_id)::int` })
      .from(stockMoves)
      .where(and(eq(stockMoves.purchaseOrderId, w.ordered.id), eq(stockMoves.kind, 'receive')));
    assert.deepEqual(moves, [{ n: 7, batches: 2 }]);

    const again = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.ordered.id,
      lines: [{ lineId: w.cableLine, quantity: '1' }],
    });
    assert.equal(!again.ok && again.code, 'inventory_po_status');
    const draft = await w.run(purchaseOps.receivePurchaseOrderOp, {
      purchaseOrderId: w.draft.id,
      lines: [{ lineId: w.cableLine, quantity: '1' }],
    });
    assert.equal(!draft.ok && draft.code, 'inventory_po_status');
  });

  test('duplicates, missing MACs and too many are refused and nothing of the receipt is kept', async () => {
    const w = await world();
    const receive = (units: { serial: string; mac?: string }[], quantity = '0') =>
      w.run(purchaseOps.receivePurchaseOrderOp, {
        purchaseOrderId: w.ordered.id,
        lines: [
          { lineId: w.cableLine, quantity },
          { lineId: w.ontLine, units },
        ],
      });
    const twice = await receive(
      [
        { serial: 'DUP-1', mac: mac(1) },
        { serial: 'dup-1', mac: mac(2) },
      ],
      '10',
    );
    assert.equal(!twice.ok && twice.code, 'stock_serial_taken');
    assert.match(!twice.ok ? twice.message : '', /DUP-1/);
    assert.equal(await w.level(w.cable.id, w.shelf.id), 0, 'the cable of the refused receipt is not kept');

    assert.ok((await receive([{ serial: 'DUP-1', mac: mac(1) }])).ok);
    const taken = await receive([{ serial: 'DUP-1', mac: mac(3) }]);
    assert.equal(!taken.ok && taken.code, 'stock_serial_taken');
    const macTaken = await receive([{ serial: 'NEW-2', mac: mac(1) }]);
    assert.equal(!macTaken.ok && macTaken.code, 'stock_mac_taken');
    const noMac = await receive([{ serial: 'NEW-3' }]);
    assert.equal(!noMac.ok && noMac.code, 'inventory_mac_required');
    assert.ok(!noMac.ok && noMac.fieldErrors?.['lines.1.units.0.mac']);
    const tooMany = await receive([1, 2, 3, 4, 5].map((n) => ({ serial: `MANY-${n}`, mac: mac(10 + n) })));
    assert.equal(!tooMany.ok && tooMany.code, 'inventory_receive_too_many');
    const badSerial = await receive([{ serial: 'x', mac: mac(30) }]);
    assert.equal(!badSerial.ok && badSerial.code, 'validation');
    const nothing = await receive([]);
    assert.equal(!nothing.ok && nothing.code, 'inventory_receive_empty');
    assert.equal(await w.level(w.ont.id, w.shelf.id), 1);
  });

  test('cost per unit feeds the average cost of what is on hand', async () => {
    const w = await world();
    const receive = (lines: unknown[]) =>
      w.run(purchaseOps.receivePurchaseOrderOp, { purchaseOrderId: w.ordered.id, lines });
    assert.ok(
      (
        await receive([
          { lineId: w.ontLine, unitCost: 'Rp 100.000', units: [1, 2].map((n) => ({ serial: `AV-${n}`, mac: mac(n) })) },
          { lineId: w.cableLine, quantity: '40', unitCost: '1000' },
        ])
      ).ok,
    );
    assert.ok(
      (
        await receive([
          { lineId: w.ontLine, unitCost: '200000', units: [3, 4].map((n) => ({ serial: `AV-${n}`, mac: mac(n) })) },
          { lineId: w.cableLine, quantity: '60', unitCost: '2000' },
        ])
      ).ok,
    );
    assert.equal(await w.averageCost(w.ont.id), 150_000);
    assert.equal(await w.averageCost(w.cable.id), 1_600);
    const detail = await w.run(catalogueOps.getItemOp, { itemId: w.cable.id });
    assert.ok(detail.ok);
    assert.deepEqual(
      detail.data.stock.map((s) => [s.code, s.quantity]),
      [['T-RAK', 100]],
    );
  });
});

describe('importing existing stock', () => {
  test('the dry run lists every problem by line and writes nothing; then the import puts it on the books', async () => {
    const w = await world();
    const bad = [
      'sku,serial,mac,location,quantity,unit_cost',
      'T-ONT,IMP-1,AA:BB:CC:DD:EE:01,T-RAK,,90000',
      'T-ONT,IMP-1,,T-RAK,,',
      'NOPE,,,T-RAK,1,',
      'T-DC,,,NOWHERE,0,',
      'T-ONT,,zz,T-GDG,,',
    ].join('\n');
    const preview = await w.run(catalogueOps.previewStockImportOp, { csv: bad });
    assert.ok(preview.ok);
    assert.equal(preview.data.total, 5);
    assert.equal(preview.data.valid, 1);
    assert.deepEqual(
      preview.data.errors.map((e) => `${e.line}:${e.column}`),
      ['3:serial', '4:sku', '5:location', '5:quantity', '6:serial', '6:mac'],
    );
    assert.equal((await w.run(catalogueOps.importStockOp, { csv: bad })).ok, true);
    assert.equal(await w.level(w.ont.id, w.shelf.id), 0, 'all or nothing');

    const good = [
      'sku,serial,mac,location,quantity,unit_cost',
      'T-ONT,IMP-1,AA:BB:CC:DD:EE:01,T-RAK,,90000',
      'T-ONT,IMP-2,AA:BB:CC:DD:EE:02,T-RAK,,90000',
      't-dc,,,t-gdg,250,1.500',
    ].join('\n');
    const dry = await w.run(catalogueOps.previewStockImportOp, { csv: good });
    assert.ok(dry.ok);
    assert.deepEqual(dry.data.errors, []);
    assert.deepEqual(dry.data.summary, [
      { sku: 'T-ONT', location: 'T-RAK', quantity: 2 },
      { sku: 'T-DC', location: 'T-GDG', quantity: 250 },
    ]);
    assert.equal(await w.level(w.cable.id, w.warehouse.id), 0, 'the dry run writes nothing');
    const done = await w.run(catalogueOps.importStockOp, { csv: good });
    assert.ok(done.ok);
    assert.equal(done.data.imported, 3);
    assert.equal(await w.level(w.ont.id, w.shelf.id), 2);
    assert.equal(await w.level(w.cable.id, w.warehouse.id), 250);
    assert.equal(await w.averageCost(w.cable.id), 1_500);
    const kinds = await db
      .select({ kind: stockMoves.kind, n: sql<number>`count(*)::int` })
      .from(stockMoves)
      .where(eq(stockMoves.organizationId, w.orgId))
      .groupBy(stockMoves.kind);
    assert.deepEqual(kinds, [{ kind: 'import', n: 3 }]);
    const twice = await w.run(catalogueOps.previewStockImportOp, { csv: good });
    assert.ok(twice.ok);
    assert.deepEqual(
      twice.data.errors.map((e) => `${e.line}:${e.column}`),
      ['2:serial', '2:mac', '3:serial', '3:mac'],
    );
  });
});

describe('catalogue rules', () => {
  test('an SKU once per organization, a warehouse closes only when empty, items are deactivated not deleted', async () => {
    const w = await world();
    const dup = await w.run(catalogueOps.createItemOp, {
      sku: 't-ont',
      name: 'Lagi',
      category: 'ont',
      unit: 'pcs',
      tracking: 'serial',
      minStock: '0',
      costPrice: '0',
    });
    assert.equal(!dup.ok && dup.code, 'inventory_sku_taken');
    assert.ok(!dup.ok && dup.fieldErrors?.sku);
    await w.run(catalogueOps.importStockOp, { csv: 'sku,location,quantity\nT-DC,T-GDG,5' });
    const close = await w.run(catalogueOps.setLocationActiveOp, { locationId: w.warehouse.id, active: 'false' });
    assert.equal(!close.ok && close.code, 'inventory_location_not_empty');
    assert.ok((await w.run(catalogueOps.setLocationActiveOp, { locationId: w.emptyShelf.id, active: 'false' })).ok);
    assert.ok((await w.run(catalogueOps.setItemActiveOp, { itemId: w.cable.id, active: 'false' })).ok);
    const list = await w.run(catalogueOps.listItemsOp, { active: 'inactive' });
    assert.ok(list.ok);
    assert.deepEqual(
      list.data.items.map((i) => [i.sku, i.onHand]),
      [['T-DC', 5]],
    );
    const po = await w.run(purchaseOps.createPurchaseOrderOp, {
      supplierId: w.supplier.id,
      lines: [
        { itemId: w.ont.id, quantity: '1', unitCost: '1' },
        { itemId: w.ont.id, quantity: '2', unitCost: '1' },
      ],
    });
    assert.equal(!po.ok && po.code, 'inventory_po_item_twice');
  });
});
