import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketCounts } from '@/lib/tickets/queries';

/**
 * The network at a glance: each router's state with its last error and who is on it, how
 * many customers are online against how many should be (active subscriptions), and the
 * jobs that failed in the last seven days; and the helpdesk's open tickets (NOC works them).
 */
export async function nocDashboard(db: Db, p: { orgId: string }) {
  const { orgId } = p;
  const [routerRows, [counts], failed, tickets] = await Promise.all([
    // API routers: the session snapshot the status monitor keeps; RADIUS routers: open
    // accounting records of this organization's realm from that router's address.
    db.execute<{
      id: string;
      name: string;
      mode: 'api' | 'radius';
      status: 'unknown' | 'online' | 'offline';
      lastError: string | null;
      lastErrorKind: string | null;
      lastCheckedAt: string | null;
      sessions: number;
      customers: number;
    }>(sql`
      with api as (
        select router_id, count(*)::int as sessions, count(subscription_id)::int as customers
        from router_sessions where organization_id = ${orgId} group by router_id)
      select r.id, r.name, r.mode, r.status, r.last_error as "lastError", r.last_error_kind as "lastErrorKind",
        r.last_checked_at as "lastCheckedAt", coalesce(api.customers, 0) as customers,
        case when r.mode = 'api' then coalesce(api.sessions, 0)
          else (select count(*) from radacct a where a.acctstoptime is null
            and host(a.nasipaddress) = coalesce(r.nas_address, lower(r.host)) and a.username like '%@' || o.slug)::int end as sessions
      from routers r join organizations o on o.id = r.organization_id left join api on api.router_id = r.id
      where r.organization_id = ${orgId}
      order by (r.status = 'offline') desc, r.name`),
    db.execute<{ shouldBeOnline: number }>(sql`
      select count(*)::int as "shouldBeOnline" from subscriptions where organization_id = ${orgId} and status = 'active'`),
    db.execute<{ id: string; type: string; error: string | null; createdAt: string; total: number }>(sql`
      select id, type, error, created_at as "createdAt", count(*) over ()::int as total
      from jobs where organization_id = ${orgId} and state = 'failed' and created_at >= now() - interval '7 days'
      order by created_at desc limit 5`),
    ticketCounts(db, { orgId }),
  ]);
  const routers = [...routerRows].map(({ customers: _c, ...r }) => r);
  // Online customers: API sessions matched to a subscription (a customer with two sessions at
  // once counts twice: rare, and a distinct count doubled this section's time), plus RADIUS.
  const onlineApi = routerRows.reduce((s, r) => s + r.customers, 0);
  const radiusOnline = routers.filter((r) => r.mode === 'radius').reduce((s, r) => s + r.sessions, 0);
  return {
    routers,
    routersOnline: routers.filter((r) => r.status === 'online').length,
    routersOffline: routers.filter((r) => r.status === 'offline').length,
    onlineNow: onlineApi + radiusOnline,
    shouldBeOnline: counts?.shouldBeOnline ?? 0,
    failedJobs: { total: failed[0]?.total ?? 0, latest: failed.map(({ total: _t, ...j }) => j) },
    tickets,
  };
}
export type NocDashboard = Awaited<ReturnType<typeof nocDashboard>>;
