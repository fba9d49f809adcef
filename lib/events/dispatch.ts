import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { events } from '@/db/schema';
import { SUBSCRIBERS } from './subscribers';

/**
 * The events pass: hands each undispatched event to every subscriber and stamps it, one event
 * per transaction (a subscriber that throws leaves that event for the next pass, and this pass
 * goes on with the others: one organization's failure never holds up another's). Several
 * workers may run it at once: `skip locked` gives each event to one of them.
 */
export async function dispatchEvents(db: Database, p: { limit?: number } = {}) {
  let dispatched = 0;
  const failedIds: string[] = [];
  for (let i = 0; i < (p.limit ?? 500); i++) {
    let id: string | null = null;
    try {
      const done = await db.transaction(async (tx) => {
        const [event] = await tx
          .select()
          .from(events)
          .where(and(isNull(events.dispatchedAt), failedIds.length ? notInArray(events.id, failedIds) : undefined))
          .orderBy(asc(events.createdAt))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!event) return false;
        id = event.id;
        for (const s of SUBSCRIBERS) await s.fanOut(tx, event);
        await tx.update(events).set({ dispatchedAt: new Date() }).where(eq(events.id, event.id));
        return true;
      });
      if (!done) break;
      dispatched++;
    } catch (error) {
      if (!id) throw error;
      failedIds.push(id);
    }
  }
  return { dispatched, failed: failedIds.length };
}
