import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { PurchaseOrderStatus } from '@/db/enums';
import {
  inventoryItems,
  purchaseOrderCounters,
  purchaseOrderLines,
  purchaseOrders,
  stockLocations,
  suppliers,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import type { createPurchaseOrderSchema } from './purchase-schemas';

export const PURCHASE_ORDERS_PAGE = 50;

/** A purchase order's number as printed: PO-000123. */
export const poNumber = (n: number) => `PO-${String(n).padStart(6, '0')}`;

export async function listPurchaseOrders(
  db: Db,
  p: { orgId: string; status?: PurchaseOrderStatus; q?: string; cursor?: string },
) {
  const digits = p.q?.replace(/\D/g, '');
  const rows = await db
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      status: purchaseOrders.status,
      supplier: suppliers.name,
      expectedOn: purchaseOrders.expectedOn,
      createdAt: purchaseOrders.createdAt,
      ordered: sql<number>`(select coalesce(sum(quantity), 0) from purchase_order_lines l where l.purchase_order_id = ${purchaseOrders.id})::int`,
      received: sql<number>`(select coalesce(sum(received_quantity), 0) from purchase_order_lines l where l.purchase_order_id = ${purchaseOrders.id})::int`,
      total:
        sql<number>`(select coalesce(sum(quantity * unit_cost), 0) from purchase_order_lines l where l.purchase_order_id = ${purchaseOrders.id})::bigint`.mapWith(
          Number,
        ),
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .where(
      and(
        eq(purchaseOrders.organizationId, p.orgId),
        p.status ? eq(purchaseOrders.status, p.status) : undefined,
        p.q
          ? or(
              ilike(suppliers.name, contains(p.q)),
              digits ? eq(purchaseOrders.number, Number(digits.slice(0, 9))) : undefined,
            )
          : undefined,
        afterCursor(purchaseOrders.createdAt, purchaseOrders.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.id))
    .limit(PURCHASE_ORDERS_PAGE + 1);
  return toPage(rows, PURCHASE_ORDERS_PAGE);
}

export async function getPurchaseOrder(db: Db, p: { orgId: string; purchaseOrderId: string }) {
  const [order] = await db
    .select({
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      status: purchaseOrders.status,
      supplierId: purchaseOrders.supplierId,
      supplier: suppliers.name,
      orderedOn: purchaseOrders.orderedOn,
      expectedOn: purchaseOrders.expectedOn,
      locationId: purchaseOrders.locationId,
      locationName: stockLocations.name,
      locationCode: stockLocations.code,
      notes: purchaseOrders.notes,
      createdAt: purchaseOrders.createdAt,
    })
    .from(purchaseOrders)
    .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
    .leftJoin(stockLocations, eq(stockLocations.id, purchaseOrders.locationId))
    .where(and(eq(purchaseOrders.id, p.purchaseOrderId), eq(purchaseOrders.organizationId, p.orgId)));
  if (!order) throw new AppError('not_found');
  const lines = await db
    .select({
      id: purchaseOrderLines.id,
      itemId: inventoryItems.id,
      sku: inventoryItems.sku,
      name: inventoryItems.name,
      unit: inventoryItems.unit,
      tracking: inventoryItems.tracking,
      hasMac: inventoryItems.hasMac,
      quantity: purchaseOrderLines.quantity,
      unitCost: purchaseOrderLines.unitCost,
      receivedQuantity: purchaseOrderLines.receivedQuantity,
    })
    .from(purchaseOrderLines)
    .innerJoin(inventoryItems, eq(inventoryItems.id, purchaseOrderLines.itemId))
    .where(and(eq(purchaseOrderLines.purchaseOrderId, order.id), eq(purchaseOrderLines.organizationId, p.orgId)))
    .orderBy(asc(inventoryItems.name));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0);
  return { order, lines, total };
}

/** A draft order with its lines; the number is the organization's next (gap-free counter). */
export async function createPurchaseOrder(db: Db, p: Actor & { input: z.output<typeof createPurchaseOrderSchema> }) {
  return db.transaction(async (tx) => {
    const { input } = p;
    const itemIds = input.lines.map((l) => l.itemId);
    if (new Set(itemIds).size !== itemIds.length) throw new AppError('inventory_po_item_twice');
    const [supplier] = await tx
      .select({ id: suppliers.id })
      .from(suppliers)
      .where(and(eq(suppliers.id, input.supplierId), eq(suppliers.organizationId, p.orgId)));
    if (!supplier) throw new AppError('not_found');
    if (input.locationId) await assertStore(tx, p.orgId, input.locationId);
    const items = await tx
      .select({ id: inventoryItems.id })
      .from(inventoryItems)
      .where(
        and(
          eq(inventoryItems.organizationId, p.orgId),
          sql`${inventoryItems.id} = any(${`{${itemIds.join(',')}}`}::uuid[])`,
        ),
      );
    if (items.length !== itemIds.length) throw new AppError('not_found');
    const [counter] = await tx
      .insert(purchaseOrderCounters)
      .values({ organizationId: p.orgId, lastNumber: 1 })
      .onConflictDoUpdate({
        target: purchaseOrderCounters.organizationId,
        set: { lastNumber: sql`${purchaseOrderCounters.lastNumber} + 1` },
      })
      .returning({ n: purchaseOrderCounters.lastNumber });
    const [order] = await tx
      .insert(purchaseOrders)
      .values({
        organizationId: p.orgId,
        number: counter!.n,
        supplierId: input.supplierId,
        locationId: input.locationId ?? null,
        expectedOn: input.expectedOn ?? null,
        notes: input.notes,
        createdBy: p.actorUserId,
      })
      .returning();
    await tx
      .insert(purchaseOrderLines)
      .values(input.lines.map((l) => ({ organizationId: p.orgId, purchaseOrderId: order!.id, ...l })));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.po.created',
      entityType: 'purchase_order',
      entityId: order!.id,
      data: { number: poNumber(order!.number), lines: input.lines.length },
    });
    return order!;
  });
}

/** Received stock goes to a warehouse or a shelf of the organization's. */
export async function assertStore(tx: Db, orgId: string, locationId: string) {
  const [loc] = await tx
    .select({ id: stockLocations.id, kind: stockLocations.kind, active: stockLocations.active })
    .from(stockLocations)
    .where(and(eq(stockLocations.id, locationId), eq(stockLocations.organizationId, orgId)));
  if (!loc) throw new AppError('not_found');
  if ((loc.kind !== 'warehouse' && loc.kind !== 'shelf') || !loc.active)
    throw new AppError('inventory_not_a_store', {}, { locationId: 'inventoryCatalogue.errors.notAStore' });
  return loc;
}

const NEXT: Partial<Record<'order' | 'cancel', PurchaseOrderStatus[]>> = {
  order: ['draft'],
  // A partly received order can be closed too (the supplier will not send the rest): what came
  // in stays on the books with its order, and the order no longer counts as expected.
  cancel: ['draft', 'ordered', 'partial'],
};

/** draft -> ordered (sent to the supplier, today), or draft / ordered / partial -> cancelled. */
export async function changePurchaseOrderStatus(
  db: Db,
  p: Actor & { purchaseOrderId: string; action: 'order' | 'cancel' },
) {
  return db.transaction(async (tx) => {
    const to: PurchaseOrderStatus = p.action === 'order' ? 'ordered' : 'cancelled';
    const [row] = await tx
      .update(purchaseOrders)
      .set({
        status: to,
        ...(p.action === 'order'
          ? { orderedOn: sql`(now() at time zone (select timezone from organizations where id = ${p.orgId}))::date` }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(purchaseOrders.id, p.purchaseOrderId),
          eq(purchaseOrders.organizationId, p.orgId),
          sql`${purchaseOrders.status} = any(${`{${NEXT[p.action]!.join(',')}}`}::text[])`,
        ),
      )
      .returning({ id: purchaseOrders.id, number: purchaseOrders.number });
    if (!row) {
      const [exists] = await tx
        .select({ status: purchaseOrders.status })
        .from(purchaseOrders)
        .where(and(eq(purchaseOrders.id, p.purchaseOrderId), eq(purchaseOrders.organizationId, p.orgId)));
      if (!exists) throw new AppError('not_found');
      throw new AppError('inventory_po_status', { status: `@inventoryCatalogue.poStatuses.${exists.status}` });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.action === 'order' ? 'inventory.po.ordered' : 'inventory.po.cancelled',
      entityType: 'purchase_order',
      entityId: row.id,
      data: { number: poNumber(row.number) },
    });
    return { id: row.id, status: to };
  });
}
