import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { InventoryTracking, InventoryUnit, StockLocationKind, StockMoveKind } from '@/db/enums';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { decodeCursor, encodeCursor } from '@/lib/server/pagination';
import { formatWorkOrderNumber } from '@/lib/workorders/constants';

export const MOVES_PAGE = 50;

export type MoveFilter = {
  orgId: string;
  /** Calendar days (YYYY-MM-DD) in the organization's zone, both inclusive. */
  from?: string;
  to?: string;
  kind?: StockMoveKind;
  itemId?: string;
  /** Moves out of or into this location. */
  locationId?: string;
  /** Moves out of or into this technician's bag. */
  technicianUserId?: string;
  workOrderId?: string;
};

type Place = { id: string; name: string; kind: StockLocationKind } | null;

export type MoveRow = {
  id: number;
  createdAt: Date;
  kind: StockMoveKind;
  itemId: string;
  itemSku: string;
  itemName: string;
  itemUnit: InventoryUnit;
  unitId: string | null;
  serial: string | null;
  quantity: number;
  from: Place;
  to: Place;
  workOrderId: string | null;
  workOrderNumber: string | null;
  customerName: string | null;
  customerNumber: string | null;
  reason: string | null;
  actorName: string | null;
};

/** The ledger, newest first by keyset, filtered by period, kind, item, place, technician or work order. */
export async function listMoves(
  db: Db,
  p: MoveFilter & { cursor?: string; limit?: number },
): Promise<{ items: MoveRow[]; nextCursor: string | null }> {
  const limit = p.limit ?? MOVES_PAGE;
  const cursor = decodeCursor(p.cursor);
  const after =
    cursor && /^\d+$/.test(cursor.id)
      ? sql`and (m.created_at, m.id) < (${cursor.createdAt.toISOString()}::timestamptz, ${Number(cursor.id)})`
      : sql``;
  const rows = await db.execute<RawMove>(sql`
    select m.id, m.created_at, m.kind, m.item_id, i.sku as item_sku, i.name as item_name, i.unit as item_unit,
      m.unit_id, u.serial, m.quantity, m.reason,
      f.id as from_id, f.name as from_name, f.kind as from_kind, t.id as to_id, t.name as to_name, t.kind as to_kind,
      m.work_order_id, w.number as work_order_number, c.name as customer_name, c.number as customer_number,
      a.name as actor_name
    from stock_moves m
    join inventory_items i on i.id = m.item_id and i.organization_id = m.organization_id
    left join stock_units u on u.id = m.unit_id and u.organization_id = m.organization_id
    left join stock_locations f on f.id = m.from_location_id and f.organization_id = m.organization_id
    left join stock_locations t on t.id = m.to_location_id and t.organization_id = m.organization_id
    left join work_orders w on w.id = m.work_order_id and w.organization_id = m.organization_id
    left join customers c on c.id = w.customer_id and c.organization_id = m.organization_id
    left join users a on a.id = m.actor_user_id
    where ${moveWhere(p)} ${after}
    order by m.created_at desc, m.id desc
    limit ${limit + 1}`);
  const items = [...rows].slice(0, limit).map(toMoveRow);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

function moveWhere(p: MoveFilter): SQL {
  const zone = sql`(select o.timezone from organizations o where o.id = ${p.orgId})`;
  const parts: SQL[] = [sql`m.organization_id = ${p.orgId}`];
  if (p.from) parts.push(sql`m.created_at >= (${p.from}::date::timestamp at time zone ${zone})`);
  if (p.to) parts.push(sql`m.created_at < ((${p.to}::date + 1)::timestamp at time zone ${zone})`);
  if (p.kind) parts.push(sql`m.kind = ${p.kind}`);
  if (p.itemId) parts.push(sql`m.item_id = ${p.itemId}`);
  if (p.locationId) parts.push(sql`(m.from_location_id = ${p.locationId} or m.to_location_id = ${p.locationId})`);
  if (p.workOrderId) parts.push(sql`m.work_order_id = ${p.workOrderId}`);
  if (p.technicianUserId) {
    const bag = sql`(select b.id from stock_locations b where b.organization_id = ${p.orgId} and b.kind = 'bag' and b.user_id = ${p.technicianUserId})`;
    parts.push(sql`(m.from_location_id = ${bag} or m.to_location_id = ${bag})`);
  }
  return sql.join(parts, sql` and `);
}

type RawMove = {
  id: string | number;
  created_at: string | Date;
  kind: StockMoveKind;
  item_id: string;
  item_sku: string;
  item_name: string;
  item_unit: InventoryUnit;
  unit_id: string | null;
  serial: string | null;
  quantity: number;
  reason: string | null;
  from_id: string | null;
  from_name: string | null;
  from_kind: StockLocationKind | null;
  to_id: string | null;
  to_name: string | null;
  to_kind: StockLocationKind | null;
  work_order_id: string | null;
  work_order_number: number | null;
  customer_name: string | null;
  customer_number: number | null;
  actor_name: string | null;
};

function toMoveRow(r: RawMove): MoveRow {
  const place = (id: string | null, name: string | null, kind: StockLocationKind | null): Place =>
    id && name && kind ? { id, name, kind } : null;
  return {
    id: Number(r.id),
    createdAt: new Date(r.created_at),
    kind: r.kind,
    itemId: r.item_id,
    itemSku: r.item_sku,
    itemName: r.item_name,
    itemUnit: r.item_unit,
    unitId: r.unit_id,
    serial: r.serial,
    quantity: r.quantity,
    from: place(r.from_id, r.from_name, r.from_kind),
    to: place(r.to_id, r.to_name, r.to_kind),
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number === null ? null : formatWorkOrderNumber(r.work_order_number),
    customerName: r.customer_name,
    customerNumber: r.customer_number === null ? null : formatCustomerNumber(r.customer_number),
    reason: r.reason,
    actorName: r.actor_name,
  };
}

export type BagRow = {
  userId: string;
  technicianName: string;
  locationId: string;
  itemId: string;
  itemSku: string;
  itemName: string;
  unit: InventoryUnit;
  /** serial: the units list shows them one by one; bulk: only a quantity. */
  tracking: InventoryTracking;
  quantity: number;
  value: number;
};

/** What each technician's bag holds now (items and quantities with value), by technician. */
export async function bagContents(db: Db, p: { orgId: string; userId?: string }): Promise<BagRow[]> {
  const rows = await db.execute<{
    user_id: string;
    technician_name: string;
    location_id: string;
    item_id: string;
    item_sku: string;
    item_name: string;
    unit: InventoryUnit;
    tracking: InventoryTracking;
    quantity: number;
    average_cost: string | number;
  }>(sql`
    select b.user_id, us.name as technician_name, b.id as location_id, i.id as item_id, i.sku as item_sku,
      i.name as item_name, i.unit, i.tracking, sl.quantity, i.average_cost
    from stock_locations b
    join users us on us.id = b.user_id
    join stock_levels sl on sl.location_id = b.id and sl.organization_id = b.organization_id and sl.quantity > 0
    join inventory_items i on i.id = sl.item_id and i.organization_id = b.organization_id
    where b.organization_id = ${p.orgId} and b.kind = 'bag'
      ${p.userId ? sql`and b.user_id = ${p.userId}` : sql``}
    order by us.name, b.id, i.name, i.id
    limit 5000`);
  return rows.map((r) => ({
    userId: r.user_id,
    technicianName: r.technician_name,
    locationId: r.location_id,
    itemId: r.item_id,
    itemSku: r.item_sku,
    itemName: r.item_name,
    unit: r.unit,
    tracking: r.tracking,
    quantity: r.quantity,
    value: r.quantity * Number(r.average_cost),
  }));
}
