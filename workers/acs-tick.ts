import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { enqueueModemDiscovery } from '@/lib/fibre/acs/modem';

/**
 * Every 15 minutes: queue the cheap modem discovery pass of each organization with a
 * GenieACS (lib/fibre/acs/modem.ts): devices whose serial matches a subscription get linked.
 */
export function acsTick(db: Database): Task {
  return async (_payload, helpers) => {
    const queued = await enqueueModemDiscovery(db);
    if (queued) helpers.logger.info(`modem discovery passes queued: ${queued}`);
  };
}
