import { checkTarget } from '@/lib/backups/check';
import { backupCheck } from '@/lib/backups/jobs';
import { handle } from '@/lib/jobs/runtime';
import { AppError } from '@/lib/server/errors';

/** *Uji* on a backup target; the answer (or why it failed) is kept on the target. */
export const backupCheckHandler = handle(backupCheck, async (payload, job) => {
  try {
    return await checkTarget(job.db, { targetId: payload.targetId, jobId: job.jobId });
  } catch (error) {
    // Removed before the worker got to it: nothing to check.
    if (error instanceof AppError && error.code === 'not_found') return { ok: false, removed: true };
    throw error;
  }
});
