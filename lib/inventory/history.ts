import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  inventoryItems,
  purchaseOrders,
  stockLocations,
  stockMoves,
  stockUnits,
  subscriptions,
  users,
  workOrders,
} from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/**
 * A unit's asset history: where it is now and every move from its receipt on —
 * from where to where, who moved it, when, and on which work order (or, for a receipt, which
 * purchase order) — with the customer behind a customer location, so the page can link to them.
 */
export async function getUnitHistory(db: Db, p: { orgId: string; unitId: string }) {
  const here = aliasedTable(stockLocations, 'here');
  const [unit] = await db
    .select({
      id: stockUnits.id,
      serial: stockUnits.serial,
      mac: stockUnits.mac,
      unitCost: stockUnits.unitCost,
      receivedAt: stockUnits.receivedAt,
      item: { id: inventoryItems.id, name: inventoryItems.name, sku: inventoryItems.sku },
      location: { id: here.id, name: here.name, kind: here.kind, code: here.code },
      customer: { id: customers.id, name: customers.name },
    })
    .from(stockUnits)
    .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
    .innerJoin(here, eq(here.id, stockUnits.locationId))
    .leftJoin(subscriptions, eq(subscriptions.id, here.subscriptionId))
    .leftJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(stockUnits.id, p.unitId), eq(stockUnits.organizationId, p.orgId)));
  if (!unit) throw new AppError('not_found');

  const fromLoc = aliasedTable(stockLocations, 'from_loc');
  const toLoc = aliasedTable(stockLocations, 'to_loc');
  const fromSub = aliasedTable(subscriptions, 'from_sub');
  const toSub = aliasedTable(subscriptions, 'to_sub');
  const fromCustomer = aliasedTable(customers, 'from_customer');
  const toCustomer = aliasedTable(customers, 'to_customer');
  const rows = await db
    .select({
      id: stockMoves.id,
      kind: stockMoves.kind,
      at: stockMoves.createdAt,
      reason: stockMoves.reason,
      from: { id: fromLoc.id, name: fromLoc.name, kind: fromLoc.kind },
      to: { id: toLoc.id, name: toLoc.name, kind: toLoc.kind },
      fromCustomer: { id: fromCustomer.id, name: fromCustomer.name },
      toCustomer: { id: toCustomer.id, name: toCustomer.name },
      actor: users.name,
      workOrder: { id: workOrders.id, number: workOrders.number },
      purchaseOrder: { id: purchaseOrders.id, number: purchaseOrders.number },
    })
    .from(stockMoves)
    .leftJoin(fromLoc, eq(fromLoc.id, stockMoves.fromLocationId))
    .leftJoin(toLoc, eq(toLoc.id, stockMoves.toLocationId))
    .leftJoin(fromSub, eq(fromSub.id, fromLoc.subscriptionId))
    .leftJoin(toSub, eq(toSub.id, toLoc.subscriptionId))
    .leftJoin(fromCustomer, eq(fromCustomer.id, fromSub.customerId))
    .leftJoin(toCustomer, eq(toCustomer.id, toSub.customerId))
    .leftJoin(users, eq(users.id, stockMoves.actorUserId))
    .leftJoin(workOrders, eq(workOrders.id, stockMoves.workOrderId))
    .leftJoin(
      purchaseOrders,
      and(
        eq(purchaseOrders.id, stockMoves.purchaseOrderId),
        eq(purchaseOrders.organizationId, stockMoves.organizationId),
      ),
    )
    .where(and(eq(stockMoves.unitId, unit.id), eq(stockMoves.organizationId, p.orgId)))
    .orderBy(asc(stockMoves.id));
  return { unit, moves: rows };
}

export type UnitHistory = Awaited<ReturnType<typeof getUnitHistory>>;
