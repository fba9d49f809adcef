import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * Attempts of one delivery: graphile-worker waits e^attempt seconds between them (3 s, 7 s,
 * 20 s, … 2 h 15 min), so ten attempts span about three and a half hours before the delivery
 * is failed for good.
 */
export const WEBHOOK_MAX_ATTEMPTS = 10;

/**
 * POSTs one delivery (an event to an endpoint) and records how it went (lib/webhooks/deliver.ts).
 * `manual`: a test event or a replay an admin asked for: one attempt, and its failure does not
 * count towards the endpoint's cut-off.
 */
export const webhookDeliver = defineJob({
  name: 'webhook-deliver',
  payload: z.object({ deliveryId: z.string().uuid(), manual: z.boolean().default(false) }),
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
});
