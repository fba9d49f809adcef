import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { events } from '@/db/schema';
import { type PassLog, recordTaskFailure, recordTasksOk, taskErrorCode } from '@/lib/jobs/task-status';
import { SUBSCRIBERS } from './subscribers';

/** Failed events of one organization after which the pass leaves its others to the next pass. */
const FAILURES_PER_ORG = 3;

/**
 * The events pass: hands each undispatched event to every subscriber and stamps it, one event
 * per transaction (a subscriber that throws leaves that event for the next pass, and this pass
 * goes on with the others: one organization's failure never holds up another's). Several
 * workers may run it at once: `skip locked` gives each event to one of them. A failure is
 * recorded on the event's organization as its `events` task (the admins' dashboard shows it),
 * and cleared by the next success. `limit` counts dispatched events; failures have their own
 * bounds (a few per organization, `limit` in all), so an organization whose subscriber breaks
 * on every event (older than everyone else's) neither uses up the pass nor holds up the others.
 */
export async function dispatchEvents(
  db: Database,
  p: {
    limit?: number;
    log?: PassLog;
    /** Only these organizations' events (a test beside others on one database); the worker takes all. */
    orgIds?: string[];
  } = {},
) {
  const limit = p.limit ?? 500;
  let dispatched = 0;
  const failedIds: string[] = [];
  const failedOrgs = new Set<string>();
  const failuresOf = new Map<string, number>();
  const okOrgs = new Set<string>();
  while (dispatched < limit && failedIds.length < limit) {
    // Organizations that failed often enough this pass wait for the next one.
    const heldOrgs = [...failuresOf].filter(([, n]) => n >= FAILURES_PER_ORG).map(([orgId]) => orgId);
    // Set inside the transaction; read after it (TypeScript cannot follow a closure's writes).
    const current: { event: { id: string; orgId: string } | null } = { event: null };
    try {
      const done = await db.transaction(async (tx) => {
        const [event] = await tx
          .select()
          .from(events)
          .where(
            and(
              isNull(events.dispatchedAt),
              p.orgIds ? inArray(events.organizationId, p.orgIds) : undefined,
              failedIds.length ? notInArray(events.id, failedIds) : undefined,
              heldOrgs.length ? notInArray(events.organizationId, heldOrgs) : undefined,
            ),
          )
          .orderBy(asc(events.createdAt))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!event) return false;
        current.event = { id: event.id, orgId: event.organizationId };
        for (const s of SUBSCRIBERS) await s.fanOut(tx, event);
        await tx.update(events).set({ dispatchedAt: new Date() }).where(eq(events.id, event.id));
        return true;
      });
      if (!done) break;
      dispatched++;
      if (current.event) okOrgs.add(current.event.orgId);
    } catch (error) {
      const failed = current.event;
      if (!failed) throw error;
      failedIds.push(failed.id);
      failedOrgs.add(failed.orgId);
      failuresOf.set(failed.orgId, (failuresOf.get(failed.orgId) ?? 0) + 1);
      const code = taskErrorCode(error);
      p.log?.error(
        `event ${failed.id} of organization ${failed.orgId} not dispatched (${code}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await recordTaskFailure(db, { orgId: failed.orgId, task: 'events', error: code }).catch((e: unknown) =>
        p.log?.error(`recording the failure failed: ${String(e)}`),
      );
    }
  }
  const ok = [...okOrgs].filter((id) => !failedOrgs.has(id));
  await recordTasksOk(db, { orgIds: ok, task: 'events' }).catch((e: unknown) =>
    p.log?.error(`recording the events pass failed: ${String(e)}`),
  );
  return { dispatched, failed: failedIds.length };
}

/**
 * Dispatched events older than `days` go (their webhook deliveries with them), a block at a
 * time so a large backlog never holds a long lock. Undispatched ones stay whatever their age.
 */
export async function pruneDispatchedEvents(db: Database, p: { days?: number; batch?: number } = {}) {
  let removed = 0;
  for (;;) {
    const rows = await db.execute<{ n: number }>(sql`
      with gone as (
        delete from events where id in (
          select id from events
          where dispatched_at is not null and dispatched_at < now() - make_interval(days => ${p.days ?? 30}::int)
          limit ${p.batch ?? 5000})
        returning 1)
      select count(*)::int as n from gone`);
    const n = rows[0]?.n ?? 0;
    removed += n;
    if (n < (p.batch ?? 5000)) return removed;
  }
}
