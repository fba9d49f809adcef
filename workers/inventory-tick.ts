import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { lowStockPass } from '@/lib/inventory/low-stock-alerts';

/**
 * Every 10 minutes: alert the warehouse role once per shortage of an item below its minimum
 * stock (lib/inventory/low-stock-alerts.ts). Each organization's outcome is kept as its
 * `low_stock` task.
 */
export function inventoryTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await lowStockPass(db, { log: helpers.logger });
    if (r.alerted) helpers.logger.info(`low-stock items alerted: ${r.alerted}`);
  };
}
