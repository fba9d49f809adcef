import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { routerSessions, routers } from '@/db/schema';
import { emitRows, routerOfflineRows } from '@/lib/events/rows';
import { routerQueue } from '@/lib/jobs/contract';
import type { RouterError } from '@/lib/network/routeros/errors';
import type { RouterSnapshot } from './constants';
import type { LiveSession } from './router-ops';

/**
 * Keeps what the app knows about a router current: status, the last reading (with traffic
 * rates from the previous one) and the list of who is online.
 */
export async function saveRouterState(
  db: Db,
  p: { orgId: string; routerId: string; snapshot: RouterSnapshot; sessions: LiveSession[] },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: routers.status, last: routers.lastSnapshot })
      .from(routers)
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
      .for('update');
    if (!before) return { cameBack: false };
    const snapshot = withRates(p.snapshot, before.last);
    await tx
      .update(routers)
      .set({
        status: 'online',
        lastSeenAt: sql`now()`,
        lastCheckedAt: sql`now()`,
        lastError: null,
        lastErrorKind: null,
        lastSnapshot: snapshot,
      })
      .where(eq(routers.id, p.routerId));
    await recordSessionDrops(tx, p);
    await tx
      .delete(routerSessions)
      .where(and(eq(routerSessions.routerId, p.routerId), eq(routerSessions.organizationId, p.orgId)));
    for (let i = 0; i < p.sessions.length; i += 1000) {
      await tx
        .insert(routerSessions)
        .values(p.sessions.slice(i, i + 1000).map((s) => ({ organizationId: p.orgId, routerId: p.routerId, ...s })));
    }
    // Link sessions to subscriptions by username, in one statement.
    await tx.execute(sql`
      update router_sessions rs set subscription_id = s.id
      from subscriptions s
      where rs.router_id = ${p.routerId} and s.organization_id = ${p.orgId} and s.service_username = rs.username`);
    const cameBack = before.status === 'offline';
    if (cameBack) await wakeRouterQueue(tx, p.routerId);
    return { cameBack };
  });
}

/**
 * Customers whose session was in the last snapshot and is not in this one: the outage
 * detection pass (lib/outages/detection.ts) reads these drops, since the snapshot itself is
 * replaced and forgets who was there.
 */
async function recordSessionDrops(db: Db, p: { orgId: string; routerId: string; sessions: LiveSession[] }) {
  await db.execute(sql`
    insert into session_drops (organization_id, router_id, subscription_id)
    select distinct ${p.orgId}::uuid, ${p.routerId}::uuid, rs.subscription_id
    from router_sessions rs
    where rs.router_id = ${p.routerId} and rs.organization_id = ${p.orgId} and rs.subscription_id is not null
      and not exists (select 1 from jsonb_array_elements_text(${JSON.stringify(p.sessions.map((s) => s.username))}::jsonb) u(name)
                      where u.name = rs.username)`);
}

function withRates(now: RouterSnapshot, prev: RouterSnapshot | null): RouterSnapshot {
  if (!prev) return now;
  const seconds = (Date.parse(now.checkedAt) - Date.parse(prev.checkedAt)) / 1000;
  if (!(seconds > 0)) return now;
  const before = new Map(prev.interfaces.map((i) => [i.name, i]));
  return {
    ...now,
    interfaces: now.interfaces.map((i) => {
      const b = before.get(i.name);
      if (!b || i.rxByte < b.rxByte || i.txByte < b.txByte) return i;
      return {
        ...i,
        rxBps: Math.round(((i.rxByte - b.rxByte) * 8) / seconds),
        txBps: Math.round(((i.txByte - b.txByte) * 8) / seconds),
      };
    }),
  };
}

/**
 * A router call failed on the connection: the router shows offline with the reason. A router
 * that was online is news once per outage (router.offline); one still offline, or never
 * reached yet (unknown), is not: every failed check of a long outage would repeat it.
 */
export async function markRouterOffline(db: Db, p: { orgId: string; routerId: string; error: RouterError }) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: routers.status })
      .from(routers)
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
      .for('update');
    if (!before) return;
    await tx
      .update(routers)
      .set({
        status: 'offline',
        lastCheckedAt: sql`now()`,
        lastError: p.error.message.slice(0, 500),
        lastErrorKind: p.error.kind,
      })
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
    if (before.status === 'online')
      await emitRows(tx, { orgId: p.orgId, type: 'router.offline', rows: routerOfflineRows(p) });
  });
}

/** A job reached the router: it is online (and its waiting jobs need not wait any longer). */
export async function markRouterOnline(db: Db, p: { orgId: string; routerId: string }) {
  const [row] = await db.execute<{ was: string }>(sql`
    update routers r set status = 'online', last_seen_at = now(), last_error = null, last_error_kind = null
    from (select status as was from routers where id = ${p.routerId} and organization_id = ${p.orgId} for update) prev
    where r.id = ${p.routerId} and r.organization_id = ${p.orgId}
    returning prev.was`);
  if (row?.was === 'offline') await wakeRouterQueue(db, p.routerId);
}

/**
 * Jobs that failed while the router was away wait out graphile-worker's backoff (up to
 * hours); once the router answers again they are due now, so the queue drains at once.
 */
export async function wakeRouterQueue(db: Db, routerId: string) {
  await db.execute(sql`
    select count(*) from graphile_worker.reschedule_jobs(
      array(select id from graphile_worker.jobs where queue_name = ${routerQueue(routerId)} and attempts > 0 and attempts < max_attempts and locked_at is null and run_at > now()),
      run_at => now())`);
}
