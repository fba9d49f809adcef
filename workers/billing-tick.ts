import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { billingPass } from '@/lib/billing/tick';

/** Every 15 minutes: invoices whose day has come, then isolation (lib/billing/tick.ts). */
export function billingTick(db: Database): Task {
  return async (_payload, helpers) => {
    await billingPass(db, { log: helpers.logger });
  };
}
