import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { olts } from '@/db/schema';
import type { OltError } from './errors';

/**
 * What the OLT page says about the command line: online since the last session that worked,
 * or offline with why. `last_error` is `<kind>: <detail>`: the kind picks the operator's
 * message (`errors.olt_<kind>`, see `oltErrorCode`), the detail is the OLT's or the socket's
 * own words for the log. Never a password: neither the session nor the OLT echoes one.
 */
export async function markOltOnline(db: Db, p: { orgId: string; oltId: string }) {
  await db
    .update(olts)
    .set({ status: 'online', lastSeenAt: sql`now()`, lastCheckedAt: sql`now()`, lastError: null })
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
}

export async function markOltOffline(db: Db, p: { orgId: string; oltId: string; error: OltError }) {
  await db
    .update(olts)
    .set({
      status: 'offline',
      lastCheckedAt: sql`now()`,
      lastError: `${p.error.kind}: ${p.error.detail}`.slice(0, 500),
    })
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
}

/** The message key of an OLT's last error (`errors.olt_timeout`), for the page. */
export function oltErrorCode(lastError: string | null): string | null {
  const kind = lastError ? /^([a-z_]+):/.exec(lastError)?.[1] : null;
  return kind ? `olt_${kind}` : null;
}
