import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enqueueFrom } from '@/lib/jobs/enqueue';
import { routerConfigBackup } from '@/lib/network/jobs';

/**
 * The night window in which scheduled backups start, in the organization's time zone. Each
 * router has its own minute in it (a hash of its id), so 500 routers start one or two a
 * minute rather than all at once, and each always at the same time of night.
 */
export const WINDOW_START_HOUR = 1;
export const WINDOW_MINUTES = 5 * 60;

/**
 * The daily configuration backups that are due, queued by the network tick each minute: a
 * router with backups on whose minute of tonight's window has passed and that was not
 * queued since. The router's `last_scheduled_at` is set in the same statement that queues
 * its job, so a tick never queues one twice. Demo routers (hosts under `.invalid`) are
 * skipped. Returns how many were queued.
 */
export async function enqueueDueConfigBackups(db: Db, p: { orgIds?: string[] } = {}) {
  const only = p.orgIds ? `{${p.orgIds.join(',')}}` : null;
  return enqueueFrom(
    db,
    routerConfigBackup,
    sql`insert into router_config_state as s (router_id, organization_id, last_scheduled_at)
        select r.id, r.organization_id, now()
        from routers r
        join organizations o on o.id = r.organization_id and o.status = 'active'
        left join router_config_state cur on cur.router_id = r.id
        -- Tonight's minute of the router as an instant: local midnight + window start + its offset.
        cross join lateral (select (date_trunc('day', now() at time zone o.timezone)
            + make_interval(hours => ${WINDOW_START_HOUR}::int, mins => (abs(hashtext(r.id::text)::bigint) % ${WINDOW_MINUTES}::int)::int))
            at time zone o.timezone as at) slot
        where r.config_backup_enabled and r.host not like '%.invalid'
          and (${only}::uuid[] is null or r.organization_id = any(${only}::uuid[]))
          and slot.at <= now()
          and (cur.last_scheduled_at is null or cur.last_scheduled_at < slot.at)
        on conflict (router_id) do update set last_scheduled_at = excluded.last_scheduled_at
        returning s.organization_id, jsonb_build_object('routerId', s.router_id, 'trigger', 'schedule') as payload`,
  );
}
