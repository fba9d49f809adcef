import { z } from 'zod';
import { DEVICE_MAX_ATTEMPTS, defineJob } from '@/lib/jobs/contract';

/**
 * A batch put where customers log in: hotspot users on its router (in the router's queue, in
 * order with its other changes, through an outage) or its RADIUS rows (database writes only:
 * enqueued without a router).
 */
export const voucherDeliver = defineJob({
  name: 'voucher-deliver',
  queue: 'router',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({ batchId: z.string().uuid() }),
});

/** A router's voucher users read for usage and status (lib/vouchers/tick.ts queues it). */
export const voucherSync = defineJob({
  name: 'voucher-sync',
  queue: 'router',
  maxAttempts: 3,
  payload: z.object({ routerId: z.string().uuid() }),
});

/** Withdrawn vouchers disabled on their batch's router and their sessions dropped. */
export const voucherDisable = defineJob({
  name: 'voucher-disable',
  queue: 'router',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({ batchId: z.string().uuid(), codes: z.array(z.string()).nullable() }),
});
