import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ON_HAND_LOCATION_KINDS } from '@/db/enums';

/** An active item whose on hand (warehouses, shelves and bags together) is below its minimum stock. */
export type LowStockItem = {
  id: string;
  sku: string;
  name: string;
  unit: string;
  minStock: number;
  onHand: number;
  /** How many are missing to reach the minimum. */
  shortage: number;
  alertedAt: Date | null;
};

const onHandKinds = () =>
  sql.join(
    ON_HAND_LOCATION_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );

/**
 * The organization's items under their minimum stock, the largest shortage first. Installed,
 * faulty and written-off stock does not count: it cannot be handed to a technician. Items
 * with no minimum (0) are never short.
 */
export async function lowStockItems(db: Db, p: { orgId: string; limit?: number }): Promise<LowStockItem[]> {
  const rows = await db.execute<{
    id: string;
    sku: string;
    name: string;
    unit: string;
    min_stock: number;
    on_hand: number;
    alerted_at: string | Date | null;
  }>(sql`
    select i.id, i.sku, i.name, i.unit, i.min_stock, coalesce(h.on_hand, 0)::int as on_hand,
      i.low_stock_alerted_at as alerted_at
    from inventory_items i
    left join lateral (
      select sum(l.quantity)::int as on_hand from stock_levels l
      join stock_locations s on s.id = l.location_id and s.organization_id = l.organization_id
      where l.organization_id = i.organization_id and l.item_id = i.id and s.kind in (${onHandKinds()})
    ) h on true
    where i.organization_id = ${p.orgId} and i.active and i.min_stock > 0
      and coalesce(h.on_hand, 0) < i.min_stock
    order by i.min_stock - coalesce(h.on_hand, 0) desc, i.name
    limit ${p.limit ?? 500}`);
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    minStock: Number(r.min_stock),
    onHand: Number(r.on_hand),
    shortage: Number(r.min_stock) - Number(r.on_hand),
    alertedAt: r.alerted_at ? new Date(r.alerted_at) : null,
  }));
}

/** How many items are short (the dashboard's number). */
export async function countLowStockItems(db: Db, p: { orgId: string }): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from inventory_items i
    where i.organization_id = ${p.orgId} and i.active and i.min_stock > 0
      and coalesce((
        select sum(l.quantity) from stock_levels l
        join stock_locations s on s.id = l.location_id and s.organization_id = l.organization_id
        where l.organization_id = i.organization_id and l.item_id = i.id and s.kind in (${onHandKinds()})
      ), 0) < i.min_stock`);
  return Number(row?.n ?? 0);
}
