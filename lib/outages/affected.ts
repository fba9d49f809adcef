import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OutageElementType } from '@/db/enums';

export type OutageElement = { type: OutageElementType; id: string; odpPort?: number | null };

/**
 * The elements directly below node `d` (a row of the walk), for one organization: sites whose
 * parent it is (POP → OLT → ODC), sites a router serves, ODPs an ODC feeds, and the `to` end
 * of each cable leaving it. Each branch is an index lookup by the node's id, so a walk costs
 * what it visits, not the size of the network; every branch filters by the tenant.
 */
function below(orgId: string) {
  return sql`
    select 'site'::text as k, s.id from infra_sites s
      where d.k = 'site' and s.organization_id = ${orgId} and s.parent_site_id = d.id
    union all
    select 'site', s.id from infra_sites s
      where d.k = 'router' and s.organization_id = ${orgId} and s.router_id = d.id
    union all
    select 'odp', o.id from odps o
      where d.k = 'site' and o.organization_id = ${orgId} and o.odc_id = d.id
    union all
    select case when c.to_site_id is not null then 'site' else 'odp' end, coalesce(c.to_site_id, c.to_odp_id) from cables c
      where d.k = 'site' and c.organization_id = ${orgId} and c.from_site_id = d.id and coalesce(c.to_site_id, c.to_odp_id) is not null
    union all
    select case when c.to_site_id is not null then 'site' else 'odp' end, coalesce(c.to_site_id, c.to_odp_id) from cables c
      where d.k = 'odp' and c.organization_id = ${orgId} and c.from_odp_id = d.id and coalesce(c.to_site_id, c.to_odp_id) is not null`;
}

/** Where the walk starts: the element itself, or for a cable the end it feeds. */
function start(orgId: string, e: OutageElement): SQL {
  switch (e.type) {
    case 'router':
      return sql`select 'router'::text as k, ${e.id}::uuid as id`;
    case 'odp':
    case 'odp_port':
      return sql`select 'odp'::text as k, ${e.id}::uuid as id`;
    case 'pon_port':
      // The ODCs and ODPs the PON port feeds (the map's topology), walked downstream from there.
      return sql`select 'site'::text as k, s.id from infra_sites s where s.organization_id = ${orgId} and s.pon_port_id = ${e.id}
        union all select 'odp', o.id from odps o where o.organization_id = ${orgId} and o.pon_port_id = ${e.id}`;
    case 'cable':
      return sql`select case when c.to_site_id is not null then 'site' else 'odp' end, coalesce(c.to_site_id, c.to_odp_id)
        from cables c where c.id = ${e.id} and c.organization_id = ${orgId} and coalesce(c.to_site_id, c.to_odp_id) is not null`;
    default:
      return sql`select 'site'::text as k, ${e.id}::uuid as id`;
  }
}

/**
 * The active subscriptions an element being down cuts off, as one set-based query: walk the
 * topology downstream (recursive; `union` drops rows already seen, so a loop in the cables
 * ends; each subscription is selected once, so the stored set has no duplicates), then take
 * the subscriptions on the ODPs reached and, for a router, those it serves directly (for a
 * PON port: the ODCs and ODPs it feeds, and the subscriptions of the ONUs on it). An ODP
 * port is one splitter leg: only that port of that ODP, no walk (the ODPs a cable feeds from
 * the same ODP hang off its trunk, not off the port, and their own port N is someone else).
 * Yields (subscription_id, customer_id, price, taxable) — the plan as it is now.
 */
export function affectedSubscriptionsSql(orgId: string, e: OutageElement): SQL {
  const cols = sql`s.id as subscription_id, s.customer_id, pl.price_rupiah::bigint as price, pl.taxable`;
  const plan = sql`join plans pl on pl.id = s.plan_id and pl.organization_id = ${orgId}`;
  if (e.type === 'odp_port')
    return sql`
      select ${cols} from subscriptions s ${plan}
      where s.organization_id = ${orgId} and s.status = 'active'
        and s.odp_id = ${e.id} and s.odp_port = ${e.odpPort ?? -1}`;
  const direct =
    e.type === 'router'
      ? sql`or (s.router_id = ${e.id} and s.organization_id = ${orgId})`
      : e.type === 'pon_port'
        ? // An ONU registered on the port is behind it whatever ODP its customer is recorded on.
          sql`or s.id in (select n.subscription_id from onus n
                          where n.organization_id = ${orgId} and n.pon_port_id = ${e.id} and n.subscription_id is not null)`
        : sql``;
  return sql`
    with recursive down(k, id) as (
      ${start(orgId, e)}
      union
      select n.k, n.id from down d cross join lateral (${below(orgId)}) n
    )
    select ${cols}
    from subscriptions s ${plan}
    where s.organization_id = ${orgId} and s.status = 'active'
      and (s.odp_id in (select id from down where k = 'odp') ${direct})`;
}

/**
 * The affected set without the subscriptions another current (proposed or open) outage
 * already holds: an ODP marked while its ODC is down, or the router above, must not send the
 * same customers a second notice nor credit them twice.
 */
function notYetCoveredSql(orgId: string, e: OutageElement, outageId: string | null): SQL {
  return sql`
    select a.* from (${affectedSubscriptionsSql(orgId, e)}) a
    where not exists (
      select 1 from outage_subscriptions os
      join outages o on o.id = os.outage_id and o.organization_id = ${orgId}
      where os.organization_id = ${orgId} and os.subscription_id = a.subscription_id
        and o.status in ('proposed', 'open') ${outageId ? sql`and o.id <> ${outageId}` : sql``})`;
}

/**
 * Stores the affected set of an outage (set-based, inside the caller's transaction), with the
 * plan price it is credited from later; returns its size.
 */
export async function storeAffected(db: Db, p: { orgId: string; outageId: string; element: OutageElement }) {
  const rows = await db.execute<{ n: number }>(sql`
    with ins as (
      insert into outage_subscriptions (organization_id, outage_id, subscription_id, customer_id, price_rupiah, taxable)
      select ${p.orgId}, ${p.outageId}, a.subscription_id, a.customer_id, a.price, a.taxable
      from (${notYetCoveredSql(p.orgId, p.element, p.outageId)}) a
      returning 1)
    update outages set affected_count = (select count(*) from ins), updated_at = now()
    where id = ${p.outageId} and organization_id = ${p.orgId}
    returning affected_count as n`);
  return Number(rows[0]?.n ?? 0);
}

/** How many would be affected, without storing (the confirmation dialog's count). */
export async function countAffected(db: Db, p: { orgId: string; element: OutageElement }) {
  const rows = await db.execute<{ subscriptions: number; customers: number }>(sql`
    select count(*)::int as subscriptions, count(distinct customer_id)::int as customers
    from (${notYetCoveredSql(p.orgId, p.element, null)}) a`);
  return { subscriptions: rows[0]?.subscriptions ?? 0, customers: rows[0]?.customers ?? 0 };
}
