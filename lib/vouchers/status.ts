import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { eventsInsert, hotspotVoucherSaleRows } from '@/lib/events/rows';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import { orgSlug } from '@/lib/network/radius/provision';
import type { VoucherStatus } from './constants';
import { applyVoucherRadiusState } from './radius';
import type { VoucherUsage } from './router';

/**
 * A voucher's status follows from what the network reports (first login, time and traffic
 * used) and its profile: unused -> active at the first login (validity starts then), ->
 * used when a quota is spent, -> expired when the validity is over. `disabled` is the
 * operator's and stays. Observations only ever move counters forward.
 */
/** `activated`: the first login was just noticed (its expiry was set now). */
export type SettledVoucher = { id: string; code: string; batchId: string; to: VoucherStatus; activated: boolean };

const hotspotSales = (orgId: string) =>
  hotspotVoucherSaleRows({ orgId, from: sql`(select * from settled where sold_now) v` });

/**
 * Recomputes status (and expiry, sale time) of the live vouchers matched by `where` (on `v`).
 * An office voucher is sold at the hotspot when it is first used: its voucher.sold is emitted
 * in the statement that gives it its sale time.
 */
export async function settleVouchers(db: Db, p: { orgId: string; where?: SQL }): Promise<SettledVoucher[]> {
  const rows = await db.execute<SettledVoucher>(sql`
    with next as (
      select v.id, v.expires_at is null as activated, v.sold_at is null and v.first_login_at is not null as sold_now,
        coalesce(v.expires_at, v.first_login_at + make_interval(mins => pr.validity_minutes)) as expires_at,
        case
          when pr.time_quota_minutes is not null and v.used_seconds >= pr.time_quota_minutes * 60 then 'used'
          when pr.data_quota_bytes is not null and v.used_bytes >= pr.data_quota_bytes then 'used'
          when coalesce(v.expires_at, v.first_login_at + make_interval(mins => pr.validity_minutes)) <= now() then 'expired'
          else 'active'
        end as "to"
      from vouchers v join voucher_profiles pr on pr.id = v.profile_id and pr.organization_id = v.organization_id
      -- Only active vouchers can move on (the first-login writes below make them active), so
      -- the many unused ones are not even read.
      where v.organization_id = ${p.orgId} and v.status = 'active' ${p.where ? sql`and ${p.where}` : sql``}
      -- Locked as read (in id order, so two overlapping settles do not deadlock): a settle that
      -- waited for another reads the voucher as that one left it, already sold, and does not
      -- sell it, and emit its voucher.sold, a second time.
      order by v.id
      for update of v
    ), settled as (
      update vouchers v set status = n."to", expires_at = n.expires_at, sold_at = coalesce(v.sold_at, v.first_login_at)
      from next n
      where v.id = n.id and v.organization_id = ${p.orgId}
        and (v.status is distinct from n."to" or v.expires_at is distinct from n.expires_at or n.sold_now)
      returning v.id, v.code, v.batch_id, v.profile_id, v.sold_at, n."to", n.activated, n.sold_now
    ), sold as (
      ${eventsInsert({ orgId: p.orgId, type: 'voucher.sold', rows: hotspotSales(p.orgId) })}
    )
    select id, code, batch_id as "batchId", "to", activated from settled`);
  return [...rows];
}

/**
 * What a router reported for one batch's users: cumulative uptime and traffic, and who is
 * online now (with the session's uptime). A first login is dated back by the longer of the
 * two, so the validity starts when the customer logged in, not when the sync noticed.
 */
export async function applyRouterUsage(
  db: Db,
  p: { orgId: string; batchId: string; usage: VoucherUsage[]; online: Map<string, number> },
) {
  const rows = p.usage.map((u) => ({
    code: u.code,
    seconds: u.seconds,
    bytes: u.bytes,
    online: p.online.has(u.code),
    since: Math.max(u.seconds, p.online.get(u.code) ?? 0),
  }));
  if (rows.length > 0) {
    await db.execute(sql`
      update vouchers v set
        used_seconds = greatest(v.used_seconds, u.seconds),
        used_bytes = greatest(v.used_bytes, u.bytes),
        first_login_at = coalesce(v.first_login_at,
          case when u.seconds > 0 or u.bytes > 0 or u.online then now() - make_interval(secs => u.since) end),
        status = case when u.seconds > 0 or u.bytes > 0 or u.online then 'active' else v.status end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as u(code text, seconds int, bytes bigint, online boolean, since int)
      where v.organization_id = ${p.orgId} and v.batch_id = ${p.batchId} and v.code = u.code and v.status in ('unused', 'active')`);
  }
  return settleVouchers(db, { orgId: p.orgId, where: sql`v.batch_id = ${p.batchId}` });
}

/**
 * First logins seen in the sessions the router monitor stores every minute (no extra router
 * call): an unused voucher whose code is online on its batch's router becomes active, its
 * first login dated back by the session's uptime. Only those are settled here: the router's
 * own voucher sync moves the others on, since it must also disable expired ones there.
 */
export async function markLoginsFromSessions(db: Db, p: { orgId: string }) {
  const rows = await db.execute<{ id: string }>(sql`
    update vouchers v set status = 'active', first_login_at = s.seen_at - coalesce(
        nullif(regexp_replace(s.uptime, '(\\d+)(w|d|h|ms|m|s)', '\\1\\2 ', 'g'), '')::interval, interval '0')
    from router_sessions s, voucher_batches b
    where v.organization_id = ${p.orgId} and v.status = 'unused'
      and s.organization_id = ${p.orgId} and s.kind = 'hotspot' and s.username = v.code
      and b.id = v.batch_id and b.organization_id = ${p.orgId} and b.delivery = 'router' and b.router_id = s.router_id
    returning v.id`);
  const ids = [...rows].map((r) => r.id);
  if (ids.length === 0) return [];
  return settleVouchers(db, { orgId: p.orgId, where: idIn(ids) });
}

const idIn = (ids: string[]) => sql`v.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;

/**
 * RADIUS vouchers: first login, time and traffic from accounting (radacct), found by the
 * realm-qualified username; then the per-voucher rows (Expiration, Reject) follow the status.
 */
export async function refreshRadiusVouchers(db: Db, p: { orgId: string }) {
  const slug = await orgSlug(db, p.orgId);
  await db.execute(sql`
    update vouchers v set
      first_login_at = coalesce(v.first_login_at, a.first_start),
      status = 'active',
      used_seconds = greatest(v.used_seconds, a.seconds),
      used_bytes = greatest(v.used_bytes, a.bytes)
    from (
      select v2.id, min(r.acctstarttime) as first_start, coalesce(sum(r.acctsessiontime), 0)::int as seconds,
        coalesce(sum(coalesce(r.acctinputoctets, 0) + coalesce(r.acctoutputoctets, 0)), 0)::bigint as bytes
      from vouchers v2
      join voucher_batches b on b.id = v2.batch_id and b.organization_id = ${p.orgId} and b.delivery = 'radius'
      join radacct r on r.username = v2.code || '@' || ${slug} and ${fromOrganizationNas(p.orgId, sql`r.nasipaddress`)}
      where v2.organization_id = ${p.orgId} and v2.status in ('unused', 'active')
      group by v2.id
    ) a
    where v.id = a.id and v.organization_id = ${p.orgId}`);
  const changed = await settleVouchers(db, {
    orgId: p.orgId,
    where: sql`v.batch_id in (select id from voucher_batches where organization_id = ${p.orgId} and delivery = 'radius')`,
  });
  if (changed.length > 0) {
    await applyVoucherRadiusState(db, { orgId: p.orgId, where: idIn(changed.map((c) => c.id)) });
  }
  return changed;
}
