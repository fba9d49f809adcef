import { sql } from 'drizzle-orm';
import { odps, subscriptions } from '@/db/schema';

/**
 * How full an ODP is, as SQL on the outer query's ODP row: one rule for every list, the map,
 * coverage and the importer. `odp` is that row's table name or alias (a constant, never input),
 * spelled out because drizzle leaves columns unqualified in a one-table select.
 *
 * Matched by odp_id alone: the outer row is already this organization's ODP, and every writer
 * of subscriptions.odp_id checks the ODP is the subscription's organization's (lib/network/ports).
 * Adding `s.organization_id = o.organization_id` here makes Postgres, which cannot estimate a
 * correlated tenant well once there are many tenants, AND the odp index with the organization
 * index and read every subscription of the organization once per ODP: 1.2 s instead of 20 ms
 * for 2,000 ODPs of a 30,000-customer ISP.
 */
const liveOn = (odp: string) => sql`s.odp_id = ${sql.raw(`"${odp}"`)}."id" and s.status <> 'terminated'`;

/**
 * Ports in use: the ODP's subscriptions that are not terminated, numbered or not (a customer
 * whose port is not written down yet still takes one).
 */
export const usedPortsSql = (odp = 'odps') =>
  sql<number>`(select count(*)::int from ${subscriptions} s where ${liveOn(odp)})`;

/** The fewest ports an ODP may be given: one per live subscription, and at least its highest port in use. */
export const portsNeededSql = (odp = 'odps') =>
  sql<number>`(select greatest(count(*), coalesce(max(s.odp_port), 0))::int from ${subscriptions} s where ${liveOn(odp)})`;

/** What every list of ODPs shows: where it is and how full. */
export const odpSummaryColumns = () => ({
  id: odps.id,
  code: odps.code,
  name: odps.name,
  latitude: odps.latitude,
  longitude: odps.longitude,
  totalPorts: odps.totalPorts,
  usedPorts: usedPortsSql(),
});
