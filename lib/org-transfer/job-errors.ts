import { PermanentJobError } from '@/lib/jobs/errors';
import { AppError } from '@/lib/server/errors';

/**
 * An expected refusal in an export or import job (the organization is already here, the
 * file is damaged, the passphrase's key is gone) ends the job at once, stored as
 * `[error.<code>]` so the jobs page and the watching page show it translated.
 */
export function asJobError(error: unknown): never {
  if (error instanceof AppError) throw new PermanentJobError(`[error.${error.code}]`);
  throw error;
}
