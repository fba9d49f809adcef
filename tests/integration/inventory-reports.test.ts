import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers, inventoryItems, stockLocations } from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import { warehouseDashboard } from '@/lib/dashboard/warehouse';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { lowStockItems } from '@/lib/inventory/low-stock';
import { bagContents, listMoves } from '@/lib/inventory/move-report';
import { ensureCustomerLocation, ensureTechnicianBag } from '@/lib/inventory/places';
import { exportInventoryOp } from '@/lib/inventory/report-operations';
import { stockOnHand } from '@/lib/inventory/stock';
import { searchUnits } from '@/lib/inventory/unit-search';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();

/** A warehouse with 3 modems (one installed at a customer) and 1000 m of cable, 300 m in a bag. */
async function world() {
  const { org, admin } = await makeOrg(db, 'invrep');
  const orgId = org.id;
  const ctx = { orgId, actorUserId: admin.user.id };
  const [modem, cable] = await db
    .insert(inventoryItems)
    .values([
      { organizationId: orgId, sku: 'ONT-F670', name: 'ZTE F670L', category: 'ont', tracking: 'serial', hasMac: true },
      { organizationId: orgId, sku: 'DC-1C', name: 'Drop cable', category: 'cable', unit: 'm', tracking: 'bulk' },
    ])
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang utama', code: 'GDG-1' })
    .returning();
  const tech = await makeMember(db, orgId, 'technician');
  const bag = await ensureTechnicianBag(db, { orgId, userId: tech.user.id });
  const units = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: [{ serial: 'ZTEG0001', mac: 'AA:BB:CC:00:00:01' }, { serial: 'ZTEG0002' }, { serial: 'HWT0003' }],
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'receive',
    itemId: cable!.id,
    quantity: 1000,
    from: null,
    to: warehouse!.id,
    unitCost: 1_500,
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'transfer',
    itemId: cable!.id,
    quantity: 300,
    from: warehouse!.id,
    to: bag.id,
  });
  const plan = await makePlan(db, orgId);
  const { customer, subscription } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
  await db
    .update(customers)
    .set({ name: 'Budi Santoso', searchText: 'budi santoso' })
    .where(eq(customers.id, customer.id));
  const home = await ensureCustomerLocation(db, { orgId, subscriptionId: subscription.id });
  await moveUnits(db, { ...ctx, kind: 'install', to: home.id, units: [{ id: units[0]!.id, from: warehouse!.id }] });
  return { orgId, admin, tech, modem: modem!, cable: cable!, warehouse: warehouse!, bag, home, units, customer };
}

describe('inventory reports', () => {
  test('unit search by serial, serial start, MAC and customer, within the organization only', async () => {
    const w = await world();
    const other = await world();
    const serials = async (q?: string, extra: object = {}) =>
      (await searchUnits(db, { orgId: w.orgId, q, ...extra })).items.map((u) => u.serial);
    assert.deepEqual(await serials(), ['HWT0003', 'ZTEG0001', 'ZTEG0002']);
    assert.deepEqual(await serials('zteg0002'), ['ZTEG0002']);
    assert.deepEqual(await serials('ZTEG'), ['ZTEG0001', 'ZTEG0002']);
    assert.deepEqual(await serials('aa-bb-cc-00-00-01'), ['ZTEG0001']);
    assert.deepEqual(await serials('budi'), ['ZTEG0001']);
    assert.deepEqual(await serials(undefined, { kind: 'warehouse' }), ['HWT0003', 'ZTEG0002']);
    assert.deepEqual(await serials(undefined, { locationId: w.home.id }), ['ZTEG0001']);
    assert.deepEqual(await serials(undefined, { locationId: other.home.id }), []);
    const [installed] = (await searchUnits(db, { orgId: w.orgId, q: 'ZTEG0001' })).items;
    assert.equal(installed?.customerName, 'Budi Santoso');
    assert.equal(installed?.locationKind, 'customer');
  });

  test('stock on hand per location and per item, valued at average cost', async () => {
    const w = await world();
    await world();
    const byLocation = await stockOnHand(db, { orgId: w.orgId });
    const rows = byLocation.items.map((r) => `${r.locationCode}/${r.itemSku}=${r.quantity}@${r.value}`).sort();
    // The installed modem is at the customer, not on hand.
    assert.equal(rows.length, 3);
    assert.ok(rows.includes('GDG-1/ONT-F670=2@700000'));
    assert.ok(rows.includes('GDG-1/DC-1C=700@1050000'));
    assert.equal(byLocation.totals.value, 700_000 + 1000 * 1_500);
    const byItem = await stockOnHand(db, { orgId: w.orgId, by: 'item' });
    assert.deepEqual(
      byItem.items.map((r) => `${r.itemSku}=${r.quantity}`),
      ['DC-1C=1000', 'ONT-F670=2'],
    );
    // Only serialized items have units to list ("Lihat unit" shows for them alone).
    assert.deepEqual(
      byItem.items.map((r) => r.tracking),
      ['bulk', 'serial'],
    );
    const inBags = await stockOnHand(db, { orgId: w.orgId, kind: 'bag' });
    assert.deepEqual(
      inBags.items.map((r) => `${r.itemSku}=${r.quantity}`),
      ['DC-1C=300'],
    );
    const atCustomers = await stockOnHand(db, { orgId: w.orgId, kind: 'customer', category: 'ont' });
    assert.equal(atCustomers.totals.quantity, 1);
    assert.equal((await stockOnHand(db, { orgId: w.orgId, q: 'zte' })).totals.quantity, 2);
  });

  test('moves by period, kind and technician; bag contents; below minimum; dashboard; export', async () => {
    const w = await world();
    const all = await listMoves(db, { orgId: w.orgId });
    // 3 units received, cable received, cable to the bag, one modem installed: newest first.
    assert.deepEqual(
      all.items.map((m) => m.kind),
      ['install', 'transfer', 'receive', 'receive', 'receive', 'receive'],
    );
    assert.equal(all.items[0]?.serial, 'ZTEG0001');
    assert.equal(all.items[0]?.to?.kind, 'customer');
    const bagMoves = await listMoves(db, { orgId: w.orgId, technicianUserId: w.tech.user.id });
    assert.deepEqual(
      bagMoves.items.map((m) => `${m.kind}:${m.quantity}`),
      ['transfer:300'],
    );
    // Periods are days in the organization's zone (Asia/Jakarta), not in UTC.
    const today = localDate(new Date(), 'Asia/Jakarta');
    assert.equal(
      (await listMoves(db, { orgId: w.orgId, kind: 'receive', from: '2000-01-01', to: today })).items.length,
      4,
    );
    assert.equal((await listMoves(db, { orgId: w.orgId, from: '2000-01-01', to: '2000-01-31' })).items.length, 0);
    const paged = await listMoves(db, { orgId: w.orgId, limit: 4 });
    const rest = await listMoves(db, { orgId: w.orgId, limit: 4, cursor: paged.nextCursor! });
    assert.equal(rest.items.length, 2);

    assert.deepEqual(
      (await bagContents(db, { orgId: w.orgId })).map((b) => `${b.itemSku}=${b.quantity}@${b.value}`),
      ['DC-1C=300@450000'],
    );
    assert.deepEqual(
      (await lowStockItems(db, { orgId: w.orgId })).map((i) => i.sku),
      [],
    );
    await db.update(inventoryItems).set({ minStock: 5 }).where(eq(inventoryItems.id, w.modem.id));
    assert.deepEqual(
      (await lowStockItems(db, { orgId: w.orgId })).map((i) => `${i.sku}:${i.onHand}<${i.minStock}`),
      ['ONT-F670:2<5'],
    );
    assert.deepEqual(await warehouseDashboard(db, { orgId: w.orgId }), {
      stockValue: 700_000 + 1000 * 1_500,
      lowStock: 1,
      unitsInBags: 0,
      countsAwaitingApproval: 0,
      purchaseOrdersExpected: 0,
    });

    const ctx = ctxFor(db, w.orgId, w.admin.user.id, 'admin');
    const csv = await executeOperation(exportInventoryOp, ctx, { report: 'installed', format: 'csv' });
    assert.ok(csv.ok);
    const [row] = csv.data.sheet.rows.map((r) => r.map((c) => c.v));
    assert.equal(csv.data.sheet.rows.length, 1);
    assert.match(String(row![0]), /^C-\d{6}$/);
    assert.deepEqual(row!.slice(1, 5), ['Budi Santoso', 'ONT-F670', 'ZTE F670L', 'ZTEG0001']);
    const bad = await executeOperation(exportInventoryOp, ctx, { report: 'moves', from: '2026-02-31' });
    assert.equal(bad.ok, false);
  });
});
