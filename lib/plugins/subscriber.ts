import type { Subscriber } from '@/lib/events/subscribers';

/** FOUNDATION PLACEHOLDER — the plugins lane replaces this with the real fan-out. */
export const pluginSubscriber: Subscriber = {
  name: 'plugins',
  fanOut: async () => 0,
};
