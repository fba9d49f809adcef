import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { pruneUnverifiedCallbacks, sweepPendingTransactions } from '@/lib/payments/manage';

/**
 * Every 10 minutes: ask the gateways about payments still pending after 10 minutes. A
 * callback can be lost (our server down, a firewall); the customer who paid must not wait
 * for finance to notice.
 */
export function paymentsTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await sweepPendingTransactions(db, { olderThanMinutes: 10, limit: 200 });
    if (r.checked || r.failed)
      helpers.logger.info(`pending gateway payments: ${r.checked} checked, ${r.changed} changed, ${r.failed} failed`);
    const pruned = await pruneUnverifiedCallbacks(db);
    if (pruned) helpers.logger.info(`unverified payment callbacks older than 30 days removed: ${pruned}`);
  };
}
