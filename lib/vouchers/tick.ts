import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { enqueueJobsFrom } from '@/lib/jobs/enqueue';
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
export async function enqueueVoucherSyncs(db: Database) {
  return enqueueJobsFrom(
    db,
    sql`select r.organization_id, 'voucher-sync' as type, jsonb_build_object('routerId', r.id) as payload, 'router:' || r.id as queue_name
        from routers r join organizations o on o.id = r.organization_id and o.status = 'active'
        where r.status <> 'offline'
          and exists (select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                      where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router' and v.status in ('unused', 'active'))
          and not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = 'voucher-sync'
                          and j.state in ('queued', 'running', 'retrying') and j.payload->>'routerId' = r.id::text)
          and (
            not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = 'voucher-sync'
                        and j.payload->>'routerId' = r.id::text
                        and j.created_at > now() - make_interval(mins => case when exists (
                          select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                          where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router' and v.status = 'active')
                          then ${VOUCHER_SYNC_MINUTES}::int else ${IDLE_SYNC_MINUTES}::int end))
            or exists (select 1 from voucher_batches b join vouchers v on v.batch_id = b.id and v.organization_id = b.organization_id
                       where b.organization_id = r.organization_id and b.router_id = r.id and b.delivery = 'router'
                         and v.status = 'active' and v.expires_at <= now()))`,
    3,
  );
}

/**
 * The network tick's voucher pass (every minute, after the router monitor stored who is
 * online): first logins from those sessions, RADIUS vouchers from accounting, then the
 * routers' voucher syncs that are due. One organization failing does not stop the others.
 */
export async function voucherTick(db: Database, log: (line: string) => void = () => {}) {
  const orgs = await db.execute<{ id: string; radius: boolean }>(sql`
    select o.id, exists (select 1 from voucher_batches b where b.organization_id = o.id and b.delivery = 'radius') as radius
    from organizations o
    where o.status = 'active' and exists (select 1 from vouchers v where v.organization_id = o.id and v.status in ('unused', 'active'))`);
  let changed = 0;
  for (const org of orgs) {
    try {
      changed += (await markLoginsFromSessions(db, { orgId: org.id })).length;
      if (org.radius) changed += (await db.transaction((tx) => refreshRadiusVouchers(tx, { orgId: org.id }))).length;
    } catch (error) {
      log(`voucher status of organization ${org.id} failed: ${String(error)}`);
    }
  }
  const queued = await enqueueVoucherSyncs(db);
  return { organizations: orgs.length, changed, queued };
}
