import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

export const CUSTOMER_EVENTS = ['isolated', 'reconnected', 'invoice', 'payment_received', 'welcome'] as const;
export type CustomerEvent = (typeof CUSTOMER_EVENTS)[number];

/** Tells the customer about an event by WhatsApp (lib/messaging/customer-events.ts). */
export const customerNotify = defineJob({
  name: 'customer-notify',
  payload: z.object({
    customerId: z.string().uuid(),
    subscriptionId: z.string().uuid().optional(),
    event: z.enum(CUSTOMER_EVENTS),
    paymentId: z.string().uuid().optional(),
  }),
});
