/**
 * The demo ISP's stock: a catalogue, a main warehouse with two shelves, suppliers, one
 * purchase order received in full (ONTs with their MACs, drop cable, connectors) and one
 * still on order; six ONTs and a drum's worth of drop cable in the demo technician's bag;
 * connectors below their minimum, so the low-stock alert has something to say. Everything
 * goes through the same functions the pages use (receipts and moves through the ledger).
 */
import type { Db } from '@/db/client';
import { recordAudit } from '@/lib/audit/record';
import { createItem } from '@/lib/inventory/items';
import { moveQuantity, moveUnits, newBatchId } from '@/lib/inventory/ledger';
import { createLocation, getLocation } from '@/lib/inventory/locations';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { changePurchaseOrderStatus, createPurchaseOrder, getPurchaseOrder } from '@/lib/inventory/purchase-orders';
import { receivePurchaseOrder } from '@/lib/inventory/receiving';
import { saveSupplier } from '@/lib/inventory/suppliers';

type Catalogue = Parameters<typeof createItem>[1]['input'];
const ITEMS: Catalogue[] = [
  {
    sku: 'ONT-F670L',
    name: 'ONT ZTE F670L',
    category: 'ont',
    unit: 'pcs',
    tracking: 'serial',
    hasMac: true,
    minStock: 5,
    costPrice: 385_000,
    notes: null,
  },
  {
    sku: 'RTR-C6',
    name: 'Router TP-Link Archer C6',
    category: 'router',
    unit: 'pcs',
    tracking: 'serial',
    hasMac: true,
    minStock: 0,
    costPrice: 410_000,
    notes: null,
  },
  {
    sku: 'AP-EAP225',
    name: 'Access point TP-Link EAP225',
    category: 'access_point',
    unit: 'pcs',
    tracking: 'serial',
    hasMac: true,
    minStock: 0,
    costPrice: 1_050_000,
    notes: null,
  },
  {
    sku: 'DC-1C',
    name: 'Kabel drop 1 core',
    category: 'cable',
    unit: 'm',
    tracking: 'bulk',
    hasMac: false,
    minStock: 500,
    costPrice: 1_200,
    notes: null,
  },
  {
    sku: 'SPL-1-8',
    name: 'Splitter PLC 1:8',
    category: 'splitter',
    unit: 'pcs',
    tracking: 'bulk',
    hasMac: false,
    minStock: 0,
    costPrice: 65_000,
    notes: null,
  },
  {
    sku: 'CON-SCUPC',
    name: 'Fast connector SC/UPC',
    category: 'connector',
    unit: 'pcs',
    tracking: 'bulk',
    hasMac: false,
    minStock: 100,
    costPrice: 7_500,
    notes: null,
  },
  {
    sku: 'ADP-12V',
    name: 'Adaptor 12V 1A',
    category: 'adaptor',
    unit: 'pcs',
    tracking: 'bulk',
    hasMac: false,
    minStock: 0,
    costPrice: 25_000,
    notes: null,
  },
  {
    sku: 'TL-CLEAVER',
    name: 'Fiber cleaver',
    category: 'tool',
    unit: 'pcs',
    tracking: 'bulk',
    hasMac: false,
    minStock: 0,
    costPrice: 450_000,
    notes: null,
  },
];

const ONTS = 10;
const IN_BAG = 6;

export async function seedDemoInventory(db: Db, p: { orgId: string; warehouseUser: string; technician: string }) {
  const actor = { orgId: p.orgId, actorUserId: p.warehouseUser, ip: null };
  const items = new Map<string, string>();
  for (const input of ITEMS) items.set(input.sku, (await createItem(db, { ...actor, input })).id);
  const id = (sku: string) => items.get(sku)!;
  const warehouse = await createLocation(db, {
    ...actor,
    input: { kind: 'warehouse', name: 'Gudang Utama', code: 'GDG-UTAMA', parentId: undefined },
  });
  const shelfA = await createLocation(db, {
    ...actor,
    input: { kind: 'shelf', name: 'Rak A1 (perangkat)', code: 'RAK-A1', parentId: warehouse.id },
  });
  await createLocation(db, {
    ...actor,
    input: { kind: 'shelf', name: 'Rak A2 (kabel)', code: 'RAK-A2', parentId: warehouse.id },
  });
  const none = { contactName: null, email: null, address: null, notes: null };
  const fiber = await saveSupplier(db, {
    ...actor,
    input: { ...none, name: 'PT Fiber Nusantara', contactName: 'Andi', phone: '0812-7000-1001' },
  });
  await saveSupplier(db, { ...actor, input: { ...none, name: 'CV Kabel Jaya', phone: '0813-7000-2002' } });

  const received = await createPurchaseOrder(db, {
    ...actor,
    input: {
      supplierId: fiber.id,
      locationId: shelfA.id,
      expectedOn: undefined,
      notes: 'Stok awal',
      lines: [
        { itemId: id('ONT-F670L'), quantity: ONTS, unitCost: 385_000 },
        { itemId: id('DC-1C'), quantity: 1_000, unitCost: 1_200 },
        { itemId: id('CON-SCUPC'), quantity: 50, unitCost: 7_500 },
      ],
    },
  });
  await changePurchaseOrderStatus(db, { ...actor, purchaseOrderId: received.id, action: 'order' });
  const { order, lines } = await getPurchaseOrder(db, { orgId: p.orgId, purchaseOrderId: received.id });
  const lineOf = (sku: string) => lines.find((l) => l.sku === sku)!.id;
  const onts = Array.from({ length: ONTS }, (_, i) => ({
    serial: `ZTEGC${String(81_000_101 + i)}`,
    mac: `34:E8:94:1A:00:${(0x10 + i).toString(16).toUpperCase()}`,
  }));
  await receivePurchaseOrder(db, {
    ...actor,
    input: {
      purchaseOrderId: order.id,
      locationId: undefined,
      lines: [
        { lineId: lineOf('ONT-F670L'), quantity: undefined, unitCost: undefined, units: onts },
        { lineId: lineOf('DC-1C'), quantity: 1_000, unitCost: undefined, units: [] },
        { lineId: lineOf('CON-SCUPC'), quantity: 50, unitCost: undefined, units: [] },
      ],
    },
  });

  // Still with the supplier: routers expected next week.
  const pending = await createPurchaseOrder(db, {
    ...actor,
    input: {
      supplierId: fiber.id,
      locationId: shelfA.id,
      expectedOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      notes: null,
      lines: [{ itemId: id('RTR-C6'), quantity: 5, unitCost: 410_000 }],
    },
  });
  await changePurchaseOrderStatus(db, { ...actor, purchaseOrderId: pending.id, action: 'order' });

  // The technician's bag for today's installs (through the ledger, as a transfer would).
  const bag = await ensureTechnicianBag(db, { orgId: p.orgId, userId: p.technician });
  const { units } = await getLocation(db, { orgId: p.orgId, locationId: shelfA.id });
  const batchId = newBatchId();
  const move = { orgId: p.orgId, actorUserId: p.warehouseUser, kind: 'transfer' as const, batchId };
  await moveUnits(db, {
    ...move,
    units: units.slice(0, IN_BAG).map((u) => ({ id: u.id, from: shelfA.id })),
    to: bag.id,
  });
  await moveQuantity(db, { ...move, itemId: id('DC-1C'), quantity: 300, from: shelfA.id, to: bag.id });
  await moveQuantity(db, { ...move, itemId: id('CON-SCUPC'), quantity: 20, from: shelfA.id, to: bag.id });
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.warehouseUser,
    action: 'inventory.transfer',
    entityType: 'stock_location',
    entityId: bag.id,
    data: { batchId, units: IN_BAG, source: 'demo seed' },
  });
  return { warehouseId: warehouse.id, shelfId: shelfA.id, bagId: bag.id };
}
