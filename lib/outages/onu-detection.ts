import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { DETECTION } from './constants';

export type OnuCandidate = {
  element_id: string;
  offline: number;
  total: number;
  first_at: Date;
  last_at: Date;
};

/**
 * ONUs the SNMP poll saw go LOS (no light: a cut or a pulled fibre; a dying gasp is the
 * customer's power, not the network) within the window and still LOS, leaving out those
 * whose subscription a current outage already holds, so one fault is proposed once, and
 * those on a PON port NOC has just decided about (a dismissed port's cut must not come
 * back as one outage per ODP).
 */
function losSql(orgId: string, since: Date, quietSince: Date) {
  return sql`
    select n.id, n.pon_port_id, n.subscription_id, n.state_changed_at as at
    from onus n
    where n.organization_id = ${orgId} and n.state = 'los' and n.state_changed_at >= ${since.toISOString()}::timestamptz
      and not exists (
        select 1 from outages o where o.organization_id = ${orgId} and o.element_type = 'pon_port'
          and o.element_id = n.pon_port_id
          and (o.status in ('proposed', 'open') or o.decided_at >= ${quietSince.toISOString()}::timestamptz))
      and (n.subscription_id is null or not exists (
        select 1 from outage_subscriptions os join outages o on o.id = os.outage_id and o.organization_id = ${orgId}
        where os.organization_id = ${orgId} and os.subscription_id = n.subscription_id and o.status in ('proposed', 'open')))`;
}

/**
 * PON ports where enough of their ONUs went LOS together (a fibre cut before the first
 * splitter), or ODPs where enough of their active customers' ONUs did (a cut on the drop
 * side). Counts and shares in DETECTION.onuLos; the window is wider than the routers' one
 * because an OLT is polled every few minutes, not watched live.
 */
export async function onuLosCandidates(db: Db, orgId: string, now: Date, by: 'pon_port' | 'odp') {
  const since = new Date(now.getTime() - DETECTION.onuLos.windowMinutes * 60_000);
  const quietSince = new Date(now.getTime() - DETECTION.quietMinutes * 60_000);
  const rule = DETECTION.onuLos[by];
  const rows =
    by === 'pon_port'
      ? await db.execute<OnuCandidate>(sql`
          with los as (${losSql(orgId, since, quietSince)})
          select l.pon_port_id as element_id, count(*)::int as offline, min(l.at) as first_at, max(l.at) as last_at,
                 (select count(*)::int from onus n where n.organization_id = ${orgId} and n.pon_port_id = l.pon_port_id) as total
          from los l group by l.pon_port_id having count(*) >= ${rule.minOffline}`)
      : await db.execute<OnuCandidate>(sql`
          with los as (${losSql(orgId, since, quietSince)})
          select s.odp_id as element_id, count(distinct s.id)::int as offline, min(l.at) as first_at, max(l.at) as last_at,
                 (select count(*)::int from subscriptions t
                  where t.organization_id = ${orgId} and t.odp_id = s.odp_id and t.status = 'active') as total
          from los l
          join subscriptions s on s.id = l.subscription_id and s.organization_id = ${orgId} and s.status = 'active'
          where s.odp_id is not null
          group by s.odp_id having count(distinct s.id) >= ${rule.minOffline}`);
  return rows.filter((r) => r.total > 0 && r.offline / r.total >= rule.minShare);
}

export function onuLosEvidence(c: OnuCandidate) {
  return {
    signal: 'onu_los',
    offline: c.offline,
    total: c.total,
    windowMinutes: DETECTION.onuLos.windowMinutes,
    firstAt: new Date(c.first_at).toISOString(),
    lastAt: new Date(c.last_at).toISOString(),
  };
}
