import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import {
  auditLogs,
  events,
  jobs,
  messages,
  organizationTaskStatus,
  users,
  webhookDeliveries,
  webhookEndpoints,
} from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { EVENT_TYPES } from '@/lib/events/catalog';
import { dispatchEvents } from '@/lib/events/dispatch';
import { emitEvent } from '@/lib/events/emit';
import { translate } from '@/lib/i18n/translate';
import { executeOperation } from '@/lib/server/operation';
import { CUT_OFF_AFTER, CUT_OFF_REASON, countFinalFailure } from '@/lib/webhooks/cutoff';
import { attemptDelivery, type WebhookDeliveryError } from '@/lib/webhooks/deliver';
import { sendTestEvent } from '@/lib/webhooks/deliveries';
import { saveEndpoint, setEndpointEnabled } from '@/lib/webhooks/endpoints';
import { WEBHOOK_MAX_ATTEMPTS, webhookDeliver } from '@/lib/webhooks/jobs';
import * as ops from '@/lib/webhooks/operations';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, testDb, waitFor } from '../helpers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const db = testDb();
let runner: Runner;
let receiver: WebhookReceiver;

before(async () => {
  receiver = await startWebhookReceiver();
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
    only: [webhookDeliver.name],
    log: false,
    schedule: false,
  });
});
after(async () => {
  await runner.stop();
  await receiver.close();
});

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  return { org, admin, ctx };
}

function ok<T>(r: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

/** An endpoint at the receiver; its secret is the receiver's from now on. */
async function endpointAt(w: Awaited<ReturnType<typeof world>>, eventTypes: string[] | string = ['invoice.paid']) {
  const { id } = ok(await executeOperation(ops.saveEndpointOp, w.ctx, { url: receiver.url, eventTypes }));
  const { secret } = ok(await executeOperation(ops.revealSecretOp, w.ctx, { endpointId: id }));
  receiver.setSecret(secret);
  return { id, secret };
}

/** A delivery row without a job (the worker never sees it): the tests attempt it by hand. */
async function deliveryFor(orgId: string, endpointId: string) {
  const [event] = await db
    .insert(events)
    .values({
      organizationId: orgId,
      type: 'invoice.paid',
      data: { invoiceId: '00000000-0000-4000-8000-000000000009', amount: 150000 },
      dispatchedAt: new Date(),
    })
    .returning();
  const [d] = await db
    .insert(webhookDeliveries)
    .values({ organizationId: orgId, endpointId, eventId: event!.id, eventType: 'invoice.paid' })
    .returning();
  return d!;
}

const deliveryRow = async (id: string) =>
  (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const endpointRow = async (id: string) =>
  (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;
const attempt = (orgId: string, deliveryId: string, final = false, extra = {}) =>
  attemptDelivery(db, { orgId, deliveryId, final, timeoutMs: 1000, ...extra });

describe('webhook endpoints', () => {
  test('an address must be https and public; private, loopback and metadata addresses are refused at save', async () => {
    const w = await world('wh-save');
    const actor = { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null };
    const strict = { allowPrivate: false };
    const input = (url: string) => ({ url, eventTypes: ['invoice.paid' as const] });
    for (const url of [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/x',
      'https://0x7f000001/x',
      'https://localhost/x',
      'https://user:pass@hooks.example.com/x',
      'ftp://hooks.example.com/x',
    ]) {
      await assert.rejects(
        saveEndpoint(db, { ...actor, input: input(url), policy: strict }),
        (e: { code?: string }) => e.code === 'validation',
        url,
      );
    }
    await saveEndpoint(db, { ...actor, input: input('https://hooks.example.com/x'), policy: strict });
    // The self-hosted switch (on in tests) allows http and the LAN, never metadata or 0.0.0.0.
    const open = { allowPrivate: true };
    await saveEndpoint(db, { ...actor, input: input('http://192.168.1.10/x'), policy: open });
    for (const url of ['http://169.254.169.254/x', 'http://0.0.0.0/x', 'http://[fe80::1]/x'])
      await assert.rejects(saveEndpoint(db, { ...actor, input: input(url), policy: open }), url);
    // Through the operation: a field error in the user's language.
    const r = await executeOperation(ops.saveEndpointOp, w.ctx, input('http://169.254.169.254/'));
    assert.ok(!r.ok && r.fieldErrors?.url);
    const none = await executeOperation(ops.saveEndpointOp, w.ctx, { url: receiver.url, eventTypes: [] });
    assert.ok(!none.ok && none.fieldErrors?.eventTypes);
  });

  test('"all" subscribes to every type; the secret is whsec_ and 24 bytes, encrypted, never in audit or lists', async () => {
    const w = await world('wh-secret');
    const { id, secret } = await endpointAt(w, 'all');
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 24);
    const stored = await endpointRow(id);
    assert.notEqual(stored.secret, secret);
    assert.equal(decryptSecret(stored.secret), secret);
    assert.equal(stored.eventTypes.length, EVENT_TYPES.length);
    const list = ok(await executeOperation(ops.listEndpointsOp, w.ctx, {}));
    assert.ok(!JSON.stringify(list).includes(secret.slice(6)));
    assert.equal(list[0]!.secretHint, `whsec_…${secret.slice(-4)}`);
    const rotated = ok(await executeOperation(ops.rotateSecretOp, w.ctx, { endpointId: id })).secret;
    assert.notEqual(rotated, secret);
    ok(await executeOperation(ops.sendTestEventOp, w.ctx, { endpointId: id }));
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, w.org.id));
    const jobRows = await db.select().from(jobs).where(eq(jobs.organizationId, w.org.id));
    for (const text of [JSON.stringify(audit), JSON.stringify(jobRows)]) {
      assert.ok(!text.includes(secret.slice(6, 30)), 'old secret leaked');
      assert.ok(!text.includes(rotated.slice(6, 30)), 'new secret leaked');
    }
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'webhook.created',
      'webhook.secret_revealed',
      'webhook.secret_rotated',
      'webhook.test_sent',
    ]);
  });
});

describe('a token in the address', () => {
  test("query values are masked in lists, the delivery log, the audit and the admins' message; the receiver gets them", async () => {
    const w = await world('wh-token');
    await db.update(users).set({ phone: '6281299990002' }).where(eq(users.id, w.admin.user.id));
    const token = 'tok-Rahasia-8841';
    const url = `${receiver.url}?token=${token}&v=2`;
    const { id } = ok(await executeOperation(ops.saveEndpointOp, w.ctx, { url, eventTypes: ['ticket.created'] }));
    receiver.setSecret(ok(await executeOperation(ops.revealSecretOp, w.ctx, { endpointId: id })).secret);
    const masked = `${receiver.url}?token=•••&v=•••`;
    const [listed] = ok(await executeOperation(ops.listEndpointsOp, w.ctx, {}));
    assert.equal(listed!.url, masked);
    assert.equal(ok(await executeOperation(ops.getEndpointOp, w.ctx, { endpointId: id })).url, masked);

    // The edit form holds the masked address: saved as it is, the token stays.
    const edit = { endpointId: id, url: masked, description: 'ERP', eventTypes: ['ticket.created'] };
    ok(await executeOperation(ops.saveEndpointOp, w.ctx, edit));
    assert.equal((await endpointRow(id)).url, url);
    ok(await executeOperation(ops.saveEndpointOp, w.ctx, { ...edit, url: `${receiver.url}?token=•••&v=3` }));
    assert.equal((await endpointRow(id)).url, `${receiver.url}?token=${token}&v=3`);
    const renamed = await executeOperation(ops.saveEndpointOp, w.ctx, { ...edit, url: `${receiver.url}?key=•••` });
    assert.ok(!renamed.ok && renamed.fieldErrors?.url);
    // Another host is never given the stored token: the admin must type it.
    const moved = await executeOperation(ops.saveEndpointOp, w.ctx, {
      ...edit,
      url: 'https://attacker.example/?token=•••',
    });
    assert.ok(
      !moved.ok && moved.fieldErrors?.url === translate('id', 'validation.webhookUrlMaskedOtherHost'),
      JSON.stringify(moved),
    );
    assert.equal((await endpointRow(id)).url, `${receiver.url}?token=${token}&v=3`);

    const sent = ok(await executeOperation(ops.sendTestEventOp, w.ctx, { endpointId: id }));
    await waitFor(async () => (await deliveryRow(sent.deliveryId)).status === 'delivered');
    assert.equal(receiver.received.find((r) => r.id === sent.deliveryId)!.path, `/hooks?token=${token}&v=3`);
    const log = ok(await executeOperation(ops.listDeliveriesOp, w.ctx, { endpointId: id }));
    const detail = ok(await executeOperation(ops.getDeliveryOp, w.ctx, { deliveryId: sent.deliveryId }));
    assert.equal(detail.url, `${receiver.url}?token=•••&v=•••`);

    ok(await executeOperation(ops.setEndpointEnabledOp, w.ctx, { endpointId: id, enabled: false }));
    ok(await executeOperation(ops.setEndpointEnabledOp, w.ctx, { endpointId: id, enabled: true }));
    await db
      .update(webhookEndpoints)
      .set({ consecutiveFailures: CUT_OFF_AFTER - 1 })
      .where(eq(webhookEndpoints.id, id));
    assert.equal((await countFinalFailure(db, { orgId: w.org.id, endpointId: id })).cutOff, true);
    ok(await executeOperation(ops.deleteEndpointOp, w.ctx, { endpointId: id }));

    const audit = await db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.organizationId, w.org.id))
      .orderBy(asc(auditLogs.id));
    assert.deepEqual(
      audit.filter((a) => a.data.url).map((a) => [a.action, a.data.url]),
      [
        ['webhook.created', masked],
        ['webhook.updated', masked],
        ['webhook.updated', masked],
        ['webhook.disabled', masked],
        ['webhook.enabled', masked],
        ['webhook.cut_off', masked],
        ['webhook.deleted', masked],
      ],
    );
    const wa = await db.select().from(messages).where(eq(messages.organizationId, w.org.id));
    assert.equal(wa.length, 1);
    for (const text of [JSON.stringify(audit), JSON.stringify(wa), JSON.stringify(log), JSON.stringify(detail)])
      assert.ok(!text.includes(token), text);
  });
});

describe('fan-out', () => {
  test('an event goes to the enabled endpoints of its organization that take its type, once each', async () => {
    const w = await world('wh-fan');
    const other = await world('wh-fan-other');
    const wanted = await endpointAt(w, ['invoice.paid', 'ticket.created']);
    const otherType = await endpointAt(w, ['ticket.created']);
    const off = await endpointAt(w, ['invoice.paid']);
    ok(await executeOperation(ops.setEndpointEnabledOp, w.ctx, { endpointId: off.id, enabled: false }));
    const foreign = await endpointAt(other, ['invoice.paid']);
    // The worker may take the delivery as soon as the pass queues it.
    receiver.setSecret(wanted.secret);
    await emitEvent(db, { orgId: w.org.id, type: 'invoice.paid', data: { invoiceId: 'x', amount: 1 } });
    // An organization without an endpoint for the type writes no event at all.
    await emitEvent(db, { orgId: other.org.id, type: 'customer.created', data: {} });
    await dispatchEvents(db, { orgIds: [w.org.id, other.org.id] });
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.endpointId} in (${wanted.id}, ${otherType.id}, ${off.id}, ${foreign.id})`);
    assert.deepEqual(
      rows.map((r) => [r.endpointId, r.eventType]),
      [[wanted.id, 'invoice.paid']],
    );
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, w.org.id), eq(jobs.type, webhookDeliver.name)));
    assert.deepEqual(
      queued.map((j) => j.payload),
      [{ deliveryId: rows[0]!.id }],
    );
    const otherEvents = await db.select().from(events).where(eq(events.organizationId, other.org.id));
    assert.equal(otherEvents.length, 0);
    // The worker delivers it, signed: the receiver verified it with standardwebhooks.
    const delivered = await waitFor(async () => {
      const d = await deliveryRow(rows[0]!.id);
      return d.status === 'delivered' ? d : null;
    });
    assert.equal(delivered.attempts, 1);
    assert.equal(delivered.lastStatusCode, 200);
    assert.equal(delivered.responseBody, 'terima kasih');
    const got = receiver.received.find((r) => r.id === rows[0]!.id)!;
    assert.equal(got.userAgent, 'Jaring-Webhooks/1');
    assert.equal(got.contentType, 'application/json');
    assert.match(got.signature, /^v1,[A-Za-z0-9+/]+=*$/);
    assert.ok(Math.abs(Number(got.timestamp) - Date.now() / 1000) < 60);
    assert.equal(got.payload.type, 'invoice.paid');
    assert.deepEqual(got.payload.data, { invoiceId: 'x', amount: 1 });
    assert.match(got.payload.timestamp, /^\d{4}-\d\d-\d\dT/);
  });
});

describe('delivery', () => {
  test('a failing receiver is retried with the same webhook-id until it answers 2xx', async () => {
    const w = await world('wh-retry');
    const ep = await endpointAt(w);
    const d = await deliveryFor(w.org.id, ep.id);
    receiver.answers.push(500, 'timeout');
    await assert.rejects(attempt(w.org.id, d.id), (e: WebhookDeliveryError) => e.code === 'http_status');
    let row = await deliveryRow(d.id);
    assert.deepEqual([row.status, row.attempts, row.lastStatusCode, row.lastError], ['pending', 1, 500, 'http_status']);
    assert.equal(row.responseBody, 'error 500');
    await assert.rejects(attempt(w.org.id, d.id), (e: WebhookDeliveryError) => e.code === 'timeout');
    row = await deliveryRow(d.id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['pending', 2, 'timeout']);
    assert.equal((await endpointRow(ep.id)).consecutiveFailures, 0);
    await attempt(w.org.id, d.id);
    row = await deliveryRow(d.id);
    assert.deepEqual([row.status, row.attempts, row.lastStatusCode, row.lastError], ['delivered', 3, 200, null]);
    const ids = receiver.received.filter((r) => r.id === d.id);
    assert.equal(ids.length, 3);
    // Delivered already: a late job does nothing.
    assert.deepEqual(await attempt(w.org.id, d.id), { skipped: 'delivered' });
  });

  test('a redirect is not followed; the last attempt fails the delivery for good', async () => {
    const w = await world('wh-final');
    const ep = await endpointAt(w);
    const d = await deliveryFor(w.org.id, ep.id);
    receiver.answers.push('redirect');
    await assert.rejects(attempt(w.org.id, d.id, true), (e: WebhookDeliveryError) => e.code === 'redirect');
    const row = await deliveryRow(d.id);
    assert.deepEqual([row.status, row.lastError], ['failed', 'redirect']);
    assert.equal((await endpointRow(ep.id)).consecutiveFailures, 1);
  });

  test('at delivery the address is resolved and checked again: a name now pointing inside is refused', async () => {
    const w = await world('wh-ssrf');
    const ep = await endpointAt(w);
    await db.update(webhookEndpoints).set({ url: 'https://hooks.example.com/x' }).where(eq(webhookEndpoints.id, ep.id));
    const before = receiver.received.length;
    for (const address of ['127.0.0.1', '10.0.0.5', '169.254.169.254']) {
      const d = await deliveryFor(w.org.id, ep.id);
      await assert.rejects(
        attempt(w.org.id, d.id, false, {
          policy: { allowPrivate: false, resolve: async () => [{ address, family: 4 }] },
        }),
        (e: WebhookDeliveryError) => e.code === 'address_refused',
      );
      assert.equal((await deliveryRow(d.id)).lastError, 'address_refused');
    }
    // Metadata stays refused with the self-hosted switch on.
    await db
      .update(webhookEndpoints)
      .set({ url: 'http://169.254.169.254/latest/' })
      .where(eq(webhookEndpoints.id, ep.id));
    const d = await deliveryFor(w.org.id, ep.id);
    await assert.rejects(
      attempt(w.org.id, d.id, false, { policy: { allowPrivate: true } }),
      (e: WebhookDeliveryError) => e.code === 'address_refused',
    );
    assert.equal(receiver.received.length, before);
  });

  test('a name that no longer resolves is an unreachable attempt: logged, and the last one fails the delivery and counts', async () => {
    const w = await world('wh-nxdomain');
    const ep = await endpointAt(w);
    await db.update(webhookEndpoints).set({ url: 'https://gone.example.com/x' }).where(eq(webhookEndpoints.id, ep.id));
    // As dns.lookup answers for a domain that lapsed; and a name with no address at all.
    const nxdomain = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.example.com'), { code: 'ENOTFOUND' });
    };
    const d = await deliveryFor(w.org.id, ep.id);
    await assert.rejects(
      attempt(w.org.id, d.id, false, { policy: { allowPrivate: false, resolve: nxdomain } }),
      (e: WebhookDeliveryError) => e.code === 'unreachable',
    );
    const retried = await deliveryRow(d.id);
    assert.deepEqual([retried.status, retried.attempts, retried.lastError], ['pending', 1, 'unreachable']);
    await assert.rejects(
      attempt(w.org.id, d.id, true, { policy: { allowPrivate: false, resolve: async () => [] } }),
      (e: WebhookDeliveryError) => e.code === 'unreachable',
    );
    const failed = await deliveryRow(d.id);
    assert.deepEqual([failed.status, failed.attempts, failed.lastError], ['failed', 2, 'unreachable']);
    assert.equal((await endpointRow(ep.id)).consecutiveFailures, 1);
  });

  test(`${CUT_OFF_AFTER} deliveries failing for good turn the endpoint off and tell the admins`, async () => {
    const w = await world('wh-cutoff');
    await db.update(users).set({ phone: '6281299990001' }).where(eq(users.id, w.admin.user.id));
    const ep = await endpointAt(w);
    for (let i = 0; i < CUT_OFF_AFTER; i++) {
      const d = await deliveryFor(w.org.id, ep.id);
      receiver.answers.push(503);
      await assert.rejects(attempt(w.org.id, d.id, true));
      assert.equal((await endpointRow(ep.id)).enabled, i < CUT_OFF_AFTER - 1, `after ${i + 1}`);
    }
    const off = await endpointRow(ep.id);
    assert.equal(off.disabledReason, CUT_OFF_REASON);
    assert.ok(off.disabledAt);
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'webhook.cut_off')));
    assert.equal(audit.length, 1);
    const [notice] = await db
      .select()
      .from(organizationTaskStatus)
      .where(and(eq(organizationTaskStatus.organizationId, w.org.id), eq(organizationTaskStatus.task, 'webhooks')));
    assert.equal(notice?.lastError, 'webhook_endpoint_disabled');
    assert.ok(notice!.failures > 0);
    const [wa] = await db.select().from(messages).where(eq(messages.organizationId, w.org.id));
    assert.equal(wa?.toPhone, '6281299990001');
    assert.match(wa!.body, new RegExp(receiver.url.replace(/[.]/g, '\\.')));
    // Deliveries to an endpoint that is off are not sent.
    const late = await deliveryFor(w.org.id, ep.id);
    assert.deepEqual(await attempt(w.org.id, late.id), { skipped: 'endpoint_disabled' });
    // On again by hand: the count starts afresh and the dashboard's notice goes.
    ok(await executeOperation(ops.setEndpointEnabledOp, w.ctx, { endpointId: ep.id, enabled: true }));
    const on = await endpointRow(ep.id);
    assert.deepEqual([on.enabled, on.consecutiveFailures, on.disabledReason], [true, 0, null]);
    const [cleared] = await db
      .select()
      .from(organizationTaskStatus)
      .where(and(eq(organizationTaskStatus.organizationId, w.org.id), eq(organizationTaskStatus.task, 'webhooks')));
    assert.equal(cleared?.failures, 0);
  });

  test('a manual failure (test, replay) does not count towards the cut-off; a success resets the count', async () => {
    const w = await world('wh-manual');
    const ep = await endpointAt(w);
    await db.update(webhookEndpoints).set({ consecutiveFailures: 3 }).where(eq(webhookEndpoints.id, ep.id));
    const d = await deliveryFor(w.org.id, ep.id);
    receiver.answers.push(500);
    await assert.rejects(attempt(w.org.id, d.id, true, { manual: true }));
    assert.equal((await endpointRow(ep.id)).consecutiveFailures, 3);
    const d2 = await deliveryFor(w.org.id, ep.id);
    await attempt(w.org.id, d2.id);
    assert.equal((await endpointRow(ep.id)).consecutiveFailures, 0);
  });
});

describe('delivery log and replay', () => {
  test('a test event reaches the receiver through the worker; replay sends the same webhook-id again', async () => {
    const w = await world('wh-replay');
    const ep = await endpointAt(w, ['ticket.created', 'invoice.paid']);
    const sent = ok(await executeOperation(ops.sendTestEventOp, w.ctx, { endpointId: ep.id }));
    assert.equal(sent.eventType, 'ticket.created');
    await waitFor(async () => (await deliveryRow(sent.deliveryId)).status === 'delivered');
    const first = receiver.received.find((r) => r.id === sent.deliveryId)!;
    assert.equal(first.payload.type, 'ticket.created');

    const log = ok(await executeOperation(ops.listDeliveriesOp, w.ctx, { endpointId: ep.id }));
    assert.deepEqual(
      log.map((d) => [d.id, d.status]),
      [[sent.deliveryId, 'delivered']],
    );
    const detail = ok(await executeOperation(ops.getDeliveryOp, w.ctx, { deliveryId: sent.deliveryId }));
    assert.equal(JSON.stringify(detail.payload), first.body);
    assert.equal(detail.responseBody, 'terima kasih');

    const replay = ok(await executeOperation(ops.replayDeliveryOp, w.ctx, { deliveryId: sent.deliveryId }));
    // While it waits in the queue it is pending: a second replay is refused.
    const again = await executeOperation(ops.replayDeliveryOp, w.ctx, { deliveryId: sent.deliveryId });
    assert.ok(
      (!again.ok && again.code === 'webhook_delivery_pending') ||
        (await deliveryRow(sent.deliveryId)).status === 'delivered',
    );
    await waitFor(async () => receiver.received.filter((r) => r.id === sent.deliveryId).length === 2);
    const second = receiver.received.filter((r) => r.id === sent.deliveryId)[1]!;
    assert.equal(second.body, first.body);
    const row = await waitFor(async () => {
      const d = await deliveryRow(sent.deliveryId);
      return d.status === 'delivered' && d.attempts === 2 ? d : null;
    });
    assert.equal(row.attempts, 2);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, replay.jobId));
    assert.deepEqual(job!.payload, { deliveryId: sent.deliveryId, manual: true });
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'webhook.replayed')));
    assert.equal(audit[0]?.entityId, sent.deliveryId);
  });

  test('on again, the deliveries missed while the endpoint was off are sent again on request, once', async () => {
    const w = await world('wh-resend');
    const other = await world('wh-resend-b');
    const ep = await endpointAt(w);
    const missed = [await deliveryFor(w.org.id, ep.id), await deliveryFor(w.org.id, ep.id)];
    const refused = await deliveryFor(w.org.id, ep.id);
    receiver.answers.push(500);
    await assert.rejects(attempt(w.org.id, refused.id, true));
    // A test event asked for just before the endpoint went off is missed as the others are.
    const actor = { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null, endpointId: ep.id };
    const test = await db.transaction(async (tx) => {
      const sent = await sendTestEvent(tx, actor);
      await setEndpointEnabled(tx, { ...actor, enabled: false });
      return sent;
    });
    for (const d of missed) assert.deepEqual(await attempt(w.org.id, d.id), { skipped: 'endpoint_disabled' });
    await waitFor(async () => (await deliveryRow(test.deliveryId)).lastError === 'endpoint_disabled');
    missed.push(await deliveryRow(test.deliveryId));
    const whileOff = await executeOperation(ops.resendFailedOp, w.ctx, { endpointId: ep.id });
    assert.ok(!whileOff.ok && whileOff.code === 'webhook_endpoint_disabled');

    ok(await executeOperation(ops.setEndpointEnabledOp, w.ctx, { endpointId: ep.id, enabled: true }));
    assert.equal(ok(await executeOperation(ops.getEndpointOp, w.ctx, { endpointId: ep.id })).failedWhileOff, 3);
    const foreign = await executeOperation(ops.resendFailedOp, other.ctx, { endpointId: ep.id });
    assert.ok(!foreign.ok && foreign.code === 'not_found');
    assert.deepEqual(ok(await executeOperation(ops.resendFailedOp, w.ctx, { endpointId: ep.id })), { count: 3 });
    // The log no longer says "not sent: the endpoint is off" beside them.
    for (const d of missed) {
      const row = await deliveryRow(d.id);
      assert.deepEqual([row.lastError, row.lastStatusCode], [null, null]);
    }
    const queued = await db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.organizationId, w.org.id),
          eq(jobs.type, webhookDeliver.name),
          eq(jobs.maxAttempts, WEBHOOK_MAX_ATTEMPTS),
        ),
      );
    assert.deepEqual(
      queued.map((j) => [(j.payload as { deliveryId: string }).deliveryId, j.createdBy]).sort(),
      missed.map((d) => [d.id, w.admin.user.id]).sort(),
    );
    for (const d of missed) {
      const row = await waitFor(async () => {
        const r = await deliveryRow(d.id);
        return r.status === 'delivered' ? r : null;
      });
      assert.equal(row.attempts, 1);
      assert.equal(receiver.received.filter((r) => r.id === d.id).length, 1);
    }
    // A delivery the receiver itself refused is left to "Kirim ulang".
    assert.equal((await deliveryRow(refused.id)).status, 'failed');
    assert.equal(ok(await executeOperation(ops.getEndpointOp, w.ctx, { endpointId: ep.id })).failedWhileOff, 0);
    assert.deepEqual(ok(await executeOperation(ops.resendFailedOp, w.ctx, { endpointId: ep.id })), { count: 0 });
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'webhook.failed_resent')))
      .orderBy(asc(auditLogs.id));
    assert.deepEqual(
      audit.map((a) => [a.entityId, a.data.count, a.actorUserId]),
      [
        [ep.id, 3, w.admin.user.id],
        [ep.id, 0, w.admin.user.id],
      ],
    );
  });

  test('deleting an endpoint takes its log with it; another organization sees none of it', async () => {
    const w = await world('wh-delete');
    const other = await world('wh-delete-b');
    const ep = await endpointAt(w);
    const d = await deliveryFor(w.org.id, ep.id);
    for (const [op, input] of [
      [ops.getEndpointOp, { endpointId: ep.id }],
      [ops.listDeliveriesOp, { endpointId: ep.id }],
      [ops.getDeliveryOp, { deliveryId: d.id }],
      [ops.deleteEndpointOp, { endpointId: ep.id }],
    ] as const) {
      const r = await executeOperation(op as never, other.ctx, input);
      assert.ok(!r.ok && r.code === 'not_found');
    }
    ok(await executeOperation(ops.deleteEndpointOp, w.ctx, { endpointId: ep.id }));
    assert.equal((await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id))).length, 0);
  });
});
