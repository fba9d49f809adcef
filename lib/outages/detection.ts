import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import { DETECTION } from './constants';
import { createOutage } from './mutations';
import { onuLosCandidates, onuLosEvidence } from './onu-detection';

/**
 * Subscriptions that went offline in the window and are still offline, with when and how we
 * saw it: a RADIUS accounting stop (by the realm-qualified username, from the organization's
 * own NAS, not a cause the customer or billing made), or a session that vanished from a
 * router's snapshot (session_drops) and has not come back. Subscriptions already inside a
 * current outage are left out, so one fault is proposed once, and so are those whose ONU the
 * OLT last saw in dying gasp (a power cut at the customers', not a network fault).
 */
function offlineSql(orgId: string, since: Date, settled: Date) {
  const ignored = sql.join(
    DETECTION.ignoredRadiusCauses.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`
    with org as (select slug from organizations where id = ${orgId}),
    radius as (
      select s.id as subscription_id, max(a.acctstoptime) as at
      from radacct a
      join subscriptions s on s.organization_id = ${orgId}
        and a.username = s.service_username || '@' || (select slug from org)
      where a.acctstoptime >= ${since.toISOString()}::timestamptz
        and coalesce(a.acctterminatecause, '') not in (${ignored})
        and ${fromOrganizationNas(orgId, sql`a.nasipaddress`)}
        and not exists (select 1 from radacct b where b.username = a.username and b.acctstoptime is null)
      group by s.id),
    router as (
      select d.subscription_id, max(d.dropped_at) as at
      from session_drops d
      where d.organization_id = ${orgId} and d.dropped_at >= ${since.toISOString()}::timestamptz
        and d.dropped_at <= ${settled.toISOString()}::timestamptz
        and not exists (select 1 from router_sessions rs
                        where rs.organization_id = ${orgId} and rs.subscription_id = d.subscription_id)
      group by d.subscription_id),
    seen as (
      select subscription_id, min(at) as at, bool_or(src = 'radius') as radius, bool_or(src = 'router') as router
      from (select subscription_id, at, 'radius' as src from radius
            union all select subscription_id, at, 'router' from router) x
      group by subscription_id)
    select s.id as subscription_id, s.odp_id, s.router_id, seen.at, seen.radius, seen.router
    from seen
    join subscriptions s on s.id = seen.subscription_id and s.organization_id = ${orgId} and s.status = 'active'
    where not exists (
      select 1 from outage_subscriptions os join outages o on o.id = os.outage_id and o.organization_id = ${orgId}
      where os.organization_id = ${orgId} and os.subscription_id = s.id and o.status in ('proposed', 'open'))
      -- Its ONU said dying gasp: the customer's power went (a neighbourhood blackout drops
      -- every session of an ODP at once), not the network.
      and not exists (
        select 1 from onus n where n.organization_id = ${orgId} and n.subscription_id = s.id and n.state = 'dying_gasp')`;
}

type Candidate = {
  element_id: string;
  offline: number;
  total: number;
  first_at: Date;
  last_at: Date;
  radius: number;
  router: number;
};

/** Elements (ODPs or routers) where enough of their active customers went offline together. */
async function candidates(db: Db, orgId: string, now: Date, by: 'odp' | 'router') {
  const since = new Date(now.getTime() - DETECTION.windowMinutes * 60_000);
  const settled = new Date(now.getTime() - DETECTION.dropSettleMinutes * 60_000);
  const column = by === 'odp' ? sql.raw('odp_id') : sql.raw('router_id');
  const rule = DETECTION[by];
  return db
    .execute<Candidate>(sql`
    with off as (${offlineSql(orgId, since, settled)}),
    grouped as (
      select ${column} as element_id, count(*)::int as offline, min(at) as first_at, max(at) as last_at,
             count(*) filter (where radius)::int as radius, count(*) filter (where router)::int as router
      from off where ${column} is not null group by ${column})
    select g.*, (select count(*)::int from subscriptions s
                 where s.organization_id = ${orgId} and s.${column} = g.element_id and s.status = 'active') as total
    from grouped g
    where g.offline >= ${rule.minOffline}`)
    .then((rows) => rows.filter((r) => r.total > 0 && r.offline / r.total >= rule.minShare));
}

function evidence(c: Candidate) {
  const signal = c.radius && c.router ? 'both' : c.radius ? 'radius' : 'router_sessions';
  return {
    signal,
    offline: c.offline,
    total: c.total,
    windowMinutes: DETECTION.windowMinutes,
    firstAt: new Date(c.first_at).toISOString(),
    lastAt: new Date(c.last_at).toISOString(),
  };
}

/**
 * The detection pass for one organization (periodic task `outages`): PON ports and ODPs
 * whose ONUs the OLT poll saw go LOS together, then routers (the wider fault), then ODPs among the customers a router proposal did not already take, each
 * as a *proposed* outage for NOC to confirm or dismiss. A router the monitor cannot reach is
 * proposed too. Old session drops are pruned. Locked per organization so two workers never
 * propose the same fault twice.
 */
export async function detectOutages(db: Db, p: { orgId: string; now?: Date }) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('outages'), hashtext(${p.orgId}))`);
    const proposed: string[] = [];
    const quiet = (type: 'router' | 'odp' | 'pon_port', id: string) => recentlyDecided(tx, p.orgId, type, id, now);
    // LOS seen by the OLTs first: no light is the surest sign, and a cut PON port also drops
    // its customers' sessions, which the passes below then find already covered.
    for (const by of ['pon_port', 'odp'] as const)
      for (const c of await onuLosCandidates(tx, p.orgId, now, by)) {
        if (await quiet(by, c.element_id)) continue;
        const o = await createOutage(tx, {
          orgId: p.orgId,
          actorUserId: null,
          element: { type: by, id: c.element_id },
          source: 'detected',
          evidence: onuLosEvidence(c),
          startedAt: new Date(c.first_at),
        });
        proposed.push(o.id);
      }
    for (const c of await candidates(tx, p.orgId, now, 'router')) {
      if (await quiet('router', c.element_id)) continue;
      const o = await createOutage(tx, {
        orgId: p.orgId,
        actorUserId: null,
        element: { type: 'router', id: c.element_id },
        source: 'detected',
        evidence: evidence(c),
        startedAt: new Date(c.first_at),
      });
      proposed.push(o.id);
    }
    for (const r of await unreachableRouters(tx, p.orgId, now)) {
      if (await quiet('router', r.id)) continue;
      const o = await createOutage(tx, {
        orgId: p.orgId,
        actorUserId: null,
        element: { type: 'router', id: r.id },
        source: 'detected',
        evidence: { signal: 'router_unreachable', since: new Date(r.since).toISOString() },
        startedAt: new Date(r.since),
      });
      proposed.push(o.id);
    }
    for (const c of await candidates(tx, p.orgId, now, 'odp')) {
      if (await quiet('odp', c.element_id)) continue;
      const o = await createOutage(tx, {
        orgId: p.orgId,
        actorUserId: null,
        element: { type: 'odp', id: c.element_id },
        source: 'detected',
        evidence: evidence(c),
        startedAt: new Date(c.first_at),
      });
      proposed.push(o.id);
    }
    await tx.execute(sql`
      delete from session_drops
      where organization_id = ${p.orgId} and dropped_at < ${new Date(now.getTime() - DETECTION.keepDropsHours * 3_600_000).toISOString()}::timestamptz`);
    return { proposed };
  });
}

/**
 * Routers the monitor cannot reach that serve active customers and have no current outage.
 * Only a connection failure (DETECTION.routerOffline.errorKinds) that has lasted: last seen at
 * least minMinutes ago and still failing at the last check. It started when the router was
 * last seen — but never earlier than minMinutes plus two checks before now: a last_seen_at
 * from weeks ago (a router left offline, a monitor that was stopped) says nothing about when
 * the customers lost service, and the credit is computed from this start.
 */
async function unreachableRouters(db: Db, orgId: string, now: Date) {
  const rule = DETECTION.routerOffline;
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const kinds = sql.join(
    rule.errorKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return db.execute<{ id: string; since: Date }>(sql`
    select r.id, greatest(r.last_seen_at, ${at(rule.minMinutes + 2 * rule.checkMinutes)}::timestamptz) as since
    from routers r
    where r.organization_id = ${orgId} and r.status = 'offline'
      and r.last_error_kind in (${kinds})
      and r.last_seen_at <= ${at(rule.minMinutes)}::timestamptz
      and r.last_checked_at >= ${at(2 * rule.checkMinutes)}::timestamptz
      and exists (select 1 from subscriptions s where s.organization_id = ${orgId} and s.router_id = r.id and s.status = 'active')
      and not exists (select 1 from outages o where o.organization_id = ${orgId} and o.element_type = 'router'
                      and o.element_id = r.id and o.status in ('proposed', 'open'))`);
}

/**
 * NOC already decided about this element a moment ago (dismissed as a false alarm, or just
 * resolved while customers reconnect): the same signals must not page them again at once.
 * Counted from decided_at: crediting an old outage later must not silence its element.
 */
async function recentlyDecided(db: Db, orgId: string, type: 'router' | 'odp' | 'pon_port', id: string, now: Date) {
  const since = new Date(now.getTime() - DETECTION.quietMinutes * 60_000).toISOString();
  const [row] = await db.execute<{ one: number }>(sql`
    select 1 as one from outages
    where organization_id = ${orgId} and element_type = ${type} and element_id = ${id}
      and (status in ('proposed', 'open') or decided_at >= ${since}::timestamptz)
    limit 1`);
  return Boolean(row);
}
