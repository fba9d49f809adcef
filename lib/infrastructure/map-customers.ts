import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, odps, organizations, plans, radacct, routerSessions, routers, subscriptions } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import { type Bbox, pointInBox } from './geo-sql';

/** Above this many customers in view the map gets server-side clusters instead of points. */
export const CUSTOMER_POINT_LIMIT = 3000;

export type CustomerMapStatus = 'active' | 'isolated' | 'offline' | 'pending' | 'suspended';
export type CustomerPoint = {
  id: string;
  lat: number;
  lng: number;
  name: string;
  number: string;
  status: CustomerMapStatus;
  planName: string | null;
  odpCode: string | null;
  address: string;
  /** The main subscription's ONU as last polled: its level, `los` when it has no light, null without an ONU. */
  signal: 'ok' | 'warning' | 'critical' | 'los' | null;
  rxPowerDbm: number | null;
};
export type CustomerCluster = { lat: number; lng: number; count: number };
export type CustomerLayer =
  | { mode: 'points'; items: CustomerPoint[] }
  | { mode: 'clusters'; items: CustomerCluster[]; total: number };

type Query = { orgId: string; bbox: Bbox; zoom: number };

/** Customers shown on the map: located, not terminated, inside the view (GiST index). */
const visible = (p: Query) => sql`
  c.organization_id = ${p.orgId} and c.latitude is not null and c.status <> 'terminated'
  and ${pointInBox(sql`c.latitude`, sql`c.longitude`, p.bbox)}`;

export async function customerLayer(db: Db, p: Query): Promise<CustomerLayer> {
  // Counting stops at limit + 1: a city-wide view never counts all 100,000 rows twice.
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${customers} c where ${visible(p)} limit ${CUSTOMER_POINT_LIMIT + 1}) x`);
  if (n > CUSTOMER_POINT_LIMIT) return customerClusters(db, p);
  return { mode: 'points', items: await customerPoints(db, p) };
}

/**
 * The grid cell: about 64 screen pixels at this zoom (a 256-pixel tile spans 360 / 2^zoom
 * degrees), but never finer than 1/64 of the view, so one answer stays under ~4,000 cells.
 * The grid is anchored at 0°, so clusters stay put while the user pans.
 */
export function clusterCellDegrees(bbox: Bbox, zoom: number): number {
  const byZoom = 360 / 2 ** zoom / 4;
  const byView = Math.max(bbox.east - bbox.west, bbox.north - bbox.south) / 64;
  return Math.max(byZoom, byView);
}

async function customerClusters(db: Db, p: Query): Promise<CustomerLayer> {
  const cell = clusterCellDegrees(p.bbox, p.zoom);
  // GiST's `<@` has a fixed, tiny selectivity estimate, so Postgres expects ~100 rows and
  // sorts them to group; here there are more than 3,000 (often 100,000), and hashing them
  // into a few dozen cells is twice as fast as that sort (which spills to disk).
  const list = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_sort = off`);
    const items = await tx.execute<CustomerCluster>(sql`
      select avg(c.latitude)::float8 as lat, avg(c.longitude)::float8 as lng, count(*)::int as count
      from ${customers} c
      where ${visible(p)}
      group by floor(c.latitude / ${cell}::float8), floor(c.longitude / ${cell}::float8)`);
    return [...items];
  });
  return { mode: 'clusters', items: list, total: list.reduce((sum, c) => sum + c.count, 0) };
}

/**
 * The status the map shows, per customer row `c` with its main subscription `s` and router
 * `r` joined: offline when they should be online (active) but their router says otherwise:
 * the router is down; or, in API mode, the last sessions snapshot (routers.last_seen_at set)
 * has no session for their main (latest) subscription; or, in RADIUS mode, no open
 * accounting row exists for `<serviceUsername>@<organization slug>`.
 */
function mapStatusSql(orgId: string) {
  return sql`case when c.status = 'active' and r.id is not null and (
          r.status = 'offline'
          or (r.mode = 'api' and r.last_seen_at is not null and s.id not in (
            select rs.subscription_id from ${routerSessions} rs where rs.organization_id = ${orgId} and rs.subscription_id is not null))
          or (r.mode = 'radius' and not exists (
            select 1 from ${radacct} a
            where a.username = s.service_username || '@' || (select slug from ${organizations} where id = ${orgId}) and a.acctstoptime is null
              and ${fromOrganizationNas(orgId, sql`a.nasipaddress`)}))
        ) then 'offline' else c.status end`;
}

/** The customer's main (latest) subscription and its router, for mapStatusSql. */
function mainSubscriptionJoin(orgId: string) {
  return sql`left join lateral (
      select s.id, s.router_id, s.odp_id, s.plan_id, s.service_username from ${subscriptions} s
      where s.customer_id = c.id and s.organization_id = ${orgId}
      order by s.created_at desc limit 1) s on true
    left join ${routers} r on r.id = s.router_id and r.organization_id = ${orgId}`;
}

/** One query for every point in view. */
async function customerPoints(db: Db, p: Query): Promise<CustomerPoint[]> {
  const rows = await db.execute<Omit<CustomerPoint, 'number'> & { number: number }>(sql`
    select c.id, c.latitude as lat, c.longitude as lng, c.name, c.number, c.address,
      ${mapStatusSql(p.orgId)} as status,
      pl.name as "planName", o.code as "odpCode",
      case when n.state in ('los', 'dying_gasp', 'offline') then 'los' else n.level end as signal,
      n.rx_power_dbm as "rxPowerDbm"
    from ${customers} c
    ${mainSubscriptionJoin(p.orgId)}
    left join lateral (
      select n.state, n.level, n.rx_power_dbm from onus n
      where n.organization_id = ${p.orgId} and n.subscription_id = s.id
      order by n.last_polled_at desc nulls last limit 1) n on true
    left join ${plans} pl on pl.id = coalesce(s.plan_id, c.plan_id) and pl.organization_id = ${p.orgId}
    left join ${odps} o on o.id = s.odp_id and o.organization_id = ${p.orgId}
    where ${visible(p)}
    limit ${CUSTOMER_POINT_LIMIT}`);
  return rows.map((r) => ({ ...r, number: formatCustomerNumber(r.number) }));
}

/**
 * The map's status for a page of customers (the reseller portal's list shows who is
 * online by the same rules as the map). Only the organization's customers are answered.
 */
export async function customerMapStatuses(
  db: Db,
  p: { orgId: string; customerIds: string[] },
): Promise<Map<string, CustomerMapStatus | 'terminated'>> {
  if (p.customerIds.length === 0) return new Map();
  const rows = await db.execute<{ id: string; status: CustomerMapStatus | 'terminated' }>(sql`
    select c.id, ${mapStatusSql(p.orgId)} as status
    from ${customers} c
    ${mainSubscriptionJoin(p.orgId)}
    where c.organization_id = ${p.orgId} and c.id in (${sql.join(
      p.customerIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** How many of a reseller's customers are in each map status (online = active). */
export async function resellerMapStatusCounts(
  db: Db,
  p: { orgId: string; resellerUserId: string },
): Promise<Record<string, number>> {
  const rows = await db.execute<{ status: string; n: number }>(sql`
    select ${mapStatusSql(p.orgId)} as status, count(*)::int as n
    from ${customers} c
    ${mainSubscriptionJoin(p.orgId)}
    where c.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId} and c.status <> 'terminated'
    group by 1`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
