import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { backupSchedulePass } from '@/lib/backups/tick';

/**
 * Every minute (BACKUP_SCHEDULE): queue the day's platform backup once its time has come in
 * the schedule's zone, and alert the super admins when the last good backup is over a day old
 * (lib/backups/tick.ts).
 */
export function backupTick(db: Database): Task {
  return async (_payload, helpers) => {
    const r = await backupSchedulePass(db);
    if (r.queued) helpers.logger.info(`backup for ${r.day} queued (run ${r.queued.runId})`);
    if (r.alerted) helpers.logger.info(`no recent backup: ${r.messages} WhatsApp alerts queued`);
  };
}
