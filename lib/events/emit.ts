import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { EventType } from './catalog';

/**
 * Records that `type` happened in an organization, in the caller's transaction, for the events
 * pass to hand to its subscribers. Nothing is written when no enabled webhook endpoint or
 * plugin of that organization wants the type: most organizations have none, and a billing run
 * of thousands of invoices must not fill a table nobody reads.
 */
export async function emitEvent(db: Db, e: { orgId: string; type: EventType; data: Record<string, unknown> }) {
  await db.execute(sql`
    insert into events (organization_id, type, data, created_at)
    select ${e.orgId}::uuid, ${e.type}, ${JSON.stringify(e.data)}::jsonb, clock_timestamp()
    where ${wantedSql(sql`${e.orgId}::uuid`, e.type)}`);
}

/**
 * A condition true when organization `orgIdSql` has a subscriber for `type`: for set-based
 * passes that emit one event per row (`insert into events … select … where <this>`).
 */
export function wantedSql(orgIdSql: ReturnType<typeof sql>, type: EventType) {
  return sql`(
    exists (select 1 from webhook_endpoints w
            where w.organization_id = ${orgIdSql} and w.enabled and ${type} = any(w.event_types))
    or exists (select 1 from plugin_installs p
               where p.organization_id = ${orgIdSql} and p.enabled and ${type} = any(p.event_types)))`;
}
