import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { runRequestPass } from '@/lib/requests/pass';
import { recordUsageSamples } from '@/lib/usage/usage';

/**
 * Every 5 minutes: approved customer requests whose day has come (a pause starts or ends,
 * a service stops; lib/requests/pass.ts), and one usage reading of every API-mode router's
 * sessions (lib/usage/usage.ts).
 */
export function requestsTick(db: Database): Task {
  return async (_payload, helpers) => {
    // Two independent passes: a failing one never holds up the other.
    const [pass, usage] = await Promise.allSettled([runRequestPass(db), recordUsageSamples(db)]);
    if (pass.status === 'fulfilled') {
      const r = pass.value;
      if (r.suspended + r.resumed + r.terminated + r.skipped > 0)
        helpers.logger.info(
          `requests: ${r.suspended} paused, ${r.resumed} resumed, ${r.terminated} stopped, ${r.skipped} skipped`,
        );
    }
    const failed = [pass, usage].find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  };
}
