import { backupRun } from '@/lib/backups/jobs';
import { runBackupJob } from '@/lib/backups/run-backup';
import { PermanentJobError } from '@/lib/jobs/errors';
import { handle } from '@/lib/jobs/runtime';

/**
 * One attempt of a platform backup. A run that is to be tried again throws (graphile-worker's
 * back-off); one settled as partial or failed fails the job for good with the outcome's code:
 * the details, in words, are on the Cadangan page.
 */
export const backupRunHandler = handle(backupRun, async (payload, job) => {
  const outcome = await runBackupJob(job.db, { runId: payload.runId, jobId: job.jobId, onProgress: job.progress });
  if (outcome.status === 'succeeded') return outcome;
  if (outcome.retry) throw new Error('[error.backup_retrying]');
  throw new PermanentJobError(`[error.backup_${outcome.status === 'partial' ? 'partial' : 'failed'}]`);
});
