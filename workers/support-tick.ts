import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { prunePortal } from '@/lib/portal/prune';
import { supportPass } from '@/lib/tickets/escalation';

/**
 * Every 5 minutes: escalate tickets past their SLA targets to the organization's NOC lead
 * (lib/tickets/escalation.ts). Each organization's outcome is kept as its `support` task.
 * Also the customer portal's housekeeping: expired sessions and old codes (lib/portal/prune.ts).
 */
export function supportTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await supportPass(db, { log: helpers.logger });
    if (r.escalated) helpers.logger.info(`tickets escalated: ${r.escalated}`);
    await prunePortal(db);
  };
}
