import type { Db } from '@/db/client';
import type { EventRow } from '@/db/schema';
import { pluginSubscriber } from '@/lib/plugins/subscriber';
import { webhookSubscriber } from '@/lib/webhooks/subscriber';

/**
 * Who hears about events. The events pass gives each undispatched event to every subscriber,
 * in one transaction with stamping it dispatched: a subscriber queues its own work (a delivery
 * job per endpoint, a hook job per plugin) and returns how many it queued.
 */
export type Subscriber = {
  name: string;
  fanOut: (db: Db, event: EventRow) => Promise<number>;
};

export const SUBSCRIBERS: readonly Subscriber[] = [webhookSubscriber, pluginSubscriber];
