import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { enqueueFrom } from '@/lib/jobs/enqueue';
import { type PassLog, runOrganizationTask, SILENT } from '@/lib/jobs/task-status';
import { voucherSync } from './jobs';
import { markLoginsFromSessions, refreshRadiusVouchers } from './status';

/** How often a router's voucher users are read for usage, unless an expiry is due sooner. */
export const VOUCHER_SYNC_MINUTES = 5;
/**
 * With only unused vouchers on a router, first logins come from the monitored sessions each
 * minute; an hourly read catches a session too short for the monitor to have seen it.
 */
export const IDLE_SYNC_MINUTES = 60;

/**
 * Routers with vouchers to watch get a `voucher-sync` job (in the router's queue): every
 * few minutes while some are active (hourly with only unused ones), and at once when an
 * active voucher's validity has run out (it must be disabled on the router). Never a second
 * one while one is waiting; offline routers wait.
 */
export async function enqueueVoucherSyncs(db: Database, p: { orgId?: string } = {}) {
  return enqueueFrom(
    db,
    voucherSync,
    sql`select r.organization_id, jsonb_build_object('routerId', r.id) as payload, r.id as router_id
        from routers r join organizations o on o.id = r.organization_id and o.status = 'active'
        where r.status <> 'offline'
          and (${p.orgId ?? null}::uuid is null or r.organization_id = ${p.orgId ?? null}::uuid)
          and exists (select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                      where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router' and v.status in ('unused', 'active'))
          and not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = ${voucherSync.name}
                          and j.state in ('queued', 'running', 'retrying') and j.payload->>'routerId' = r.id::text)
          and (
            not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = ${voucherSync.name}
                        and j.payload->>'routerId' = r.id::text
                        and j.created_at > now() - make_interval(mins => case when exists (
                          select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                          where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router' and v.status = 'active')
                          then ${VOUCHER_SYNC_MINUTES}::int else ${IDLE_SYNC_MINUTES}::int end))
            or exists (select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                       where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router'
                         and v.status = 'active' and v.expires_at <= now()))`,
  );
}

/**
 * The network tick's voucher pass (every minute, after the router monitor stored who is
 * online): first logins from those sessions, RADIUS vouchers from accounting, then the
 * routers' voucher syncs that are due. One organization failing is recorded on it and does
 * not stop the others.
 */
export async function voucherTick(db: Database, log: PassLog = SILENT) {
  const orgs = await db.execute<{ id: string; radius: boolean }>(sql`
    select o.id, exists (select 1 from voucher_batches b where b.organization_id = o.id and b.delivery = 'radius') as radius
    from organizations o
    where o.status = 'active' and exists (select 1 from vouchers v where v.organization_id = o.id and v.status in ('unused', 'active'))`);
  let changed = 0;
  let queued = 0;
  const ok: string[] = [];
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'vouchers', log }, async () => {
      let n = (await markLoginsFromSessions(db, { orgId: org.id })).length;
      if (org.radius) n += (await db.transaction((tx) => refreshRadiusVouchers(tx, { orgId: org.id }))).length;
      return n;
    });
    if (r.ok) changed += r.value;
    if (r.ok) ok.push(org.id);
  }
  try {
    queued = await enqueueVoucherSyncs(db);
  } catch (error) {
    // One organization's rows broke the set-based statement: queue them one by one.
    log.error(`voucher syncs failed in one pass, queuing them per organization: ${String(error)}`);
    for (const orgId of ok) {
      const r = await runOrganizationTask(db, { orgId, task: 'vouchers', log }, () =>
        enqueueVoucherSyncs(db, { orgId }),
      );
      if (r.ok) queued += r.value;
    }
  }
  return { organizations: orgs.length, changed, queued };
}
