import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { inventoryItems, purchaseOrders, stockLevels, stockLocations, suppliers } from '@/db/schema';
import * as catalogueOps from '@/lib/inventory/catalogue-operations';
import { createItem } from '@/lib/inventory/items';
import { createLocation } from '@/lib/inventory/locations';
import * as purchaseOps from '@/lib/inventory/purchase-operations';
import { changePurchaseOrderStatus, createPurchaseOrder, getPurchaseOrder } from '@/lib/inventory/purchase-orders';
import { saveSupplier } from '@/lib/inventory/suppliers';
import type { Result } from '@/lib/server/operation';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

const none = { contactName: null, phone: null, email: null, address: null, notes: null };

/**
 * A small catalogue: a serialized ONT with MAC, bulk drop cable, a warehouse with a shelf, an
 * empty shelf, a supplier, and purchase orders in draft (two) and ordered (one).
 */
export async function makeCatalogueWorld(db: Database, orgId: string, userId: string, prefix = 'K') {
  const actor = { orgId, actorUserId: userId, ip: null };
  const item = (sku: string, tracking: 'serial' | 'bulk') =>
    createItem(db, {
      ...actor,
      input: {
        sku,
        name: `${prefix} ${sku}`,
        category: tracking === 'serial' ? 'ont' : 'cable',
        unit: tracking === 'serial' ? 'pcs' : 'm',
        tracking,
        hasMac: tracking === 'serial',
        minStock: 2,
        costPrice: 100_000,
        notes: null,
      },
    });
  const ont = await item(`${prefix}-ONT`, 'serial');
  const cable = await item(`${prefix}-DC`, 'bulk');
  const warehouse = await createLocation(db, {
    ...actor,
    input: { kind: 'warehouse', name: `${prefix} gudang`, code: `${prefix}-GDG`, parentId: undefined },
  });
  const shelf = await createLocation(db, {
    ...actor,
    input: { kind: 'shelf', name: `${prefix} rak`, code: `${prefix}-RAK`, parentId: warehouse.id },
  });
  const emptyShelf = await createLocation(db, {
    ...actor,
    input: { kind: 'shelf', name: `${prefix} rak kosong`, code: `${prefix}-RAK2`, parentId: warehouse.id },
  });
  const supplier = await saveSupplier(db, { ...actor, input: { ...none, name: `${prefix} Pemasok` } });
  const po = (quantity = 5) =>
    createPurchaseOrder(db, {
      ...actor,
      input: {
        supplierId: supplier.id,
        locationId: shelf.id,
        expectedOn: undefined,
        notes: null,
        lines: [
          { itemId: ont.id, quantity, unitCost: 100_000 },
          { itemId: cable.id, quantity: 100, unitCost: 1_000 },
        ],
      },
    });
  const draft = await po();
  const draft2 = await po();
  const ordered = await po();
  await changePurchaseOrderStatus(db, { ...actor, purchaseOrderId: ordered.id, action: 'order' });
  const { lines } = await getPurchaseOrder(db, { orgId, purchaseOrderId: ordered.id });
  const lineOf = (itemId: string) => lines.find((l) => l.itemId === itemId)!.id;
  return {
    ont,
    cable,
    warehouse,
    shelf,
    emptyShelf,
    supplier,
    draft,
    draft2,
    ordered,
    ontLine: lineOf(ont.id),
    cableLine: lineOf(cable.id),
  };
}

/** A's admin can read none of B's catalogue, purchase orders or stock, and change none of it. */
export function catalogueIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeCatalogueWorld> | undefined;
  const b = () => (world ??= makeCatalogueWorld(sides().db, sides().b.orgId, sides().b.userId, 'BSEC'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const readsNothingOfB = async (r: Result<unknown>) => {
    const w = await b();
    assert.ok(r.ok, JSON.stringify(r));
    const text = JSON.stringify(r.data);
    for (const secret of ['BSEC', w.ont.id, w.supplier.id, w.warehouse.id]) assert.ok(!text.includes(secret), secret);
  };
  const db = () => sides().db;
  const itemActive = async (id: string) =>
    (await db().select({ a: inventoryItems.active }).from(inventoryItems).where(eq(inventoryItems.id, id)))[0]!.a;
  const poStatus = async (id: string) =>
    (await db().select({ s: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, id)))[0]!.s;
  return {
    'inventory.items.list': async () => readsNothingOfB(await run(catalogueOps.listItemsOp, { q: 'BSEC' })),
    'inventory.items.get': async () => notFound(await run(catalogueOps.getItemOp, { itemId: (await b()).ont.id })),
    'inventory.items.export': async () => {
      const r = await run(catalogueOps.exportItemsOp, {});
      await readsNothingOfB(r);
    },
    'inventory.items.create': async () => {
      // B's SKU says nothing about A's (SKUs are per organization): the item is A's.
      const r = await run(catalogueOps.createItemOp, {
        sku: 'AOWN-ONT',
        name: 'A modem',
        category: 'ont',
        unit: 'pcs',
        tracking: 'serial',
        minStock: '0',
        costPrice: '1000',
      });
      assert.ok(r.ok, JSON.stringify(r));
      const [own] = await db()
        .select({ org: inventoryItems.organizationId })
        .from(inventoryItems)
        .where(eq(inventoryItems.id, (r.data as { id: string }).id));
      assert.equal(own!.org, sides().a.orgId);
    },
    'inventory.items.update': async () => {
      const w = await b();
      notFound(
        await run(catalogueOps.updateItemOp, {
          itemId: w.ont.id,
          sku: 'X-1',
          name: 'dirusak',
          category: 'ont',
          unit: 'pcs',
          minStock: '0',
          costPrice: '1',
        }),
      );
      const [row] = await db()
        .select({ name: inventoryItems.name })
        .from(inventoryItems)
        .where(eq(inventoryItems.id, w.ont.id));
      assert.equal(row!.name, 'BSEC BSEC-ONT');
    },
    'inventory.items.setActive': async () => {
      const w = await b();
      notFound(await run(catalogueOps.setItemActiveOp, { itemId: w.ont.id, active: 'false' }));
      assert.equal(await itemActive(w.ont.id), true);
    },
    'inventory.suppliers.list': async () => readsNothingOfB(await run(catalogueOps.listSuppliersOp, { q: 'BSEC' })),
    'inventory.suppliers.create': async () => {
      await b();
      const r = await run(catalogueOps.createSupplierOp, { name: 'AOWN Pemasok' });
      assert.ok(r.ok, JSON.stringify(r));
    },
    'inventory.suppliers.update': async () => {
      const w = await b();
      notFound(await run(catalogueOps.updateSupplierOp, { supplierId: w.supplier.id, name: 'dirusak' }));
      const [row] = await db().select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, w.supplier.id));
      assert.equal(row!.name, 'BSEC Pemasok');
    },
    'inventory.suppliers.setActive': async () =>
      notFound(await run(catalogueOps.setSupplierActiveOp, { supplierId: (await b()).supplier.id, active: 'false' })),
    'inventory.locations.list': async () => readsNothingOfB(await run(catalogueOps.listLocationsOp, { q: 'BSEC' })),
    'inventory.locations.get': async () =>
      notFound(await run(catalogueOps.getLocationOp, { locationId: (await b()).warehouse.id })),
    'inventory.locations.create': async () =>
      notFound(
        await run(catalogueOps.createLocationOp, {
          kind: 'shelf',
          name: 'rak A di gudang B',
          code: 'A-RAK-X',
          parentId: (await b()).warehouse.id,
        }),
      ),
    'inventory.locations.update': async () => {
      const w = await b();
      notFound(await run(catalogueOps.updateLocationOp, { locationId: w.warehouse.id, name: 'dirusak', code: 'X-X' }));
      const [row] = await db()
        .select({ name: stockLocations.name })
        .from(stockLocations)
        .where(eq(stockLocations.id, w.warehouse.id));
      assert.equal(row!.name, 'BSEC gudang');
    },
    'inventory.locations.setActive': async () =>
      notFound(await run(catalogueOps.setLocationActiveOp, { locationId: (await b()).emptyShelf.id, active: 'false' })),
    'inventory.import.preview': async () => {
      await b();
      const r = await run(catalogueOps.previewStockImportOp, { csv: 'sku,location,quantity\nBSEC-DC,BSEC-GDG,5' });
      assert.ok(r.ok);
      const data = r.data as { valid: number; errors: { column: string }[] };
      assert.equal(data.valid, 0);
      assert.deepEqual(
        data.errors.map((e) => e.column),
        ['sku', 'location'],
      );
    },
    'inventory.import.run': async () => {
      const w = await b();
      const r = await run(catalogueOps.importStockOp, { csv: 'sku,location,quantity\nBSEC-DC,BSEC-GDG,5' });
      assert.ok(r.ok);
      assert.equal((r.data as { imported: number }).imported, 0);
      const levels = await db()
        .select()
        .from(stockLevels)
        .where(and(eq(stockLevels.itemId, w.cable.id), eq(stockLevels.locationId, w.warehouse.id)));
      assert.deepEqual(levels, []);
    },
    'inventory.purchaseOrders.list': async () => readsNothingOfB(await run(purchaseOps.listPurchaseOrdersOp, {})),
    'inventory.purchaseOrders.get': async () =>
      notFound(await run(purchaseOps.getPurchaseOrderOp, { purchaseOrderId: (await b()).ordered.id })),
    'inventory.purchaseOrders.choices': async () => readsNothingOfB(await run(purchaseOps.purchaseChoicesOp, {})),
    'inventory.purchaseOrders.create': async () => {
      const w = await b();
      notFound(
        await run(purchaseOps.createPurchaseOrderOp, {
          supplierId: w.supplier.id,
          lines: [{ itemId: w.ont.id, quantity: '1', unitCost: '1' }],
        }),
      );
    },
    'inventory.purchaseOrders.order': async () => {
      const w = await b();
      notFound(await run(purchaseOps.orderPurchaseOrderOp, { purchaseOrderId: w.draft.id }));
      assert.equal(await poStatus(w.draft.id), 'draft');
    },
    'inventory.purchaseOrders.cancel': async () => {
      const w = await b();
      notFound(await run(purchaseOps.cancelPurchaseOrderOp, { purchaseOrderId: w.draft2.id }));
      assert.equal(await poStatus(w.draft2.id), 'draft');
    },
    'inventory.purchaseOrders.receive': async () => {
      const w = await b();
      notFound(
        await run(purchaseOps.receivePurchaseOrderOp, {
          purchaseOrderId: w.ordered.id,
          lines: [{ lineId: w.cableLine, quantity: '5' }],
        }),
      );
      assert.equal(await poStatus(w.ordered.id), 'ordered');
    },
  };
}

/** Inputs every role allowed each operation can run once, in a fresh organization. */
export async function catalogueMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const w = await makeCatalogueWorld(db, orgId, userId, 'MX');
  const item = {
    sku: 'MX-NEW',
    name: 'Barang baru',
    category: 'tool',
    unit: 'pcs',
    tracking: 'bulk',
    minStock: '0',
    costPrice: '5000',
  };
  return {
    'inventory.items.list': {},
    'inventory.items.get': { itemId: w.ont.id },
    'inventory.items.export': {},
    'inventory.items.create': item,
    'inventory.items.update': { ...item, itemId: w.cable.id, sku: 'MX-DC', name: 'Kabel drop' },
    'inventory.items.setActive': { itemId: w.ont.id, active: 'false' },
    'inventory.suppliers.list': {},
    'inventory.suppliers.create': { name: 'Pemasok baru' },
    'inventory.suppliers.update': { supplierId: w.supplier.id, name: 'Pemasok lama', phone: '0812' },
    'inventory.suppliers.setActive': { supplierId: w.supplier.id, active: 'false' },
    'inventory.locations.list': {},
    'inventory.locations.get': { locationId: w.warehouse.id },
    'inventory.locations.create': { kind: 'warehouse', name: 'Gudang dua', code: 'MX-GDG2' },
    'inventory.locations.update': { locationId: w.shelf.id, name: 'Rak satu', code: 'MX-RAK1' },
    'inventory.locations.setActive': { locationId: w.emptyShelf.id, active: 'false' },
    'inventory.import.preview': { csv: 'sku,location,quantity\nMX-DC,MX-GDG,5' },
    'inventory.import.run': { csv: 'sku,location,quantity\nMX-DC,MX-GDG,5' },
    'inventory.purchaseOrders.list': {},
    'inventory.purchaseOrders.get': { purchaseOrderId: w.ordered.id },
    'inventory.purchaseOrders.choices': {},
    'inventory.purchaseOrders.create': {
      supplierId: w.supplier.id,
      lines: [{ itemId: w.cable.id, quantity: '10', unitCost: '1000' }],
    },
    'inventory.purchaseOrders.order': { purchaseOrderId: w.draft.id },
    'inventory.purchaseOrders.cancel': { purchaseOrderId: w.draft2.id },
    'inventory.purchaseOrders.receive': {
      purchaseOrderId: w.ordered.id,
      lines: [{ lineId: w.cableLine, quantity: '5' }],
    },
  };
}
