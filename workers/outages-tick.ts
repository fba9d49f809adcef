import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { outagesPass } from '@/lib/outages/tick';

/**
 * Every minute: propose outages where several customers behind one ODP or router went offline
 * together (lib/outages/detection.ts). NOC confirms or dismisses them on the outages page.
 */
export function outagesTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await outagesPass(db, { log: helpers.logger });
    if (r.proposed || r.failed)
      helpers.logger.info(`outages: ${r.proposed} proposed, ${r.failed} organizations failed`);
  };
}
