import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { portalCodes } from '@/db/schema';
import { prunePortalSessions } from './session';

/**
 * The portal's housekeeping (workers/support-tick.ts, every 5 minutes): expired sessions go,
 * and so do codes that can no longer be used (used, expired) once they are an hour old, long
 * enough for "why did my code not work?" to be answered from the table.
 */
export async function prunePortal(db: Db) {
  await prunePortalSessions(db);
  const gone = await db
    .delete(portalCodes)
    .where(sql`${portalCodes.expiresAt} < now() - interval '1 hour'`)
    .returning({ id: portalCodes.id });
  return { codes: gone.length };
}
