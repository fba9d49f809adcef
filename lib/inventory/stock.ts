import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  type InventoryCategory,
  type InventoryTracking,
  type InventoryUnit,
  ON_HAND_LOCATION_KINDS,
  type StockLocationKind,
} from '@/db/enums';
import { contains } from '@/lib/server/search';

export const STOCK_PAGE = 50;

export type StockParams = {
  orgId: string;
  /** One row per item and location (default), or one per item across the chosen locations. */
  by?: 'location' | 'item';
  locationId?: string;
  /** The kind of location; without it, stock on hand: warehouses, shelves and bags. */
  kind?: StockLocationKind;
  category?: InventoryCategory;
  itemId?: string;
  /** Item SKU or name, or location name or code. */
  q?: string;
  /** 1-based. */
  page?: number;
  /** Rows per page: the page shows STOCK_PAGE, an export reads 1,000 at a time. */
  pageSize?: number;
};

export type StockRow = {
  itemId: string;
  itemSku: string;
  itemName: string;
  category: InventoryCategory;
  unit: InventoryUnit;
  /** serial: its units can be listed one by one. */
  tracking: InventoryTracking;
  minStock: number;
  /** null when `by` is 'item'. */
  locationId: string | null;
  locationName: string | null;
  locationCode: string | null;
  locationKind: StockLocationKind | null;
  quantity: number;
  averageCost: number;
  /** quantity × average cost, integer rupiah. */
  value: number;
};

export type StockPage = {
  items: StockRow[];
  page: number;
  hasMore: boolean;
  /** Over every row the filters match, not only this page. */
  totals: { quantity: number; value: number; rows: number };
};

/**
 * Stock on hand from stock_levels (kept in step with the ledger) valued at each item's moving
 * average cost. Rows with nothing left are not shown.
 */
export async function stockOnHand(db: Db, p: StockParams): Promise<StockPage> {
  const page = Math.max(1, Math.floor(p.page ?? 1));
  const size = Math.min(Math.max(1, Math.floor(p.pageSize ?? STOCK_PAGE)), 1000);
  const where = stockWhere(p);
  // A level row is already one item at one location (its primary key): only the per-item view
  // groups. The totals are window sums over every matching row, taken before the page is cut,
  // so the page and its totals are one scan.
  const rows =
    p.by === 'item'
      ? await db.execute<RawStockRow>(sql`
          select i.id as item_id, i.sku as item_sku, i.name as item_name, i.category, i.unit, i.tracking, i.min_stock,
            null::uuid as location_id, null as location_name, null as location_code, null as location_kind,
            sum(sl.quantity)::bigint as quantity, i.average_cost,
            count(*) over () as total_rows, sum(sum(sl.quantity)) over () as total_quantity,
            sum(sum(sl.quantity) * i.average_cost) over () as total_value
          from stock_levels sl
          join inventory_items i on i.id = sl.item_id and i.organization_id = sl.organization_id
          join stock_locations l on l.id = sl.location_id and l.organization_id = sl.organization_id
          where ${where}
          group by i.id
          order by i.name, i.id
          limit ${size + 1} offset ${(page - 1) * size}`)
      : await db.execute<RawStockRow>(sql`
          select i.id as item_id, i.sku as item_sku, i.name as item_name, i.category, i.unit, i.tracking, i.min_stock,
            l.id as location_id, l.name as location_name, l.code as location_code, l.kind as location_kind,
            sl.quantity, i.average_cost,
            count(*) over () as total_rows, sum(sl.quantity) over () as total_quantity,
            sum(sl.quantity::bigint * i.average_cost) over () as total_value
          from stock_levels sl
          join inventory_items i on i.id = sl.item_id and i.organization_id = sl.organization_id
          join stock_locations l on l.id = sl.location_id and l.organization_id = sl.organization_id
          where ${where}
          order by l.name, l.id, i.name, i.id
          limit ${size + 1} offset ${(page - 1) * size}`);
  const first = rows[0];
  const totals = first
    ? { quantity: Number(first.total_quantity), value: Number(first.total_value), rows: Number(first.total_rows) }
    : page > 1
      ? await stockTotals(db, p)
      : { quantity: 0, value: 0, rows: 0 };
  return { items: [...rows].slice(0, size).map(toStockRow), page, hasMore: rows.length > size, totals };
}

/** Totals alone, for a page past the end (a hand-edited link): the rows there are none. */
async function stockTotals(db: Db, p: StockParams) {
  const [t] = await db.execute<{ quantity: string | null; value: string | null; rows: number }>(sql`
    select sum(sl.quantity)::bigint as quantity, sum(sl.quantity::bigint * i.average_cost)::bigint as value,
      count(distinct ${p.by === 'item' ? sql`i.id` : sql`(sl.item_id, sl.location_id)`})::int as rows
    from stock_levels sl
    join inventory_items i on i.id = sl.item_id and i.organization_id = sl.organization_id
    join stock_locations l on l.id = sl.location_id and l.organization_id = sl.organization_id
    where ${stockWhere(p)}`);
  return { quantity: Number(t?.quantity ?? 0), value: Number(t?.value ?? 0), rows: t?.rows ?? 0 };
}

function stockWhere(p: StockParams): SQL {
  const kinds: readonly StockLocationKind[] = p.kind ? [p.kind] : ON_HAND_LOCATION_KINDS;
  const parts: SQL[] = [
    sql`sl.organization_id = ${p.orgId}`,
    sql`sl.quantity > 0`,
    sql`l.kind in (${sql.join(
      kinds.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  ];
  if (p.locationId) parts.push(sql`sl.location_id = ${p.locationId}`);
  if (p.itemId) parts.push(sql`sl.item_id = ${p.itemId}`);
  if (p.category) parts.push(sql`i.category = ${p.category}`);
  if (p.q) {
    const like = contains(p.q);
    parts.push(sql`(i.sku ilike ${like} or i.name ilike ${like} or l.name ilike ${like} or l.code ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

type RawStockRow = {
  item_id: string;
  item_sku: string;
  item_name: string;
  category: InventoryCategory;
  unit: InventoryUnit;
  tracking: InventoryTracking;
  min_stock: number;
  location_id: string | null;
  location_name: string | null;
  location_code: string | null;
  location_kind: StockLocationKind | null;
  quantity: string | number;
  average_cost: string | number;
  total_rows: string | number;
  total_quantity: string | number;
  total_value: string | number;
};

function toStockRow(r: RawStockRow): StockRow {
  const quantity = Number(r.quantity);
  const averageCost = Number(r.average_cost);
  return {
    itemId: r.item_id,
    itemSku: r.item_sku,
    itemName: r.item_name,
    category: r.category,
    unit: r.unit,
    tracking: r.tracking,
    minStock: r.min_stock,
    locationId: r.location_id,
    locationName: r.location_name,
    locationCode: r.location_code,
    locationKind: r.location_kind,
    quantity,
    averageCost,
    value: quantity * averageCost,
  };
}
