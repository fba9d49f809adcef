import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * A platform backup run (lib/backups/run-backup.ts). Three attempts with graphile-worker's
 * back-off: an attempt that leaves a target without the file keeps the archive and tries
 * those targets again; the last one records the run as partial or failed.
 */
export const backupRun = defineJob({
  name: 'backup-run',
  maxAttempts: 3,
  payload: z.object({ runId: z.string().uuid() }),
});

/** *Uji* on a backup target: connect, write and remove a probe file (lib/backups/check.ts). */
export const backupCheck = defineJob({
  name: 'backup-check',
  maxAttempts: 1,
  payload: z.object({ targetId: z.string().uuid() }),
});
