import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * One SNMP poll of an OLT (lib/fibre/snmp/poll.ts), queued by the fibre tick when the OLT's
 * `poll_minutes` have passed. Not in the OLT's command-line queue: SNMP is its own UDP
 * socket and must not wait behind a registration. Tried once: a failed walk is written on
 * the OLT and the next interval polls again.
 */
export const oltPoll = defineJob({
  name: 'olt-poll',
  maxAttempts: 1,
  payload: z.object({ oltId: z.string().uuid() }),
});
