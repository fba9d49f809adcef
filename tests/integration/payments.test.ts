import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import {
  gatewayTransactions,
  invoices,
  jobs,
  organizationTaskStatus,
  paymentCallbacks,
  payments,
  subscriptions,
} from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { subscriptionApply } from '@/lib/network/jobs';
import { receiveCallback } from '@/lib/payments/callbacks';
import { startInvoicePayment } from '@/lib/payments/checkout';
import { gatewayBaseUrl } from '@/lib/payments/config';
import { GATEWAY_MODULES } from '@/lib/payments/gateways';
import { recheckTransaction, resolveReview, sweepPendingTransactions } from '@/lib/payments/manage';
import { refundTransaction } from '@/lib/payments/refund';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { GATEWAYS, type GatewayName } from '@/lib/payments/types';
import { makeCustomerWorld, makeOrg, testDb } from '../helpers';
import { API_URL_ENV, START_FAKE } from '../support/gateways';
import type { FakeCallback, GatewayFake } from '../support/gateways/types';

const db = testDb();
const fakes = {} as Record<GatewayName, GatewayFake>;
const FEE = 2_500;
/** The unsuccessful endings each gateway has: Xendit invoices only expire, DuitKu only fails. */
const ENDINGS: Record<GatewayName, ('expired' | 'failed')[]> = {
  midtrans: ['expired', 'failed'],
  xendit: ['expired'],
  tripay: ['expired', 'failed'],
  duitku: ['failed'],
};

before(async () => {
  // Before anything reads the environment (it is parsed once): every gateway module talks
  // to its loopback stand-in.
  for (const name of GATEWAYS) {
    fakes[name] = await START_FAKE[name]();
    process.env[API_URL_ENV[name]] = fakes[name].url;
  }
});
after(() => Promise.all(Object.values(fakes).map((f) => f.close())));

/** An organization whose customer has an open invoice, is isolated, and whose ISP set up `gateway`. */
async function setup(gateway: GatewayName) {
  const { org, admin } = await makeOrg(db, `pay-${gateway}`);
  const world = await makeCustomerWorld(db, org.id, admin.user.id);
  await db.update(subscriptions).set({ status: 'isolated' }).where(eq(subscriptions.id, world.subscription.id));
  const module = GATEWAY_MODULES[gateway];
  const creds = Object.fromEntries(Object.entries(fakes[gateway].credentials).map(([k, v]) => [k, v]));
  await saveGatewaySettings(db, {
    orgId: org.id,
    actorUserId: admin.user.id,
    ip: null,
    input: {
      gateway,
      enabled: true,
      mode: 'production',
      credentials: creds,
      methods: module.methods.map((m) => ({
        code: m.code,
        enabled: true,
        feeType: 'flat',
        feeValue: FEE,
        feeBearer: 'customer',
      })),
    },
  });
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, world.invoice.id));
  const outstanding = invoice!.total - invoice!.paidAmount;
  const token = invoiceLinkToken(invoice!.id);
  const vaMethod = module.methods.find((m) => m.kind === 'va')!.code;
  const start = (method = vaMethod) => startInvoicePayment(db, { token, gateway, method, ip: '198.51.100.1' });
  return { org, admin, world, invoice: invoice!, outstanding, token, start, vaMethod };
}

/** What a real gateway's status API says once the customer paid (DuitKu callbacks are confirmed by it). */
function paidAtGateway(gateway: GatewayName, orderId: string) {
  fakes[gateway].setStatus(orderId, 'paid');
}

function deliver(gateway: GatewayName, cb: FakeCallback, handle = db) {
  return receiveCallback(handle, {
    gateway,
    rawBody: cb.body,
    headers: new Headers(cb.headers),
    remoteIp: '203.0.113.50',
  });
}

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row!;
}

async function reconnectJobs(subscriptionId: string) {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.type, subscriptionApply.name),
        sql`${jobs.payload}->>'subscriptionId' = ${subscriptionId}`,
        sql`${jobs.payload}->>'status' = 'active'`,
      ),
    );
  return rows.length;
}

async function callbackLog(transactionId: string | null, orderId: string) {
  return db
    .select({
      outcome: paymentCallbacks.outcome,
      httpStatus: paymentCallbacks.httpStatus,
      organizationId: paymentCallbacks.organizationId,
    })
    .from(paymentCallbacks)
    .where(transactionId ? eq(paymentCallbacks.transactionId, transactionId) : eq(paymentCallbacks.orderId, orderId))
    .orderBy(paymentCallbacks.id);
}

for (const gateway of GATEWAYS) {
  describe(`${gateway} callbacks`, () => {
    test('the module talks to the loopback stand-in', () => {
      assert.equal(gatewayBaseUrl(gateway, 'production'), fakes[gateway].url);
    });

    test('a payment is created at the gateway with the fee the customer bears', async () => {
      const s = await setup(gateway);
      const t = await s.start();
      assert.equal(t.status, 'pending');
      assert.equal(t.amount, s.outstanding);
      assert.equal(t.fee, FEE);
      assert.equal(t.chargedAmount, s.outstanding + FEE);
      assert.ok(t.reference, 'the gateway reference is kept');
      assert.ok(t.instructions.vaNumber || t.instructions.redirectUrl, 'the customer is told how to pay');
      assert.equal(fakes[gateway].orders.get(t.orderId)?.amount, s.outstanding + FEE);
      // Picking the same method again shows the same payment, not a second one.
      assert.equal((await s.start()).id, t.id);
    });

    test('forged, malformed, unknown and wrong-amount callbacks are refused, logged, and pay nothing', async () => {
      const s = await setup(gateway);
      const t = await s.start();
      const fake = fakes[gateway];

      const forged = await deliver(gateway, fake.callback(t.orderId, 'paid', { forge: true }));
      assert.equal(forged.status, 401);
      const malformed = await deliver(gateway, fake.malformed());
      assert.equal(malformed.status, 400);
      const unknownId = `JRG-NOSUCH${randomUUID().slice(0, 8).toUpperCase()}`;
      const unknown = await deliver(gateway, fake.callbackForUnknown(unknownId, t.chargedAmount));
      assert.equal(unknown.status, 404);
      paidAtGateway(gateway, t.orderId);
      const wrong = await deliver(gateway, fake.callback(t.orderId, 'paid', { amount: t.chargedAmount - 1_000 }));
      assert.equal(wrong.status, 409);

      const [held] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, t.id));
      assert.equal(held!.status, 'review', 'a mismatch is held for review');
      assert.equal(held!.receivedAmount, t.chargedAmount - 1_000);
      const inv = await invoiceRow(s.invoice.id);
      assert.equal(inv.status, s.invoice.status);
      assert.equal(inv.paidAmount, s.invoice.paidAmount);
      assert.equal(
        (
          await db
            .select()
            .from(payments)
            .where(and(eq(payments.customerId, s.world.customer.id), eq(payments.method, 'gateway')))
        ).length,
        0,
      );
      assert.equal(await reconnectJobs(s.world.subscription.id), 0);

      assert.deepEqual(
        (await callbackLog(t.id, t.orderId)).map((c) => [c.outcome, c.httpStatus]),
        [
          ['forged', 401],
          ['mismatch', 409],
        ],
      );
      assert.deepEqual(
        (await callbackLog(null, unknownId)).map((c) => [c.outcome, c.httpStatus, c.organizationId]),
        [['unknown_order', 404, null]],
      );
      const [bad] = await db
        .select()
        .from(paymentCallbacks)
        .where(and(eq(paymentCallbacks.gateway, gateway), eq(paymentCallbacks.outcome, 'malformed')))
        .limit(1);
      assert.equal(bad!.httpStatus, 400);

      // Finance accepts what was received: it pays that, less the customer's fee.
      await resolveReview(db, {
        orgId: s.org.id,
        actorUserId: s.admin.user.id,
        ip: null,
        transactionId: t.id,
        decision: 'accept',
        note: 'kurang bayar, diterima',
      });
      const after = await invoiceRow(s.invoice.id);
      assert.equal(after.paidAmount, s.invoice.paidAmount + t.chargedAmount - 1_000 - FEE);
    });

    test('expired and failed payments leave the invoice unpaid', async () => {
      const s = await setup(gateway);
      for (const outcome of ENDINGS[gateway]) {
        const t = await s.start();
        fakes[gateway].setStatus(t.orderId, outcome);
        const r = await deliver(gateway, fakes[gateway].callback(t.orderId, outcome));
        assert.equal(r.status, GATEWAY_MODULES[gateway].callbackAck().status);
        const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, t.id));
        assert.equal(row!.status, outcome);
      }
      const inv = await invoiceRow(s.invoice.id);
      assert.equal(inv.paidAmount, s.invoice.paidAmount);
      assert.notEqual(inv.status, 'paid');
      assert.equal(await reconnectJobs(s.world.subscription.id), 0);
    });

    test('a signed settlement pays the invoice and reconnects once; the same callback again changes nothing', async () => {
      const s = await setup(gateway);
      const t = await s.start();
      paidAtGateway(gateway, t.orderId);
      const cb = fakes[gateway].callback(t.orderId, 'paid');
      const first = await deliver(gateway, cb);
      assert.deepEqual(first, GATEWAY_MODULES[gateway].callbackAck());

      const inv = await invoiceRow(s.invoice.id);
      assert.equal(inv.status, 'paid');
      assert.equal(inv.paidAmount, inv.total);
      const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, s.world.subscription.id));
      assert.equal(sub!.status, 'active');
      assert.equal(await reconnectJobs(s.world.subscription.id), 1);
      const paid = await db
        .select()
        .from(payments)
        .where(and(eq(payments.customerId, s.world.customer.id), eq(payments.method, 'gateway')));
      assert.equal(paid.length, 1);
      assert.equal(paid[0]!.amount, s.outstanding, 'the fee is not credited to the customer');

      const again = await deliver(gateway, cb);
      assert.equal(again.status, first.status);
      assert.equal(await reconnectJobs(s.world.subscription.id), 1);
      assert.equal(
        (
          await db
            .select()
            .from(payments)
            .where(and(eq(payments.customerId, s.world.customer.id), eq(payments.method, 'gateway')))
        ).length,
        1,
      );
      assert.deepEqual(
        (await callbackLog(t.id, t.orderId)).map((c) => c.outcome),
        ['settled', 'duplicate'],
      );
      assert.equal((await invoiceRow(s.invoice.id)).paidAmount, inv.total);
    });

    test('twenty copies of the settlement arriving at once settle exactly once', async () => {
      const s = await setup(gateway);
      const t = await s.start();
      paidAtGateway(gateway, t.orderId);
      const cb = fakes[gateway].callback(t.orderId, 'paid');
      const wide = createDb(process.env.DATABASE_URL!, { max: 20 });
      try {
        const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(gateway, cb, wide.db)));
        assert.ok(answers.every((a) => a.status === GATEWAY_MODULES[gateway].callbackAck().status));
      } finally {
        await wide.client.end({ timeout: 1 });
      }
      const outcomes = (await callbackLog(t.id, t.orderId)).map((c) => c.outcome);
      assert.equal(outcomes.filter((o) => o === 'settled').length, 1);
      assert.equal(outcomes.filter((o) => o === 'duplicate').length, 19);
      assert.equal(
        (
          await db
            .select()
            .from(payments)
            .where(and(eq(payments.customerId, s.world.customer.id), eq(payments.method, 'gateway')))
        ).length,
        1,
      );
      const inv = await invoiceRow(s.invoice.id);
      assert.equal(inv.paidAmount, inv.total);
      assert.equal(await reconnectJobs(s.world.subscription.id), 1);
    });

    test('a lost callback is caught by the status check', async () => {
      const s = await setup(gateway);
      const t = await s.start();
      fakes[gateway].setStatus(t.orderId, 'paid');
      const r = await recheckTransaction(db, {
        orgId: s.org.id,
        actorUserId: s.admin.user.id,
        ip: null,
        transactionId: t.id,
      });
      assert.equal(r.outcome, 'settled');
      assert.equal((await invoiceRow(s.invoice.id)).status, 'paid');
      // The worker's sweep finds nothing left to do for it.
      await db
        .update(gatewayTransactions)
        .set({ createdAt: sql`now() - interval '1 hour'` })
        .where(eq(gatewayTransactions.id, t.id));
      const again = await recheckTransaction(db, { orgId: s.org.id, actorUserId: null, ip: null, transactionId: t.id });
      assert.equal(again.outcome, 'duplicate');
    });

    if (GATEWAY_MODULES[gateway].refund) {
      test('a refund through the gateway reopens the invoice', async () => {
        const s = await setup(gateway);
        const t = await s.start(GATEWAY_MODULES[gateway].methods.find((m) => m.kind === 'qris')!.code);
        paidAtGateway(gateway, t.orderId);
        await deliver(gateway, fakes[gateway].callback(t.orderId, 'paid'));
        assert.equal((await invoiceRow(s.invoice.id)).status, 'paid');
        const refunded = await refundTransaction(db, {
          orgId: s.org.id,
          actorUserId: s.admin.user.id,
          ip: null,
          transactionId: t.id,
          reason: 'pelanggan batal',
        });
        assert.equal(refunded.status, 'refunded');
        const inv = await invoiceRow(s.invoice.id);
        assert.equal(inv.paidAmount, s.invoice.paidAmount);
        assert.notEqual(inv.status, 'paid');
        const [p] = await db
          .select()
          .from(payments)
          .where(and(eq(payments.customerId, s.world.customer.id), eq(payments.method, 'gateway')));
        assert.equal(p!.status, 'refunded');
        assert.ok(fakes[gateway].requests.some((r) => r.method === 'POST' && /refund/.test(r.path)));
      });
    }
  });
}

describe('DuitKu status confirmation', () => {
  test('a replayed failed callback turned into "paid" is not believed: the status API says otherwise', async () => {
    const s = await setup('duitku');
    const t = await s.start();
    // resultCode is outside DuitKu's signature: a captured "01" callback can be edited to "00".
    const failed = fakes.duitku.callback(t.orderId, 'failed');
    const replayed = { ...failed, body: failed.body.replace('resultCode=01', 'resultCode=00') };
    assert.notEqual(replayed.body, failed.body);
    const r = await deliver('duitku', replayed);
    assert.equal(r.status, 409);
    assert.deepEqual(
      (await callbackLog(t.id, t.orderId)).map((c) => c.outcome),
      ['unconfirmed'],
    );
    assert.notEqual((await invoiceRow(s.invoice.id)).status, 'paid');
  });
});

describe('what the review found', () => {
  test('a signed Midtrans settlement edited to say "refund" is not believed (the status API says paid)', async () => {
    const s = await setup('midtrans');
    const t = await s.start();
    paidAtGateway('midtrans', t.orderId);
    const paid = fakes.midtrans.callback(t.orderId, 'paid');
    assert.equal((await deliver('midtrans', paid)).status, 200);
    // transaction_status is outside Midtrans's signature: the edited copy still verifies.
    const edited = { ...paid, body: JSON.stringify({ ...JSON.parse(paid.body), transaction_status: 'refund' }) };
    assert.equal((await deliver('midtrans', edited)).status, 409);
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, t.id));
    assert.equal(row!.status, 'paid');
    assert.equal((await invoiceRow(s.invoice.id)).status, 'paid');
    assert.deepEqual(
      (await callbackLog(t.id, t.orderId)).map((c) => c.outcome),
      ['settled', 'unconfirmed'],
    );
  });

  test('a mismatch finance rejected stays rejected when the gateway retries the callback', async () => {
    const s = await setup('tripay');
    const t = await s.start();
    const wrong = fakes.tripay.callback(t.orderId, 'paid', { amount: t.chargedAmount + 5_000 });
    assert.equal((await deliver('tripay', wrong)).status, 409);
    await resolveReview(db, {
      orgId: s.org.id,
      actorUserId: s.admin.user.id,
      ip: null,
      transactionId: t.id,
      decision: 'reject',
      note: 'jumlah salah, dikembalikan lewat dasbor',
    });
    assert.equal((await deliver('tripay', wrong)).status, 409);
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, t.id));
    assert.equal(row!.status, 'failed');
    assert.notEqual((await invoiceRow(s.invoice.id)).status, 'paid');
  });

  test('a currency mismatch cannot be accepted as rupiah', async () => {
    const s = await setup('midtrans');
    const t = await s.start();
    paidAtGateway('midtrans', t.orderId);
    assert.equal(
      (await deliver('midtrans', fakes.midtrans.callback(t.orderId, 'paid', { currency: 'USD' }))).status,
      409,
    );
    await assert.rejects(
      resolveReview(db, {
        orgId: s.org.id,
        actorUserId: s.admin.user.id,
        ip: null,
        transactionId: t.id,
        decision: 'accept',
        note: 'terima saja',
      }),
      (e: Error) => e.message === 'review_amount_unknown',
    );
  });

  test('a sandbox payment settles at the gateway but never pays a real invoice', async () => {
    const s = await setup('tripay');
    await db.execute(sql`update payment_gateways set mode = 'sandbox' where organization_id = ${s.org.id}`);
    const t = await s.start();
    assert.equal(t.mode, 'sandbox');
    assert.equal((await deliver('tripay', fakes.tripay.callback(t.orderId, 'paid'))).status, 200);
    const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, t.id));
    assert.equal(row!.status, 'paid');
    assert.equal(row!.paymentId, null);
    assert.notEqual((await invoiceRow(s.invoice.id)).status, 'paid');
    assert.equal(await reconnectJobs(s.world.subscription.id), 0);
  });

  test('twenty taps on the same method make one bill at the gateway', async () => {
    const s = await setup('duitku');
    const before = fakes.duitku.orders.size;
    const wide = createDb(process.env.DATABASE_URL!, { max: 20 });
    try {
      const started = await Promise.all(
        Array.from({ length: 20 }, () =>
          startInvoicePayment(wide.db, { token: s.token, gateway: 'duitku', method: s.vaMethod, ip: null }),
        ),
      );
      assert.equal(new Set(started.map((t) => t.id)).size, 1);
      assert.ok(started.every((t) => t.reference));
    } finally {
      await wide.client.end({ timeout: 1 });
    }
    assert.equal(fakes.duitku.orders.size, before + 1);
  });
});

describe('sweep of pending payments', () => {
  test('settles a paid one whose callback never came', async () => {
    const s = await setup('tripay');
    const t = await s.start();
    fakes.tripay.setStatus(t.orderId, 'paid');
    await db
      .update(gatewayTransactions)
      .set({ createdAt: sql`now() - interval '20 minutes'` })
      .where(eq(gatewayTransactions.id, t.id));
    const r = await sweepPendingTransactions(db, { olderThanMinutes: 10, limit: 1000 });
    assert.ok(r.changed >= 1);
    assert.equal((await invoiceRow(s.invoice.id)).status, 'paid');
  });

  test('an organization whose gateway refuses its keys is recorded on it; the other is still settled', async () => {
    const bad = await setup('tripay');
    const good = await setup('tripay');
    const [tb, tg] = [await bad.start(), await good.start()];
    for (const t of [tb, tg]) {
      fakes.tripay.setStatus(t.orderId, 'paid');
      await db
        .update(gatewayTransactions)
        .set({ createdAt: sql`now() - interval '20 minutes'` })
        .where(eq(gatewayTransactions.id, t.id));
    }
    // The admin pasted a wrong API key after the payment was started.
    const creds = { ...fakes.tripay.credentials, apiKey: 'DEV-wrong-key' };
    const methods = GATEWAY_MODULES.tripay.methods.map((m) => ({
      code: m.code,
      enabled: true,
      feeType: 'flat' as const,
      feeValue: FEE,
      feeBearer: 'customer' as const,
    }));
    await saveGatewaySettings(db, {
      orgId: bad.org.id,
      actorUserId: bad.admin.user.id,
      ip: null,
      input: { gateway: 'tripay', enabled: true, mode: 'production', credentials: creds, methods },
    });
    await sweepPendingTransactions(db, { olderThanMinutes: 10, limit: 1000 });
    assert.equal((await invoiceRow(good.invoice.id)).status, 'paid');
    assert.notEqual((await invoiceRow(bad.invoice.id)).status, 'paid');
    const status = (orgId: string) =>
      db
        .select()
        .from(organizationTaskStatus)
        .where(and(eq(organizationTaskStatus.organizationId, orgId), eq(organizationTaskStatus.task, 'payments')));
    const [failed] = await status(bad.org.id);
    assert.equal(failed!.lastError, 'gateway');
    assert.equal(failed!.failures, 1);
    assert.equal((await status(good.org.id))[0]!.failures, 0);
  });
});
