import { z } from 'zod';
import { ACTIVATION_STEPS } from '@/db/enums';
import { defineJob } from '@/lib/jobs/contract';

const stepPayload = z.object({
  activationId: z.string().uuid(),
  step: z.enum(ACTIVATION_STEPS),
  // Which read of the ONU (signal) or look at the ACS task (modem) this is: a step that waits
  // is queued again after a pause instead of sleeping while it holds the OLT's session.
  round: z.number().int().min(0).max(1000).default(0),
  // The ACS tasks a queued modem step follows (ids of acs_tasks rows, never a password).
  taskIds: z.array(z.string().uuid()).max(20).optional(),
});

/**
 * One step of a zero-touch activation that does not talk to the OLT (modem, service, stock,
 * welcome). A step records its own outcome on the activation: a failure ends the job done
 * with the step failed (the technician retries it). The job itself is tried again only when
 * it could not record (the database away, the worker stopped mid-step); every step is safe
 * to run twice (a registered ONU is found, a moved unit is already there, the welcome is
 * keyed).
 */
export const activationStep = defineJob({ name: 'activation-step', payload: stepPayload, maxAttempts: 3 });

/** The steps that run on the OLT (registration, signal), in the OLT's queue: one session per OLT. */
export const activationOltStep = defineJob({
  name: 'activation-olt-step',
  payload: stepPayload,
  queue: 'olt',
  maxAttempts: 3,
});
