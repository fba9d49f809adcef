import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { routerSessions } from '@/db/schema';
import type { JobPayload } from '@/lib/jobs/contract';
import type { sessionKick } from '@/lib/network/jobs';
import type { RouterAccess } from '@/lib/network/router-access';
import { kickListedSession } from '@/lib/network/router-ops';

/** Drops one live session on its router (the `session-kick` job); one already gone counts as done. */
export async function kickSessionOnRouter(
  db: Database,
  access: RouterAccess,
  p: JobPayload<typeof sessionKick> & { orgId: string },
) {
  const kicked = await access.use({ orgId: p.orgId, routerId: p.routerId }, (api) =>
    kickListedSession(api, p.kind, p.itemId, p.username),
  );
  await db
    .delete(routerSessions)
    .where(and(eq(routerSessions.id, p.sessionId), eq(routerSessions.organizationId, p.orgId)));
  return { username: p.username, kicked };
}
