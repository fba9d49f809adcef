import { OltError } from '@/lib/fibre/olt/errors';
import { PermanentJobError } from '@/lib/jobs/errors';
import { AppError } from '@/lib/server/errors';

/**
 * An OLT that refused the command (`%Error …`, `Failure: …`), or a request that can no
 * longer be carried out (the ONU or OLT is gone, the serial is taken), will not change by
 * retrying: the job fails at once with the reason. Anything else (unreachable, timeout,
 * dropped) is thrown as is, and the queue's attempts wait the OLT out.
 */
export async function permanentOnRefusal<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof OltError && (error.kind === 'command' || error.kind === 'not_allowed'))
      throw new PermanentJobError(error.message, { cause: error });
    if (error instanceof AppError) throw new PermanentJobError(`[error.${error.code}]`, { cause: error });
    throw error;
  }
}
