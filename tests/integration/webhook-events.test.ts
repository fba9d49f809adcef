import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { vouchers, webhookDeliveries } from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import type { EventType } from '@/lib/events/catalog';
import { dispatchEvents } from '@/lib/events/dispatch';
import { EVENT_SAMPLES } from '@/lib/events/samples';
import { receiveCallback } from '@/lib/payments/callbacks';
import { startInvoicePayment } from '@/lib/payments/checkout';
import { refundTransaction } from '@/lib/payments/refund';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { executeOperation } from '@/lib/server/operation';
import { settleVouchers } from '@/lib/vouchers/status';
import { decideTopup, requestTopup } from '@/lib/wallet/topups';
import { webhookDeliver } from '@/lib/webhooks/jobs';
import * as ops from '@/lib/webhooks/operations';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, makePlan, makeSubscriber, testDb, waitFor } from '../helpers';
import { startFakeMidtrans } from '../support/gateways/midtrans';
import type { GatewayFake } from '../support/gateways/types';
import { makeVoucherBatch } from '../support/vouchers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * The events added for refunds, suspensions, wallet top-ups and hotspot voucher sales, end to
 * end: the change, the events pass, the worker's signed delivery to a receiver subscribed to
 * the type, and the data the receiver gets.
 */
const db = testDb();
let midtrans: GatewayFake;
let runner: Runner;
let receiver: WebhookReceiver;

before(async () => {
  // Before anything reads the environment (parsed once): Midtrans is its loopback stand-in.
  midtrans = await startFakeMidtrans({ live: true });
  process.env.MIDTRANS_API_URL = midtrans.url;
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
  await midtrans.close();
});

function ok<T>(r: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

/** An organization with an endpoint at the receiver that takes only `type`. */
async function subscribed(label: string, type: EventType) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const { id } = ok(await executeOperation(ops.saveEndpointOp, ctx, { url: receiver.url, eventTypes: [type] }));
  receiver.setSecret(ok(await executeOperation(ops.revealSecretOp, ctx, { endpointId: id })).secret);
  return { org, admin, endpointId: id };
}

/**
 * Runs the events pass and waits for the endpoint's one delivery to arrive; returns the data
 * the receiver got, after checking it has exactly the documented keys and no secret.
 */
async function receivedOnce(orgId: string, endpointId: string, type: EventType) {
  await dispatchEvents(db, { orgIds: [orgId] });
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.endpointId, endpointId)));
  assert.deepEqual(
    rows.map((r) => r.eventType),
    [type],
  );
  await waitFor(async () => receiver.received.some((r) => r.id === rows[0]!.id));
  const got = receiver.received.filter((r) => r.id === rows[0]!.id);
  assert.equal(got.length, 1);
  const { payload, body } = got[0]!;
  assert.equal(payload.type, type);
  assert.deepEqual(Object.keys(payload.data).sort(), Object.keys(EVENT_SAMPLES[type]).sort());
  assert.ok(!/password|secret|token|proof/i.test(body), body);
  return payload.data;
}

describe('new event types reach a subscribed endpoint once', () => {
  test('payment.refunded: a gateway payment refunded, with its order and the refund note', async () => {
    const w = await subscribed('whev-refund', 'payment.refunded');
    const world = await makeCustomerWorld(db, w.org.id, w.admin.user.id);
    await saveGatewaySettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        gateway: 'midtrans',
        enabled: true,
        mode: 'production',
        credentials: midtrans.credentials,
        methods: [{ code: 'qris', enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
      },
    });
    const started = await startInvoicePayment(db, {
      token: invoiceLinkToken(world.invoice.id),
      gateway: 'midtrans',
      method: 'qris',
      ip: null,
    });
    midtrans.setStatus(started.orderId, 'paid');
    const cb = midtrans.callback(started.orderId, 'paid');
    await receiveCallback(db, {
      gateway: 'midtrans',
      rawBody: cb.body,
      headers: new Headers(cb.headers),
      remoteIp: null,
    });
    const refunded = await refundTransaction(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      transactionId: started.id,
      reason: 'pelanggan batal',
    });
    assert.equal(refunded.status, 'refunded');
    const data = await receivedOnce(w.org.id, w.endpointId, 'payment.refunded');
    assert.equal(data.paymentId, refunded.paymentId);
    assert.equal(data.orderId, started.orderId);
    assert.equal(data.customerId, world.customer.id);
    assert.equal(data.method, 'gateway');
    assert.equal(data.gateway, 'midtrans');
    assert.equal(data.channel, 'qris');
    assert.equal(data.amount, refunded.amount);
    assert.match(String(data.note), /^pelanggan batal/);
  });

  test('subscription.suspended: a service paused, with the previous status and the reason', async () => {
    const w = await subscribed('whev-suspend', 'subscription.suspended');
    const plan = await makePlan(db, w.org.id);
    const s = await makeSubscriber(db, w.org.id, { planId: plan.id, routerId: null });
    await transitionSubscription(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      subscriptionId: s.subscription.id,
      to: 'suspended',
      reason: 'Mudik dua minggu',
    });
    const data = await receivedOnce(w.org.id, w.endpointId, 'subscription.suspended');
    assert.deepEqual(
      [data.subscriptionId, data.customerId, data.status, data.previousStatus, data.reason],
      [s.subscription.id, s.customer.id, 'suspended', 'active', 'Mudik dua minggu'],
    );
  });

  test('wallet.topped_up: finance approves a reseller top-up; a rejected one sends nothing', async () => {
    const w = await subscribed('whev-wallet', 'wallet.topped_up');
    const reseller = await makeMember(db, w.org.id, 'reseller');
    const ask = (amount: number) =>
      requestTopup(db, { orgId: w.org.id, actorUserId: reseller.user.id, ip: null, input: { amount, note: 'BCA' } });
    const decide = (requestId: string, decision: 'approve' | 'reject') =>
      decideTopup(db, { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null, requestId, decision });
    const rejected = await ask(100_000);
    await decide(rejected.id, 'reject');
    const approved = await ask(250_000);
    await decide(approved.id, 'approve');
    const data = await receivedOnce(w.org.id, w.endpointId, 'wallet.topped_up');
    assert.deepEqual(
      [data.requestId, data.resellerUserId, data.channel, data.amount, data.credited, data.balanceAfter],
      [approved.id, reseller.user.id, 'manual', 250_000, 250_000, 250_000],
    );
    assert.match(String(data.approvedAt), /^\d{4}-\d\d-\d\dT.*Z$/);
  });

  test('voucher.sold: an office voucher first used at the hotspot is sold then, once, at the retail price', async () => {
    const w = await subscribed('whev-hotspot', 'voucher.sold');
    const { batch, profile } = await makeVoucherBatch(db, w.org.id, w.admin.user.id);
    // Making stock for the office sells nothing.
    await dispatchEvents(db, { orgIds: [w.org.id] });
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(1);
    const firstLogin = new Date(Date.now() - 60_000);
    await db.update(vouchers).set({ status: 'active', firstLoginAt: firstLogin }).where(eq(vouchers.id, voucher!.id));
    await settleVouchers(db, { orgId: w.org.id, where: sql`v.batch_id = ${batch.id}` });
    // Settled again (the next tick): already sold, nothing new.
    await settleVouchers(db, { orgId: w.org.id, where: sql`v.batch_id = ${batch.id}` });
    const data = await receivedOnce(w.org.id, w.endpointId, 'voucher.sold');
    assert.deepEqual(
      [data.batchId, data.voucherId, data.channel, data.resellerUserId, data.profileId, data.count],
      [batch.id, voucher!.id, 'hotspot', null, profile.id, 1],
    );
    assert.equal(data.amount, batch.priceRupiah);
    assert.equal(data.unitPrice, batch.priceRupiah);
    assert.equal(data.soldAt, firstLogin.toISOString());
    assert.ok(!JSON.stringify(data).includes(voucher!.code), 'the code is the buyer login');
  });
});
