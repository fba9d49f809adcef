import type { Database } from '@/db/client';
import { dispatchEvents, pruneDispatchedEvents } from '@/lib/events/dispatch';
import type { PassLog } from '@/lib/jobs/task-status';

/**
 * The events pass (lib/events/dispatch.ts) every two seconds, so a paid invoice reaches a
 * webhook within seconds (graphile-worker's cron ticks by the minute). A pass that handed
 * out a full block goes again at once. Once an hour, dispatched events older than 30 days
 * are pruned. Failures are recorded per organization (task `events`) by the pass itself.
 */
export function startEventsPass(db: Database, opts: { intervalMs?: number; log: PassLog }) {
  const limit = 500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPrune = 0;
  let running: Promise<void> | null = null;
  const pass = async () => {
    let again = false;
    try {
      const r = await dispatchEvents(db, { limit, log: opts.log });
      if (r.dispatched || r.failed) opts.log.info(`events: ${r.dispatched} dispatched, ${r.failed} failed`);
      // Only a full block of dispatched events means more are waiting: failures wait for the next pass.
      again = r.dispatched >= limit;
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        const pruned = await pruneDispatchedEvents(db, { days: 30 });
        if (pruned) opts.log.info(`events older than 30 days removed: ${pruned}`);
      }
    } catch (error) {
      opts.log.error(`events pass failed: ${String(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, again ? 0 : (opts.intervalMs ?? 2000));
  };
  const tick = () => {
    running = pass().finally(() => {
      running = null;
    });
  };
  timer = setTimeout(tick, opts.intervalMs ?? 2000);
  return {
    /** Stops the loop; resolves once a pass under way has finished (before the pool closes). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
