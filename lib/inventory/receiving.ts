import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { inventoryItems, purchaseOrderLines, purchaseOrders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { moveQuantity, newBatchId, receiveUnits } from './ledger';
import { assertStore, poNumber } from './purchase-orders';
import type { receiveSchema } from './purchase-schemas';

type ReceiveInput = z.output<typeof receiveSchema>;

/**
 * Receives part or all of a purchase order into a warehouse or shelf: serials (with their MAC
 * for network devices) of serialized items, quantities of bulk ones, each at its cost per
 * unit (the line's price unless the receipt says otherwise), which feeds the item's average
 * cost. One batch in the ledger, one audit entry; the order becomes partial or received. A
 * serial the organization already has, or one listed twice, refuses the whole receipt by name.
 */
export async function receivePurchaseOrder(db: Db, p: Actor & { input: ReceiveInput }) {
  return db.transaction(async (tx) => {
    const { input } = p;
    const [order] = await tx
      .select({
        id: purchaseOrders.id,
        number: purchaseOrders.number,
        status: purchaseOrders.status,
        locationId: purchaseOrders.locationId,
      })
      .from(purchaseOrders)
      .where(and(eq(purchaseOrders.id, input.purchaseOrderId), eq(purchaseOrders.organizationId, p.orgId)))
      .for('update');
    if (!order) throw new AppError('not_found');
    if (order.status !== 'ordered' && order.status !== 'partial')
      throw new AppError('inventory_po_status', { status: `@inventoryCatalogue.poStatuses.${order.status}` });
    const to = input.locationId ?? order.locationId;
    if (!to) throw new AppError('validation', {}, { locationId: 'inventoryCatalogue.errors.chooseStore' });
    await assertStore(tx, p.orgId, to);
    const lines = await tx
      .select({
        id: purchaseOrderLines.id,
        itemId: purchaseOrderLines.itemId,
        quantity: purchaseOrderLines.quantity,
        receivedQuantity: purchaseOrderLines.receivedQuantity,
        unitCost: purchaseOrderLines.unitCost,
        sku: inventoryItems.sku,
        tracking: inventoryItems.tracking,
        hasMac: inventoryItems.hasMac,
      })
      .from(purchaseOrderLines)
      .innerJoin(inventoryItems, eq(inventoryItems.id, purchaseOrderLines.itemId))
      .where(eq(purchaseOrderLines.purchaseOrderId, order.id));
    const batchId = newBatchId();
    const ctx = {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind: 'receive' as const,
      batchId,
      purchaseOrderId: order.id,
    };
    const received: { sku: string; quantity: number; serials?: string[] }[] = [];
    for (const [i, want] of input.lines.entries()) {
      const line = lines.find((l) => l.id === want.lineId);
      if (!line) throw new AppError('not_found');
      const serialized = line.tracking === 'serial';
      const count = serialized ? want.units.length : (want.quantity ?? 0);
      if (count === 0) continue;
      const remaining = line.quantity - line.receivedQuantity;
      if (count > remaining) throw new AppError('inventory_receive_too_many', { sku: line.sku, remaining, count });
      const unitCost = want.unitCost ?? line.unitCost;
      if (serialized) {
        const missing = want.units.findIndex((u) => line.hasMac && !u.mac);
        if (missing >= 0)
          throw new AppError(
            'inventory_mac_required',
            { serial: want.units[missing]!.serial },
            { [`lines.${i}.units.${missing}.mac`]: 'validation.macAddress' },
          );
        await receiveUnits(tx, { ...ctx, itemId: line.itemId, to, unitCost, units: want.units });
      } else {
        await moveQuantity(tx, { ...ctx, itemId: line.itemId, quantity: count, from: null, to, unitCost });
      }
      await tx
        .update(purchaseOrderLines)
        .set({ receivedQuantity: sql`${purchaseOrderLines.receivedQuantity} + ${count}` })
        .where(eq(purchaseOrderLines.id, line.id));
      line.receivedQuantity += count;
      received.push({
        sku: line.sku,
        quantity: count,
        ...(serialized ? { serials: want.units.map((u) => u.serial) } : {}),
      });
    }
    if (received.length === 0) throw new AppError('inventory_receive_empty');
    const status = lines.every((l) => l.receivedQuantity >= l.quantity) ? 'received' : 'partial';
    await tx.update(purchaseOrders).set({ status, updatedAt: sql`now()` }).where(eq(purchaseOrders.id, order.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.po.received',
      entityType: 'purchase_order',
      entityId: order.id,
      data: { number: poNumber(order.number), locationId: to, status, batchId, lines: received },
    });
    return { status, batchId, quantity: received.reduce((s, r) => s + r.quantity, 0) };
  });
}
