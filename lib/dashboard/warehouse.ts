import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { countLowStockItems } from '@/lib/inventory/low-stock';

/**
 * The warehouse's figures: what stock on hand is worth, items under their minimum, units out
 * in technicians' bags, counts waiting for approval and purchase orders still expected. Each
 * tile links to the list behind it.
 */
export async function warehouseDashboard(db: Db, p: { orgId: string }) {
  const [[row], low] = await Promise.all([
    db.execute<{ value: string | null; in_bags: number; counts: number; pos: number }>(sql`
      select
        (select sum(sl.quantity::bigint * i.average_cost) from stock_levels sl
          join inventory_items i on i.id = sl.item_id and i.organization_id = sl.organization_id
          join stock_locations l on l.id = sl.location_id and l.organization_id = sl.organization_id
          where sl.organization_id = ${p.orgId} and l.kind in ('warehouse', 'shelf', 'bag')) as value,
        (select count(*)::int from stock_units u
          join stock_locations l on l.id = u.location_id and l.organization_id = u.organization_id
          where u.organization_id = ${p.orgId} and l.kind = 'bag') as in_bags,
        (select count(*)::int from stock_counts where organization_id = ${p.orgId} and status = 'submitted') as counts,
        (select count(*)::int from purchase_orders
          where organization_id = ${p.orgId} and status in ('ordered', 'partial')) as pos`),
    countLowStockItems(db, p),
  ]);
  return {
    stockValue: Number(row?.value ?? 0),
    lowStock: low,
    unitsInBags: row?.in_bags ?? 0,
    countsAwaitingApproval: row?.counts ?? 0,
    purchaseOrdersExpected: row?.pos ?? 0,
  };
}
