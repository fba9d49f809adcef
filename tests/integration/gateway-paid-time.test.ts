import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { gatewayTransactions } from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { receiveCallback } from '@/lib/payments/callbacks';
import { startInvoicePayment } from '@/lib/payments/checkout';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { makeCustomerWorld, makeOrg, testDb } from '../helpers';
import { startFakeMidtrans } from '../support/gateways/midtrans';
import type { GatewayFake } from '../support/gateways/types';

const db = testDb();
let midtrans: GatewayFake;
before(async () => {
  midtrans = await startFakeMidtrans();
  process.env.MIDTRANS_API_URL = midtrans.url;
});
after(() => midtrans.close());

async function pendingPayment() {
  const { org, admin } = await makeOrg(db, 'paidtime');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  await saveGatewaySettings(db, {
    orgId: org.id,
    actorUserId: admin.user.id,
    ip: null,
    input: {
      gateway: 'midtrans',
      enabled: true,
      mode: 'sandbox',
      credentials: midtrans.credentials,
      methods: [{ code: 'qris', enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
    },
  });
  const started = await startInvoicePayment(db, {
    token: invoiceLinkToken(w.invoice.id),
    gateway: 'midtrans',
    method: 'qris',
    ip: null,
  });
  const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.orderId, started.orderId));
  return { orderId: started.orderId, createdAt: t!.createdAt };
}

/** A correctly signed Midtrans notification whose settlement time says `settlement` (WIB). */
function callbackSettledAt(orderId: string, settlement: string) {
  midtrans.setStatus(orderId, 'paid');
  const cb = midtrans.callback(orderId, 'paid');
  // Midtrans signs order id, status code, amount and key: the times are not signed.
  const body = JSON.stringify({ ...JSON.parse(cb.body), settlement_time: settlement, transaction_time: settlement });
  return receiveCallback(db, { gateway: 'midtrans', rawBody: body, headers: new Headers(cb.headers), remoteIp: null });
}

describe("a gateway's paid time", () => {
  test('a paid time before the payment was created is replaced by the callback arrival time', async () => {
    const { orderId, createdAt } = await pendingPayment();
    const before = Date.now();
    const r = await callbackSettledAt(orderId, '2020-01-01 08:00:00');
    assert.equal(r.status, 200, JSON.stringify(r));
    const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.orderId, orderId));
    assert.equal(t!.status, 'paid');
    assert.ok(t!.paidAt! >= createdAt, `paid ${t!.paidAt?.toISOString()} before created ${createdAt.toISOString()}`);
    assert.ok(t!.paidAt!.getTime() >= before - 1000, 'the arrival time');
  });

  test("a paid time after creation is the gateway's own", async () => {
    const { orderId, createdAt } = await pendingPayment();
    // Midtrans reports WIB (UTC+7) local time to the second: a moment 3 s after creation.
    const paidAt = new Date(Math.floor((createdAt.getTime() + 3000) / 1000) * 1000);
    const wib = new Date(paidAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const r = await callbackSettledAt(orderId, wib);
    assert.equal(r.status, 200);
    const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.orderId, orderId));
    assert.equal(t!.paidAt!.toISOString(), paidAt.toISOString());
  });
});
