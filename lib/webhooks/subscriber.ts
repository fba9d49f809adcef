import type { Subscriber } from '@/lib/events/subscribers';

/** FOUNDATION PLACEHOLDER — the webhooks lane replaces this with the real fan-out. */
export const webhookSubscriber: Subscriber = {
  name: 'webhooks',
  fanOut: async () => 0,
};
