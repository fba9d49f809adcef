import { z } from 'zod';
import { DEVICE_MAX_ATTEMPTS, defineJob } from '@/lib/jobs/contract';

/** "Test connection": one NBI query (`GET /devices/?query={}&projection=_id`, limit 1), tried once; the answer is the result. */
export const acsCheck = defineJob({
  name: 'acs-check',
  maxAttempts: 1,
  payload: z.object({}),
});

/**
 * "Find this customer's modem" (a subscription) or the periodic pass over the organization's
 * subscriptions without a modem (no subscription): claims devices by serial / PPPoE username.
 */
export const acsDiscover = defineJob({
  name: 'acs-discover',
  maxAttempts: 3,
  payload: z.object({ subscriptionId: z.string().uuid().optional() }),
});

/**
 * Sends one acs_tasks row to GenieACS (with a connection request). The payload is the row's
 * id only: passwords are read from the encrypted row or the subscription when it runs.
 */
export const acsTaskSend = defineJob({
  name: 'acs-task-send',
  maxAttempts: 5,
  payload: z.object({ taskId: z.string().uuid() }),
});

/**
 * Follows a task GenieACS queued (202) until the modem's next inform ran it (done) or it
 * faulted (the fault is kept, the task deleted in GenieACS so it does not retry forever).
 * Retried with graphile-worker's back-off while the modem stays offline (about three days).
 */
export const acsTaskFollow = defineJob({
  name: 'acs-task-follow',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({ taskId: z.string().uuid() }),
});
