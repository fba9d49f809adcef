import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { enqueueDueConfigBackups } from '@/lib/network/config-backups/schedule';
import { enqueueDueSyncsEach, monitorRouters } from '@/lib/network/tick';
import { voucherTick } from '@/lib/vouchers/tick';
import { routerAccess, routerPool } from './router-pool';

/**
 * Every minute: read each router's status and sessions, then queue the syncs whose interval
 * has passed, then the voucher pass (lib/network/tick.ts, lib/vouchers/tick.ts), then the
 * configuration backups whose minute of the night has come (lib/network/config-backups/schedule.ts).
 */
export function networkTick(db: Database): Task {
  return async (_payload, helpers) => {
    const { routerIds } = await monitorRouters(db, routerAccess(db), (line) => helpers.logger.info(line));
    // Deleted routers' connections are closed.
    await routerPool().retain(routerIds);
    const queued = await enqueueDueSyncsEach(db, { log: helpers.logger });
    if (queued) helpers.logger.info(`scheduled router syncs queued: ${queued}`);
    // Vouchers read the sessions just stored; a failure here must not fail the router pass.
    try {
      const v = await voucherTick(db, helpers.logger);
      if (v.changed || v.queued)
        helpers.logger.info(`vouchers: ${v.changed} changed status, ${v.queued} router syncs queued`);
    } catch (error) {
      helpers.logger.error(`voucher pass failed: ${String(error)}`);
    }
    // Its own try: a failure to queue backups must not hide the router pass's result.
    try {
      const backups = await enqueueDueConfigBackups(db);
      if (backups) helpers.logger.info(`router configuration backups queued: ${backups}`);
    } catch (error) {
      helpers.logger.error(`queuing router configuration backups failed: ${String(error)}`);
    }
  };
}
