import { AcsError } from '@/lib/fibre/acs/errors';
import { PermanentJobError } from '@/lib/jobs/errors';

/**
 * What waiting cannot fix fails the job at once, with the reason: no ACS configured, an NBI
 * address the rules refuse, wrong NBI credentials, a device another organization claimed.
 * An unreachable or slow NBI (and a modem that has not informed yet) is retried.
 */
export function permanentAcsError(error: unknown): never {
  if (
    error instanceof AcsError &&
    ['not_configured', 'not_allowed', 'unauthorized', 'claimed_elsewhere'].includes(error.kind)
  )
    throw new PermanentJobError(error.message, { cause: error });
  throw error;
}
