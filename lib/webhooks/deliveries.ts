import { and, desc, eq, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { EVENT_TYPES, type EventType, isEventType } from '@/lib/events/catalog';
import { EVENT_SAMPLES } from '@/lib/events/samples';
import { enqueue, enqueueFrom } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { DeliveryError } from './delivery-errors';
import { webhookDeliver } from './jobs';
import { maskEndpointUrl } from './masked-url';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(
  db: Db,
  p: { orgId: string; endpointId: string; status?: 'pending' | 'delivered' | 'failed'; limit: number },
) {
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.organizationId, p.orgId)));
  if (!endpoint) throw new AppError('not_found');
  return db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, p.orgId),
        eq(webhookDeliveries.endpointId, p.endpointId),
        p.status ? eq(webhookDeliveries.status, p.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(p.limit);
}

/** One delivery with the body as it is sent and the receiver's last answer. */
export async function getDelivery(db: Db, p: { orgId: string; deliveryId: string }) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, event: events, url: webhookEndpoints.url })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.id, p.deliveryId), eq(webhookDeliveries.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const { delivery, event } = row;
  return {
    ...delivery,
    url: maskEndpointUrl(row.url),
    payload: { type: event.type, timestamp: event.createdAt.toISOString(), data: event.data },
  };
}

/**
 * "Kirim ulang": one more attempt of the same delivery (the same webhook-id, so a receiver
 * that already has it can drop it), queued now. A delivery still being retried is left to
 * its queue.
 */
export async function replayDelivery(db: Db, p: Actor & { deliveryId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, enabled: webhookEndpoints.enabled })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, p.deliveryId), eq(webhookDeliveries.organizationId, p.orgId)))
      .for('update', { of: webhookDeliveries });
    if (!row) throw new AppError('not_found');
    if (row.delivery.status === 'pending') throw new AppError('webhook_delivery_pending');
    if (!row.enabled) throw new AppError('webhook_endpoint_disabled');
    await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', deliveredAt: null })
      .where(eq(webhookDeliveries.id, row.delivery.id));
    const job = await enqueue(tx, webhookDeliver, {
      orgId: p.orgId,
      payload: { deliveryId: row.delivery.id, manual: true },
      createdBy: p.actorUserId,
      maxAttempts: 1,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.replayed',
      entityType: 'webhook_delivery',
      entityId: row.delivery.id,
      data: { endpointId: row.delivery.endpointId, eventType: row.delivery.eventType },
    });
    return { deliveryId: row.delivery.id, jobId: job.id };
  });
}

/**
 * Deliveries never sent because the endpoint was off when their turn came (the worker failed
 * them as `endpoint_disabled`, lib/webhooks/deliver.ts): those the endpoint's page offers to
 * send again once it is on.
 */
export const failedWhileOff = (endpointId: SQLWrapper) => sql`${webhookDeliveries.endpointId} = ${endpointId}
  and ${webhookDeliveries.status} = 'failed' and ${webhookDeliveries.lastError} = ${'endpoint_disabled' satisfies DeliveryError}`;

/**
 * "Kirim ulang yang gagal": the deliveries the endpoint missed while it was off go out again
 * (the same webhook-ids), queued as at fan-out: all their attempts, and a failure counts
 * towards the cut-off as any other delivery's. A test event missed while off goes with them:
 * it was asked for and never sent, and its sample is what the receiver was meant to get.
 * Their "not sent: the endpoint is off" is cleared, so the log shows them as pending. There
 * may be many (an endpoint off for days): they are queued in one statement. The endpoint
 * must be on.
 */
export async function resendFailedWhileOff(db: Db, p: Actor & { endpointId: string }) {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.organizationId, p.orgId)))
      .for('update');
    if (!endpoint) throw new AppError('not_found');
    if (!endpoint.enabled) throw new AppError('webhook_endpoint_disabled');
    const resent = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', deliveredAt: null, lastError: null, lastStatusCode: null })
      .where(and(eq(webhookDeliveries.organizationId, p.orgId), failedWhileOff(sql`${endpoint.id}::uuid`)))
      .returning({ id: webhookDeliveries.id });
    const count = await enqueueFrom(
      tx,
      webhookDeliver,
      sql`select ${p.orgId}::uuid as organization_id, jsonb_build_object('deliveryId', d.id) as payload
        from jsonb_array_elements_text(${JSON.stringify(resent.map((d) => d.id))}::jsonb) as d(id)`,
      { createdBy: p.actorUserId },
    );
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.failed_resent',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      data: { count },
    });
    return { count };
  });
}

/**
 * "Kirim event uji": a sample event of the endpoint's first type, sent to this endpoint only
 * (the event is stamped dispatched, so the events pass gives it to nobody else), once.
 */
export async function sendTestEvent(db: Db, p: Actor & { endpointId: string }) {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.organizationId, p.orgId)));
    if (!endpoint) throw new AppError('not_found');
    if (!endpoint.enabled) throw new AppError('webhook_endpoint_disabled');
    const type: EventType = endpoint.eventTypes.find(isEventType) ?? EVENT_TYPES[0];
    const [event] = await tx
      .insert(events)
      .values({ organizationId: p.orgId, type, data: EVENT_SAMPLES[type], dispatchedAt: sql`now()` })
      .returning({ id: events.id });
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ organizationId: p.orgId, endpointId: endpoint.id, eventId: event!.id, eventType: type })
      .returning({ id: webhookDeliveries.id });
    const job = await enqueue(tx, webhookDeliver, {
      orgId: p.orgId,
      payload: { deliveryId: delivery!.id, manual: true },
      createdBy: p.actorUserId,
      maxAttempts: 1,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.test_sent',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      data: { eventType: type, deliveryId: delivery!.id },
    });
    return { deliveryId: delivery!.id, jobId: job.id, eventType: type };
  });
}
