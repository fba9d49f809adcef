import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { routerSessions } from '@/db/schema';
import { defineJob } from '@/lib/jobs/runtime';
import { SESSION_KINDS } from '@/lib/network/constants';
import { kickListedSession } from '@/lib/network/router-ops';
import { withRouter } from '../router-pool';

/** Drops one live session on the router; a session already gone counts as done. */
export const sessionKick = defineJob({
  name: 'session-kick',
  payload: z.object({ routerId: z.string().uuid(), sessionId: z.string().uuid(), kind: z.enum(SESSION_KINDS), itemId: z.string(), username: z.string() }),
  async handler(ctx, payload) {
    const kicked = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId }, (api) => kickListedSession(api, payload.kind, payload.itemId, payload.username));
    await ctx.db.delete(routerSessions).where(and(eq(routerSessions.id, payload.sessionId), eq(routerSessions.organizationId, ctx.orgId)));
    return { username: payload.username, kicked };
  },
});
