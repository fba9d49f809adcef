import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { customers, invoices, messages, messagingSettings, whatsappSessions } from '@/db/schema';
import { recordPayment } from '@/lib/billing/invoice-payments';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { translate } from '@/lib/i18n/translate';
import { queueDueReminders, queueInvoiceMessages } from '@/lib/messaging/automatic';
import { broadcastProgress, countRecipients, setBroadcastStatus, startBroadcast } from '@/lib/messaging/broadcasts';
import { notifyCustomer } from '@/lib/messaging/customer-events';
import { dispatchOnce, MAX_ATTEMPTS, SessionPacer } from '@/lib/messaging/dispatch';
import { customerNotify } from '@/lib/messaging/jobs';
import { receiveCloudApiWebhook } from '@/lib/messaging/receipts';
import { createHttpTransport } from '@/lib/messaging/transports';
import { createHttpGatewayTransport } from '@/lib/messaging/transports/http-gateway';
import { GATEWAY_NOT_PUBLIC, type MessageTransport } from '@/lib/messaging/types';
import { makeCustomerWorld, makeOrg, testDb } from '../helpers';
import { startFakeCloudApi, startFakeHttpGateway } from '../support/whatsapp-http';

const db = testDb();
let gateway: Awaited<ReturnType<typeof startFakeHttpGateway>>;
before(async () => {
  gateway = await startFakeHttpGateway();
});
after(() => gateway.close());

/**
 * An organization with a customer and an invoice. Its "payment received" message is off:
 * the factory records a counter payment, and a worker started by another test file may
 * turn that job into a message at any moment. Tests that want it switch it on.
 */
async function world(label = 'wa') {
  const { org, admin } = await makeOrg(db, label);
  await db.insert(messagingSettings).values({ organizationId: org.id, disabled: ['payment_received'] });
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  return { org, admin, ...w };
}

const messagesOf = (orgId: string) =>
  db.select().from(messages).where(eq(messages.organizationId, orgId)).orderBy(messages.createdAt);

/** Runs the notify job's handler as the worker would (same job id on a retry). */
function runNotify(
  orgId: string,
  jobId: string,
  payload: Omit<Parameters<typeof notifyCustomer>[1], 'orgId' | 'jobId'>,
) {
  return notifyCustomer(db, { ...payload, orgId, jobId });
}

describe('automatic messages', () => {
  test('a notification job queues its message once, however often it runs', async () => {
    const w = await world();
    const jobId = randomUUID();
    const payload = { customerId: w.customer.id, subscriptionId: w.subscription.id, event: 'isolated' as const };
    await runNotify(w.org.id, jobId, payload);
    await runNotify(w.org.id, jobId, payload);
    const rows = await messagesOf(w.org.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.category, 'isolation');
    assert.equal(rows[0]!.status, 'queued');
    assert.equal(rows[0]!.toPhone, '6281234567890');
    assert.match(rows[0]!.body, /Joko Widodo/);
    assert.match(rows[0]!.body, new RegExp(w.subscription.serviceUsername));
    assert.match(rows[0]!.body, /\/i\/[0-9a-f-]{36}\./, 'the invoice link is in the isolation notice');
  });

  test('the welcome message carries the service password to the customer, never into the log', async () => {
    const w = await world();
    await runNotify(w.org.id, randomUUID(), {
      customerId: w.customer.id,
      subscriptionId: w.subscription.id,
      event: 'welcome',
    });
    await runNotify(w.org.id, randomUUID(), {
      customerId: w.customer.id,
      subscriptionId: w.subscription.id,
      event: 'welcome',
    });
    const rows = await messagesOf(w.org.id);
    assert.equal(rows.length, 1, 'one welcome per subscription');
    assert.doesNotMatch(rows[0]!.body, /rahasia1/);
    assert.match(rows[0]!.body, /Password: ••••••/);
    assert.match(decryptSecret(rows[0]!.bodyEnc!), /Password: rahasia1/);
  });

  test('invoice messages are queued once per invoice; reminders H-3 and H-1 once each', async () => {
    const w = await world();
    assert.equal(await queueInvoiceMessages(db, { orgId: w.org.id }), 1);
    assert.equal(await queueInvoiceMessages(db, { orgId: w.org.id }), 0);
    const now = new Date('2026-11-17T03:00:00Z'); // 10:00 WIB
    await db.update(invoices).set({ dueDate: '2026-11-20' }).where(eq(invoices.id, w.invoice.id));
    assert.equal(await queueDueReminders(db, { orgId: w.org.id, timezone: 'Asia/Jakarta', now }), 1);
    assert.equal(await queueDueReminders(db, { orgId: w.org.id, timezone: 'Asia/Jakarta', now }), 0);
    await db.update(invoices).set({ dueDate: '2026-11-18' }).where(eq(invoices.id, w.invoice.id));
    assert.equal(await queueDueReminders(db, { orgId: w.org.id, timezone: 'Asia/Jakarta', now }), 1);
    // Before 08:00 local time nothing is sent.
    await db.update(invoices).set({ dueDate: '2026-11-20' }).where(eq(invoices.id, w.invoice.id));
    assert.equal(
      await queueDueReminders(db, { orgId: w.org.id, timezone: 'Asia/Jakarta', now: new Date('2026-11-16T23:00:00Z') }),
      0,
    );
    const rows = await messagesOf(w.org.id);
    assert.deepEqual(
      rows.map((r) => r.eventKey?.split(':')[0]),
      ['invoice', 'reminder_h3', 'reminder_h1'],
    );
    assert.match(rows[1]!.body, /3 hari lagi/);
  });

  test('a switched-off message is not queued; an opted-out customer is logged as cancelled', async () => {
    const w = await world();
    await db
      .update(messagingSettings)
      .set({ disabled: ['invoice', 'payment_received'] })
      .where(eq(messagingSettings.organizationId, w.org.id));
    assert.equal(await queueInvoiceMessages(db, { orgId: w.org.id }), 0);
    await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, w.customer.id));
    await runNotify(w.org.id, randomUUID(), {
      customerId: w.customer.id,
      subscriptionId: w.subscription.id,
      event: 'reconnected',
    });
    const [row] = await messagesOf(w.org.id);
    assert.equal(row!.status, 'cancelled');
    assert.equal(row!.error, 'opted_out');
  });

  test('a cash payment queues the payment-received message with the amount', async () => {
    const w = await world();
    await db.update(messagingSettings).set({ disabled: [] }).where(eq(messagingSettings.organizationId, w.org.id));
    const before = await db.execute<{ id: string; payload: Record<string, string> }>(
      sql`select id, payload from jobs where organization_id = ${w.org.id} and type = ${customerNotify.name}`,
    );
    const { paymentId } = await recordPayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: { customerId: w.customer.id, amount: 25_000, method: 'cash', reference: null, note: null },
    });
    const jobs = await db.execute<{
      id: string;
      payload: { customerId: string; event: 'payment_received'; paymentId: string };
    }>(
      sql`select id, payload from jobs where organization_id = ${w.org.id} and type = ${customerNotify.name} and payload->>'event' = 'payment_received'`,
    );
    assert.equal(jobs.length - before.filter((j) => j.payload.event === 'payment_received').length, 1);
    // This payment's job (a worker of another test file may run it too: the message is keyed by the payment).
    const job = jobs.find((j) => j.payload.paymentId === paymentId)!;
    await runNotify(w.org.id, job.id, job.payload);
    const rows = (await messagesOf(w.org.id)).filter(
      (m) => m.category === 'payment_received' && /25\.000/.test(m.body),
    );
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.body, /Rp\s?25\.000/);
  });
});

/** A session row for the fake HTTP gateway (the real transport talks to it over HTTP). */
async function httpSession(orgId: string, over: Partial<typeof whatsappSessions.$inferInsert> = {}) {
  const [s] = await db
    .insert(whatsappSessions)
    .values({
      organizationId: orgId,
      name: 'Fonnte',
      transport: 'http_gateway',
      status: 'connected',
      configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: gateway.credentials.token })),
      perMinute: 60,
      ...over,
    })
    .returning();
  return s!;
}

function deps(
  orgId: string,
  clock: { t: number },
  transports: (s: typeof whatsappSessions.$inferSelect) => MessageTransport | null,
) {
  return {
    transportFor: transports,
    pacer: new SessionPacer(() => 0.5),
    now: () => new Date(clock.t),
    orgIds: [orgId],
  };
}

const viaHttp = (s: typeof whatsappSessions.$inferSelect) =>
  s.transport === 'http_gateway' && s.configEnc
    ? createHttpTransport(
        'http_gateway',
        { url: gateway.url, token: gateway.credentials.token },
        { allowPrivate: true },
      )
    : null;

async function queueTo(orgId: string, customerId: string, n: number) {
  for (let i = 0; i < n; i++) await runNotify(orgId, randomUUID(), { customerId, event: 'reconnected' });
}

describe('sending', () => {
  test('a disconnected session is passed over for the next by priority; nothing is "sent" without the gateway\'s id', async () => {
    const w = await world();
    await db.insert(whatsappSessions).values({
      organizationId: w.org.id,
      name: 'HP kantor',
      transport: 'baileys',
      priority: 1,
      status: 'disconnected',
    });
    const backup = await httpSession(w.org.id, { priority: 2 });
    await queueTo(w.org.id, w.customer.id, 1);
    const clock = { t: Date.now() };
    const r = await dispatchOnce(db, deps(w.org.id, clock, viaHttp));
    assert.equal(r.sent, 1);
    const [m] = await messagesOf(w.org.id);
    assert.equal(m!.status, 'sent');
    assert.equal(m!.sessionId, backup.id);
    const sent = gateway.sent.find((x) => x.id === m!.transportMessageId);
    assert.ok(sent, 'the gateway acknowledged this message id');
    assert.equal(sent!.to, '6281234567890');
  });

  test('a session whose token is revoked, or whose gateway phone is offline, is set aside and the next one sends', async () => {
    const w = await world();
    const revoked = await httpSession(w.org.id, {
      priority: 1,
      name: 'Lama',
      configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: 'dicabut' })),
    });
    const backup = await httpSession(w.org.id, { priority: 2, name: 'Cadangan' });
    // The worker makes each session's transport from its own stored keys.
    const viaConfig = (s: typeof whatsappSessions.$inferSelect) =>
      s.status === 'failed'
        ? null
        : createHttpTransport('http_gateway', JSON.parse(decryptSecret(s.configEnc!)), { allowPrivate: true });
    await queueTo(w.org.id, w.customer.id, 2);
    const clock = { t: Date.now() + 1000 };
    const first = await dispatchOnce(db, deps(w.org.id, clock, viaConfig));
    assert.equal(first.retried, 1, 'the refused message goes back to the queue, not to failed');
    const [s1] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, revoked.id));
    assert.equal(s1!.status, 'failed');
    assert.match(s1!.lastError ?? '', /unauthorized/);
    clock.t += 60_000;
    await dispatchOnce(db, deps(w.org.id, clock, viaConfig));
    clock.t += 60_000;
    await dispatchOnce(db, deps(w.org.id, clock, viaConfig));
    const rows = await messagesOf(w.org.id);
    assert.deepEqual(
      rows.map((m) => [m.status, m.sessionId, m.attempts]),
      [
        ['sent', backup.id, 1],
        ['sent', backup.id, 1],
      ],
    );

    // The backup's phone goes offline: it is set aside as disconnected, the message waits in the queue.
    await queueTo(w.org.id, w.customer.id, 1);
    gateway.failNext(1, 'device_disconnected');
    clock.t += 60_000;
    const offline = await dispatchOnce(db, deps(w.org.id, clock, viaConfig));
    assert.equal(offline.retried, 1);
    const [s2] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, backup.id));
    assert.equal(s2!.status, 'disconnected');
    const [waiting] = (await messagesOf(w.org.id)).filter((m) => m.status === 'queued');
    assert.equal(waiting!.attempts, 0, 'an offline session costs the message no attempt');
  });

  test('a gateway name that resolves to an internal address is refused with a generic, translated error; the address goes to the log only', async () => {
    const w = await world();
    const session = await httpSession(w.org.id, {
      name: 'Internal',
      configEnc: encryptSecret(JSON.stringify({ url: 'https://wa.corp.example/send', token: 't' })),
    });
    // The platform's internal DNS answers 10.20.30.40 for the tenant's name.
    const internal = (s: typeof whatsappSessions.$inferSelect) =>
      createHttpGatewayTransport({
        ...(JSON.parse(decryptSecret(s.configEnc!)) as { url: string; token: string }),
        resolve: async () => [{ address: '10.20.30.40', family: 4 }],
      });
    await queueTo(w.org.id, w.customer.id, 1);
    const logged: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      await dispatchOnce(db, deps(w.org.id, { t: Date.now() + 1000 }, internal));
    } finally {
      console.warn = warn;
    }
    const [s1] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, session.id));
    assert.equal(s1!.lastError, GATEWAY_NOT_PUBLIC);
    const [m] = await messagesOf(w.org.id);
    assert.equal(m!.error, GATEWAY_NOT_PUBLIC);
    assert.doesNotMatch(`${s1!.lastError} ${m!.error}`, /10\.20\.30\.40|corp/);
    assert.match(translate('id', 'messaging.sessions.errors.gateway_not_public'), /bukan alamat publik/);
    assert.match(translate('en', 'messaging.messages.errors.gateway_not_public'), /not a public address/);
    assert.ok(
      logged.some((line) => /wa\.corp\.example resolves to 10\.20\.30\.40/.test(line)),
      logged.join('\n'),
    );
  });

  test('a session sends at most its per-minute limit, spaced out', async () => {
    const w = await world();
    await httpSession(w.org.id, { perMinute: 3 });
    await queueTo(w.org.id, w.customer.id, 8);
    const clock = { t: Date.now() + 1000 };
    const d = deps(w.org.id, clock, viaHttp);
    const sentAt: number[] = [];
    for (let second = 0; second < 120; second++) {
      const r = await dispatchOnce(db, d);
      for (let i = 0; i < r.sent; i++) sentAt.push(clock.t);
      clock.t += 1000;
    }
    // 3 per minute with spacing: 20 s apart at the 0.5 random draw (gap 20 s × 1.0).
    assert.equal(sentAt.length, 6);
    for (let i = 1; i < sentAt.length; i++) assert.ok(sentAt[i]! - sentAt[i - 1]! >= 20_000, 'spaced');
    for (const t of sentAt)
      assert.ok(sentAt.filter((x) => x > t - 60_000 && x <= t).length <= 3, 'never more than 3 in a minute');
  });

  test('a failing send is retried with back-off, then marked failed with its error', async () => {
    const w = await world();
    await httpSession(w.org.id);
    await queueTo(w.org.id, w.customer.id, 1);
    gateway.failNext(MAX_ATTEMPTS, 'server_error');
    const clock = { t: Date.now() };
    const d = deps(w.org.id, clock, viaHttp);
    const seen: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatchOnce(db, d);
      const [m] = await messagesOf(w.org.id);
      seen.push(m!.status);
      clock.t += 3 * 3600_000; // past any back-off
    }
    const [m] = await messagesOf(w.org.id);
    assert.deepEqual(seen, [...Array(MAX_ATTEMPTS - 1).fill('queued'), 'failed']);
    assert.equal(m!.attempts, MAX_ATTEMPTS);
    assert.match(m!.error ?? '', /rejected/);
  });
});

describe('receipts', () => {
  test('Cloud API receipts move a sent message to delivered and read, never back; a forged webhook is refused', async () => {
    const cloud = await startFakeCloudApi();
    try {
      const w = await world();
      const [session] = await db
        .insert(whatsappSessions)
        .values({
          organizationId: w.org.id,
          name: 'Cloud API',
          transport: 'cloud_api',
          status: 'connected',
          configEnc: encryptSecret(JSON.stringify(cloud.credentials)),
        })
        .returning();
      await queueTo(w.org.id, w.customer.id, 1);
      const viaCloud = () => createHttpTransport('cloud_api', cloud.credentials, { baseUrl: cloud.url });
      await dispatchOnce(db, deps(w.org.id, { t: Date.now() }, viaCloud));
      const [sent] = await messagesOf(w.org.id);
      assert.equal(sent!.status, 'sent');
      assert.equal(cloud.sent[0]!.id, sent!.transportMessageId);
      const deliver = async (status: 'delivered' | 'read', forge = false) => {
        const hook = cloud.statusWebhook([{ messageId: sent!.transportMessageId!, status }], { forge });
        return receiveCloudApiWebhook(db, {
          sessionId: session!.id,
          rawBody: hook.body,
          signature: hook.headers['x-hub-signature-256'] ?? null,
        });
      };
      assert.equal((await deliver('read', true)).status, 401);
      assert.equal((await deliver('delivered')).status, 200);
      assert.equal((await deliver('read')).status, 200);
      assert.equal((await deliver('delivered')).status, 200);
      const [m] = await messagesOf(w.org.id);
      assert.equal(m!.status, 'read');
      assert.ok(m!.deliveredAt && m!.readAt);
    } finally {
      await cloud.close();
    }
  });
});

describe('broadcasts', () => {
  async function manyCustomers(orgId: string, n: number) {
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, search_text)
      select ${orgId}, 100000 + g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Contoh ' || g, 'active', ''
      from generate_series(1, ${n}) g`);
  }

  test('10,000 recipients are queued in one step, and the broadcast can be paused and resumed', async () => {
    const { org, admin } = await makeOrg(db, 'bc');
    await manyCustomers(org.id, 10_000);
    assert.deepEqual(await countRecipients(db, { orgId: org.id, filter: { status: 'active' } }), {
      total: 10_000,
      optedOut: 0,
      willSend: 10_000,
    });
    const started = Date.now();
    const b = await startBroadcast(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        title: 'Gangguan',
        body: 'Halo {{customer.name}}, ada perbaikan jaringan malam ini.',
        status: 'active',
        area: undefined,
      },
    });
    const took = Date.now() - started;
    assert.equal(b.total, 10_000);
    const [{ n }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from messages where broadcast_id = ${b.id} and status = 'queued'`,
    )) as unknown as [{ n: number }];
    assert.equal(n, 10_000);
    console.log(`# 10,000 broadcast messages queued in ${took} ms`);

    await httpSession(org.id);
    const clock = { t: Date.now() };
    await setBroadcastStatus(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      broadcastId: b.id,
      action: 'pause',
    });
    assert.equal((await dispatchOnce(db, deps(org.id, clock, viaHttp))).sent, 0, 'a paused broadcast sends nothing');
    await setBroadcastStatus(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      broadcastId: b.id,
      action: 'resume',
    });
    assert.equal((await dispatchOnce(db, deps(org.id, clock, viaHttp))).sent, 1);
    const progress = await broadcastProgress(db, { orgId: org.id, broadcastId: b.id });
    assert.equal(progress.counts.sent, 1);
    assert.equal(progress.left, 9_999);
    await setBroadcastStatus(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      broadcastId: b.id,
      action: 'cancel',
    });
    const after = await broadcastProgress(db, { orgId: org.id, broadcastId: b.id });
    assert.equal(after.counts.cancelled, 9_999);
    assert.equal(after.left, 0);
  });

  test('a broadcast with an unknown variable is refused before anything is queued', async () => {
    const { org, admin } = await makeOrg(db, 'bc');
    await assert.rejects(
      startBroadcast(db, {
        orgId: org.id,
        actorUserId: admin.user.id,
        ip: null,
        input: { title: 'Info', body: 'Tagihan {{invoice.total}}', area: undefined },
      }),
      (e: Error) => e.message === 'validation',
    );
    assert.equal((await messagesOf(org.id)).length, 0);
  });
});
