import type { Db } from '@/db/client';
import { alertStaleBackup } from './alerts';
import { claimScheduledRun, lastScheduledDay, platformJobOrg, runUnderWay } from './runs';
import { dueScheduledDay } from './schedule';
import { getBackupSettings } from './settings';

/**
 * The worker's minute pass (workers/backup-tick.ts, under BACKUP_SCHEDULE): queue the day's
 * backup once its time has come in the schedule's zone — once a day however many workers
 * tick or restart (the day is claimed in the database) and not while another run is under way
 * (the next tick takes it) — and send the "no recent backup" alert when it is due.
 */
export async function backupSchedulePass(db: Db, p: { now?: Date } = {}) {
  const now = p.now ?? new Date();
  const settings = await getBackupSettings(db);
  const day = dueScheduledDay(settings, now, await lastScheduledDay(db));
  let queued: { runId: string; jobId: string } | null = null;
  if (day && !(await runUnderWay(db))) {
    const orgId = await platformJobOrg(db);
    if (orgId) queued = await claimScheduledRun(db, { day, orgId });
  }
  const alert = await alertStaleBackup(db, { now });
  return { day, queued, alerted: alert.alerted, messages: alert.messages };
}
