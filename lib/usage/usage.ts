import { and, between, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, subscriptions, usageDays } from '@/db/schema';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import { radiusUsername } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';
import { type DayUsage, fillDays, spreadSession, startOfLocalDay, sumByDay } from './attribute';

function nextDay(day: string) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * A subscription's traffic per local day from `from` to `to` (inclusive, `YYYY-MM-DD`),
 * every day present (zero without traffic). Two sources, added together:
 * - RADIUS accounting (radacct) of a RADIUS-mode router, each session spread over the days
 *   it covered (a running session up to its last interim update, else now);
 * - the router counters of an API-mode router, sampled by the usage pass into usage_days.
 * bytesIn is traffic to the customer (download), bytesOut from them (upload).
 */
export async function usageByDay(
  db: Db,
  p: { orgId: string; subscriptionId: string; from: string; to: string; timeZone: string; now?: Date },
): Promise<DayUsage[]> {
  const [sub] = await db
    .select({ username: subscriptions.serviceUsername, slug: organizations.slug })
    .from(subscriptions)
    .innerJoin(organizations, eq(organizations.id, subscriptions.organizationId))
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!sub) throw new AppError('not_found');
  const start = startOfLocalDay(p.from, p.timeZone);
  const end = startOfLocalDay(nextDay(p.to), p.timeZone);
  const now = (p.now ?? new Date()).toISOString();
  const sessions = await db.execute<{ start: string; end: string; bytes_in: string; bytes_out: string }>(sql`
    select acctstarttime as start,
      least(coalesce(acctstoptime, acctupdatetime, ${now}::timestamptz), ${now}::timestamptz) as end,
      coalesce(acctoutputoctets, 0)::bigint as bytes_in, coalesce(acctinputoctets, 0)::bigint as bytes_out
    from radacct
    where username = ${radiusUsername(sub.username, sub.slug)} and ${fromOrganizationNas(p.orgId, sql`nasipaddress`)}
      and acctstarttime is not null and acctstarttime < ${end.toISOString()}::timestamptz
      and coalesce(acctstoptime, acctupdatetime, ${now}::timestamptz) >= ${start.toISOString()}::timestamptz`);
  const fromRadius = [...sessions].flatMap((s) =>
    spreadSession(
      { start: new Date(s.start), end: new Date(s.end), bytesIn: Number(s.bytes_in), bytesOut: Number(s.bytes_out) },
      p.timeZone,
    ),
  );
  const fromCounters = await db
    .select({ day: usageDays.day, bytesIn: usageDays.bytesIn, bytesOut: usageDays.bytesOut })
    .from(usageDays)
    .where(
      and(
        eq(usageDays.organizationId, p.orgId),
        eq(usageDays.subscriptionId, p.subscriptionId),
        between(usageDays.day, p.from, p.to),
      ),
    );
  const inRange = sumByDay([...fromRadius, ...fromCounters]).filter((d) => d.day >= p.from && d.day <= p.to);
  return fillDays(inRange, p.from, p.to);
}

/**
 * The usage pass (every 5 minutes, workers/requests-tick.ts): each API-mode router's
 * session list, as the sessions poll last stored it, becomes one reading per subscription.
 * The traffic since the previous reading goes to the reading's local day; a new session on
 * the router (another item id) or a smaller counter starts from zero (lib/usage/attribute.ts
 * `counterDelta`, the same rule). Set-based: one statement for every organization.
 */
export async function recordUsageSamples(db: Db, p: { orgId?: string } = {}) {
  const org = p.orgId ? sql`and rs.organization_id = ${p.orgId}` : sql``;
  const [row] = await db.execute<{ days: number; readings: number }>(sql`
    with cur as (
      select distinct on (rs.subscription_id) rs.subscription_id, rs.organization_id, rs.item_id as session_key,
        rs.bytes_in, rs.bytes_out, rs.seen_at, o.timezone
      from router_sessions rs
      join routers r on r.id = rs.router_id and r.organization_id = rs.organization_id and r.mode = 'api'
      join organizations o on o.id = rs.organization_id
      where rs.subscription_id is not null and rs.bytes_in is not null and rs.bytes_out is not null ${org}
      order by rs.subscription_id, rs.seen_at desc),
    delta as (
      select cur.*,
        case when c.subscription_id is null then 0
          when c.session_key <> cur.session_key or cur.bytes_in < c.bytes_in or cur.bytes_out < c.bytes_out then cur.bytes_in
          else cur.bytes_in - c.bytes_in end as d_in,
        case when c.subscription_id is null then 0
          when c.session_key <> cur.session_key or cur.bytes_in < c.bytes_in or cur.bytes_out < c.bytes_out then cur.bytes_out
          else cur.bytes_out - c.bytes_out end as d_out
      from cur left join usage_counters c on c.subscription_id = cur.subscription_id
      where c.sampled_at is null or cur.seen_at > c.sampled_at),
    days as (
      insert into usage_days (organization_id, subscription_id, day, bytes_in, bytes_out)
      select organization_id, subscription_id, (seen_at at time zone timezone)::date, d_in, d_out
      from delta where d_in > 0 or d_out > 0
      on conflict (subscription_id, day) do update
        set bytes_in = usage_days.bytes_in + excluded.bytes_in, bytes_out = usage_days.bytes_out + excluded.bytes_out
      returning 1),
    readings as (
      insert into usage_counters (subscription_id, organization_id, session_key, bytes_in, bytes_out, sampled_at)
      select subscription_id, organization_id, session_key, bytes_in, bytes_out, seen_at from delta
      on conflict (subscription_id) do update
        set session_key = excluded.session_key, bytes_in = excluded.bytes_in, bytes_out = excluded.bytes_out,
          sampled_at = excluded.sampled_at
      returning 1)
    select (select count(*) from days)::int as days, (select count(*) from readings)::int as readings`);
  return { days: row?.days ?? 0, readings: row?.readings ?? 0 };
}
