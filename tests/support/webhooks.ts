import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { events, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import type { Result } from '@/lib/server/operation';
import { saveEndpoint } from '@/lib/webhooks/endpoints';
import * as webhookOps from '@/lib/webhooks/operations';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * An organization's webhook endpoint (an address never contacted: no job is queued for its
 * delivery) and one delivered delivery of an event.
 */
export async function makeWebhookWorld(db: Database, orgId: string, userId: string, label: string) {
  const { id } = await saveEndpoint(db, {
    orgId,
    actorUserId: userId,
    ip: null,
    input: { url: `https://hooks-${label}.example.com/in`, description: `Hook ${label}`, eventTypes: ['invoice.paid'] },
    policy: { allowPrivate: false },
  });
  const [event] = await db
    .insert(events)
    .values({ organizationId: orgId, type: 'invoice.paid', data: { label }, dispatchedAt: new Date() })
    .returning();
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      organizationId: orgId,
      endpointId: id,
      eventId: event!.id,
      eventType: 'invoice.paid',
      status: 'delivered',
      attempts: 1,
      responseBody: `answer-${label}`,
    })
    .returning();
  return { endpointId: id, deliveryId: delivery!.id };
}

/** B's endpoints, secrets and deliveries: A's admin reads none of it and changes none of it. */
export function webhookIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeWebhookWorld> | undefined;
  const bWorld = () => (world ??= makeWebhookWorld(sides().db, sides().b.orgId, sides().b.userId, 'B'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found');
  const bEndpoint = async () => {
    const b = await bWorld();
    return (await sides().db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, b.endpointId)))[0]!;
  };
  const unchanged = async (op: unknown, input: (b: Awaited<ReturnType<typeof makeWebhookWorld>>) => unknown) => {
    const before = await bEndpoint();
    notFound(await run(op, input(await bWorld())));
    assert.deepEqual(await bEndpoint(), before);
  };
  return {
    'webhooks.list': async () => {
      await bWorld();
      const r = await run(webhookOps.listEndpointsOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes('hooks-B'));
    },
    'webhooks.get': async () =>
      notFound(await run(webhookOps.getEndpointOp, { endpointId: (await bWorld()).endpointId })),
    'webhooks.save': async () =>
      unchanged(webhookOps.saveEndpointOp, (b) => ({
        endpointId: b.endpointId,
        url: 'https://a-took-it.example.com/',
        eventTypes: ['ticket.created'],
      })),
    'webhooks.setEnabled': async () =>
      unchanged(webhookOps.setEndpointEnabledOp, (b) => ({ endpointId: b.endpointId, enabled: false })),
    'webhooks.delete': async () => unchanged(webhookOps.deleteEndpointOp, (b) => ({ endpointId: b.endpointId })),
    'webhooks.revealSecret': async () => {
      const b = await bWorld();
      const secret = decryptSecret((await bEndpoint()).secret);
      const r = await run(webhookOps.revealSecretOp, { endpointId: b.endpointId });
      notFound(r);
      assert.ok(!JSON.stringify(r).includes(secret));
    },
    'webhooks.rotateSecret': async () => unchanged(webhookOps.rotateSecretOp, (b) => ({ endpointId: b.endpointId })),
    'webhooks.sendTest': async () => {
      const b = await bWorld();
      notFound(await run(webhookOps.sendTestEventOp, { endpointId: b.endpointId }));
      const rows = await sides()
        .db.select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, b.endpointId));
      assert.equal(rows.length, 1);
    },
    'webhooks.deliveries': async () =>
      notFound(await run(webhookOps.listDeliveriesOp, { endpointId: (await bWorld()).endpointId })),
    'webhooks.delivery': async () => {
      const r = await run(webhookOps.getDeliveryOp, { deliveryId: (await bWorld()).deliveryId });
      notFound(r);
      assert.ok(!JSON.stringify(r).includes('answer-B'));
    },
    'webhooks.replay': async () => {
      const b = await bWorld();
      notFound(await run(webhookOps.replayDeliveryOp, { deliveryId: b.deliveryId }));
      const [row] = await sides().db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, b.deliveryId));
      assert.equal(row!.status, 'delivered');
    },
    'webhooks.resendFailed': async () => {
      const b = await bWorld();
      await sides()
        .db.update(webhookDeliveries)
        .set({ status: 'failed', lastError: 'endpoint_disabled' })
        .where(eq(webhookDeliveries.id, b.deliveryId));
      notFound(await run(webhookOps.resendFailedOp, { endpointId: b.endpointId }));
      const [row] = await sides().db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, b.deliveryId));
      assert.equal(row!.status, 'failed');
      await sides()
        .db.update(webhookDeliveries)
        .set({ status: 'delivered', lastError: null })
        .where(eq(webhookDeliveries.id, b.deliveryId));
    },
  };
}

/** Inputs for the permission matrix: every webhook operation succeeds for an allowed role. */
export async function webhookMatrixInputs(db: Database, orgId: string, userId: string) {
  const w = await makeWebhookWorld(db, orgId, userId, 'M');
  // The replay and the test event queue jobs for an address nobody answers; no worker runs them here.
  return {
    'webhooks.list': {},
    'webhooks.get': { endpointId: w.endpointId },
    'webhooks.save': { endpointId: w.endpointId, url: 'https://hooks-m2.example.com/in', eventTypes: 'all' },
    'webhooks.setEnabled': { endpointId: w.endpointId, enabled: true },
    'webhooks.delete': { endpointId: (await makeWebhookWorld(db, orgId, userId, 'D')).endpointId },
    'webhooks.revealSecret': { endpointId: w.endpointId },
    'webhooks.rotateSecret': { endpointId: w.endpointId },
    'webhooks.sendTest': { endpointId: w.endpointId },
    'webhooks.deliveries': { endpointId: w.endpointId },
    'webhooks.delivery': { deliveryId: w.deliveryId },
    'webhooks.replay': { deliveryId: w.deliveryId },
    'webhooks.resendFailed': { endpointId: w.endpointId },
  };
}
