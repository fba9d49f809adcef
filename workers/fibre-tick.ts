import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { pruneReadings } from '@/lib/fibre/signal/store';
import { enqueueDuePolls } from '@/lib/fibre/snmp/poll';

/**
 * Every minute: queue an SNMP poll (job `olt-poll`) for each OLT whose `poll_minutes` have
 * passed (lib/fibre/snmp/poll.ts). On the hour, readings older than 30 days are pruned.
 */
export function fibreTick(db: Database): Task {
  return async (_payload, helpers) => {
    const queued = await enqueueDuePolls(db);
    if (queued) helpers.logger.info(`OLT polls queued: ${queued}`);
    if (new Date().getUTCMinutes() === 0) {
      const pruned = await pruneReadings(db);
      if (pruned) helpers.logger.info(`ONU readings pruned: ${pruned}`);
    }
  };
}
