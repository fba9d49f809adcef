import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * The OLT command-line jobs. All wait in the OLT's queue (one at a time per OLT, over the
 * worker's one session to it). Reading jobs (check, scan, optics) are tried a few times: the
 * operator is waiting for the answer. Changes (register, remove, reboot) get the default
 * attempts, with backoff: an OLT that is down for a few minutes does not lose them. An OLT
 * that refuses a command fails the job at once, with the OLT's words.
 */
const oltRef = z.object({ oltId: z.string().uuid() });
const onuRef = oltRef.extend({ onuId: z.string().uuid(), requestedBy: z.string().uuid().nullable().optional() });

/** Model, firmware and PON ports from the OLT (missing PON ports are added). */
export const oltCheck = defineJob({ name: 'olt-check', queue: 'olt', maxAttempts: 1, payload: oltRef });

/** The ONUs waiting unconfigured on the OLT: the job's result is the list the page shows. */
export const oltScan = defineJob({ name: 'olt-scan', queue: 'olt', maxAttempts: 2, payload: oltRef });

export const onuRegister = defineJob({
  name: 'onu-register',
  queue: 'olt',
  payload: oltRef.extend({
    ponPortId: z.string().uuid(),
    serial: z.string().max(32),
    name: z.string().max(64).nullable().optional(),
    subscriptionId: z.string().uuid().nullable().optional(),
    values: z.record(z.string().max(32), z.string().max(64)).optional(),
    requestedBy: z.string().uuid().nullable().optional(),
  }),
});

export const onuRemove = defineJob({ name: 'onu-remove', queue: 'olt', payload: onuRef });
export const onuReboot = defineJob({ name: 'onu-reboot', queue: 'olt', payload: onuRef });
/** One ONU's state and optical levels, read now (the ONU page's refresh). */
export const onuOptics = defineJob({ name: 'onu-optics', queue: 'olt', maxAttempts: 2, payload: onuRef });
