import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { backupHealth } from './alerts';
import { backupKeyStatus } from './key-status';
import { lastGoodRun, lastScheduledDay, runUnderWay } from './runs';
import { nextScheduledAt } from './schedule';
import { getBackupSettings } from './settings';
import { listTargets } from './targets';

/**
 * The top of the Cadangan page: the last good backup and its age, the next scheduled one, the
 * key in use, the run under way (queued, running, or waiting to retry), and the targets.
 */
export async function getBackupOverview(db: Db, p: { now?: Date } = {}) {
  const now = p.now ?? new Date();
  const settings = await getBackupSettings(db);
  const [health, last, lastDay, targets, active] = await Promise.all([
    backupHealth(db, { now }),
    lastGoodRun(db),
    lastScheduledDay(db),
    listTargets(db),
    runUnderWay(db),
  ]);
  const scheduleOff = !env().BACKUP_SCHEDULE;
  return {
    settings: {
      enabled: settings.enabled,
      time: settings.time,
      timeZone: settings.timeZone,
      keepDaily: settings.keepDaily,
      keepWeekly: settings.keepWeekly,
      keepMonthly: settings.keepMonthly,
    },
    // BACKUP_SCHEDULE=false: this worker never starts scheduled runs, whatever the settings say.
    scheduleOff,
    nextAt: scheduleOff ? null : nextScheduledAt(settings, now, lastDay),
    lastGood: last
      ? { runId: last.id, at: last.archivedAt!, sizeBytes: last.sizeBytes, sha256: last.sha256, status: last.status }
      : null,
    ageMs: health.lastGoodAt ? now.getTime() - health.lastGoodAt.getTime() : null,
    stale: health.stale,
    key: backupKeyStatus(),
    active: active
      ? { runId: active.id, status: active.status, step: active.step, attempt: active.attempt, trigger: active.trigger }
      : null,
    targets,
  };
}
export type BackupOverview = Awaited<ReturnType<typeof getBackupOverview>>;
