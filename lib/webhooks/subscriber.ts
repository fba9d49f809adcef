import { sql } from 'drizzle-orm';
import type { Subscriber } from '@/lib/events/subscribers';
import { enqueue } from '@/lib/jobs/enqueue';
import { webhookDeliver } from './jobs';

/**
 * The webhooks' part of the events pass: one delivery row and one `webhook-deliver` job for
 * each enabled endpoint of the event's organization that takes its type, in the pass's
 * transaction (an event handed out twice gets no second delivery: unique per event and
 * endpoint).
 */
export const webhookSubscriber: Subscriber = {
  name: 'webhooks',
  fanOut: async (db, event) => {
    const created = await db.execute<{ id: string }>(sql`
      insert into webhook_deliveries (organization_id, endpoint_id, event_id, event_type)
      select w.organization_id, w.id, ${event.id}, ${event.type}
      from webhook_endpoints w
      where w.organization_id = ${event.organizationId} and w.enabled and ${event.type} = any(w.event_types)
      on conflict (event_id, endpoint_id) do nothing
      returning id`);
    for (const d of created)
      await enqueue(db, webhookDeliver, { orgId: event.organizationId, payload: { deliveryId: d.id } });
    return created.length;
  },
};
