import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { pruneApiRecords } from '@/lib/api/keys-prune';

/**
 * Hourly: the REST API's housekeeping (lib/api/keys-prune.ts): the call log after 90 days,
 * Idempotency-Key answers after 24 hours, the field app's idempotency keys after 30 days.
 */
export function apiTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await pruneApiRecords(db);
    if (r.calls || r.idempotency || r.fieldIdempotency)
      helpers.logger.info(
        `API records pruned: ${r.calls} calls, ${r.idempotency} idempotency answers, ${r.fieldIdempotency} field idempotency keys`,
      );
  };
}
