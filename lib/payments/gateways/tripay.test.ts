import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startFakeTripay } from '@/tests/support/gateways/tripay';
import type { GatewayFake } from '@/tests/support/gateways/types';
import { CallbackError, type CreatePaymentInput, type GatewayConfig, GatewayError } from '../types';
import { tripay } from './tripay';

let fake: GatewayFake;
before(async () => {
  fake = await startFakeTripay();
});
after(() => fake.close());

const configOf = (f: GatewayFake, credentials: Record<string, string> = {}): GatewayConfig => ({
  mode: 'sandbox',
  credentials: { ...f.credentials, ...credentials },
  baseUrl: f.url,
});
let counter = 0;
const input = (p: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  orderId: `JRG-TRIPAY${++counter}`,
  amount: 150_000,
  method: 'BRIVA',
  description: 'Invoice INV-1',
  customer: { name: 'Budi Santoso', email: 'budi@example.com', phone: '081234567890' },
  items: [{ name: 'Invoice INV-1', price: 150_000, quantity: 1 }],
  callbackUrl: 'https://isp.example/api/payments/tripay/callback',
  returnUrl: 'https://isp.example/i/token',
  expiresAt: new Date(Date.now() + 24 * 3600_000),
  ...p,
});
const lastRequest = (f: GatewayFake) => f.requests.at(-1)!;
const request = (headers: Record<string, string>, rawBody: string) => ({ rawBody, headers: new Headers(headers) });

async function rejects(promise: Promise<unknown>, code: GatewayError['code']) {
  const error = await promise.then(
    () => assert.fail('expected a GatewayError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof GatewayError, String(error));
  assert.equal(error.code, code, error.message);
  return error;
}

function callbackError(fn: () => unknown, reason: CallbackError['reason']) {
  assert.throws(fn, (e: unknown) => e instanceof CallbackError && e.reason === reason);
}

test('a transaction is signed as Tripay documents: HMAC-SHA256(merchant code + merchant_ref + amount, private key)', async () => {
  // The example from Tripay's "Buat Signature" section, with its published result.
  const documented = await startFakeTripay({ merchantCode: 'T0001', privateKey: 'ytf6ooi2gmlNPfpchd94jDOk8hRWOu' });
  try {
    const expiresAt = new Date(Date.now() + 6 * 3600_000);
    const result = await tripay.createPayment(
      configOf(documented),
      input({
        orderId: 'INV55567',
        amount: 1_500_000,
        items: [{ name: 'Paket 50 Mbps', price: 1_500_000, quantity: 1 }],
        expiresAt,
      }),
    );
    const sent = lastRequest(documented);
    assert.equal(sent.method, 'POST');
    assert.equal(sent.path, '/api-sandbox/transaction/create');
    assert.equal(sent.headers.authorization, `Bearer ${documented.credentials.apiKey}`);
    const body = JSON.parse(sent.body);
    assert.equal(body.signature, '9f167eba844d1fcb369404e2bda53702e2f78f7aa12e91da6715414e65b8c86a');
    assert.deepEqual(
      {
        method: body.method,
        merchant_ref: body.merchant_ref,
        amount: body.amount,
        expired_time: body.expired_time,
        customer_email: body.customer_email,
      },
      {
        method: 'BRIVA',
        merchant_ref: 'INV55567',
        amount: 1_500_000,
        expired_time: Math.floor(expiresAt.getTime() / 1000),
        customer_email: 'budi@example.com',
      },
    );
    assert.deepEqual(body.order_items, [{ name: 'Paket 50 Mbps', price: 1_500_000, quantity: 1 }]);

    const order = documented.orders.get('INV55567')!;
    assert.equal(result.reference, order.reference);
    assert.equal(result.status, 'pending');
    assert.deepEqual(result.instructions, {
      redirectUrl: order.raw.checkout_url,
      vaNumber: order.raw.pay_code,
      bank: 'bri',
    });
    assert.equal(result.expiresAt?.getTime(), Math.floor(expiresAt.getTime() / 1000) * 1000);
    assert.ok(!JSON.stringify(result.raw).includes(documented.credentials.privateKey));
  } finally {
    await documented.close();
  }
});

test('each kind of method gets what the customer needs; QRIS and e-wallets stay within their 60-minute limit', async () => {
  const qris = await tripay.createPayment(configOf(fake), input({ method: 'QRIS' }));
  assert.ok(qris.instructions.qrString?.startsWith('000201'));
  assert.ok(qris.instructions.redirectUrl);
  assert.ok(JSON.parse(lastRequest(fake).body).expired_time <= Math.floor(Date.now() / 1000) + 3600);

  for (const method of ['OVO', 'DANA', 'SHOPEEPAY']) {
    const wallet = await tripay.createPayment(configOf(fake), input({ method }));
    assert.ok(wallet.instructions.redirectUrl?.includes('/checkout/'), method);
    assert.ok(wallet.instructions.deeplinkUrl, method);
    assert.equal(wallet.instructions.vaNumber, undefined);
  }
  for (const method of ['ALFAMART', 'INDOMARET']) {
    const retail = await tripay.createPayment(configOf(fake), input({ method }));
    assert.match(retail.instructions.payCode ?? '', /^\d+$/, method);
    assert.equal(retail.instructions.vaNumber, undefined);
  }
  const va = await tripay.createPayment(configOf(fake), input({ method: 'MANDIRIVA' }));
  assert.equal(va.instructions.bank, 'mandiri');
  await rejects(tripay.createPayment(configOf(fake), input({ method: 'BITCOIN' })), 'rejected');
});

test('a callback verifies against HMAC-SHA256 of its raw body and reports what we charged, without the customer fee', () => {
  const privateKey = 'callback-private-key';
  // Written by hand (spacing included): the signature covers these exact bytes.
  const rawBody =
    '{"reference":"T0001000023000XXXXX", "merchant_ref":"JRG-CB1","payment_method":"BCA Virtual Account","payment_method_code":"BCAVA","total_amount":202500,"fee_merchant":2000,"fee_customer":2500,"total_fee":4500,"amount_received":198000,"is_closed_payment":1,"status":"PAID","paid_at":1608133017,"note":null}';
  const signature = createHmac('sha256', privateKey).update(rawBody).digest('hex');
  const req = request(
    { 'content-type': 'application/json', 'x-callback-event': 'payment_status', 'x-callback-signature': signature },
    rawBody,
  );
  const config: GatewayConfig = {
    mode: 'production',
    credentials: { merchantCode: 'T0001', apiKey: 'k', privateKey },
    baseUrl: 'https://unused.invalid',
  };

  assert.equal(tripay.parseCallbackOrderId(req), 'JRG-CB1');
  assert.deepEqual(tripay.handleCallback(config, req), {
    orderId: 'JRG-CB1',
    status: 'paid',
    amount: 200_000,
    currency: 'IDR',
    reference: 'T0001000023000XXXXX',
    paidAt: new Date(1608133017 * 1000),
    gatewayStatus: 'PAID',
  });
  assert.deepEqual(tripay.callbackAck(), { status: 200, body: { success: true } });

  callbackError(
    () => tripay.handleCallback(config, request({ 'x-callback-event': 'payment_status' }, rawBody)),
    'signature',
  );
  callbackError(
    () => tripay.handleCallback({ ...config, credentials: { ...config.credentials, privateKey: 'other' } }, req),
    'signature',
  );
  // The same JSON re-serialised, or with the amount changed after signing, is not what was signed.
  callbackError(
    () =>
      tripay.handleCallback(
        config,
        request({ 'x-callback-signature': signature }, JSON.stringify(JSON.parse(rawBody))),
      ),
    'signature',
  );
  callbackError(
    () =>
      tripay.handleCallback(
        config,
        request({ 'x-callback-signature': signature }, rawBody.replace('202500', '2025000')),
      ),
    'signature',
  );
  callbackError(
    () =>
      tripay.handleCallback(
        config,
        request({ 'x-callback-signature': signature, 'x-callback-event': 'other_event' }, rawBody),
      ),
    'malformed',
  );
});

test('callback statuses map to ours; unknown statuses and bodies without merchant_ref are malformed', async () => {
  const created = input();
  await tripay.createPayment(configOf(fake), created);
  const config = configOf(fake);
  const expected = {
    PAID: 'paid',
    EXPIRED: 'expired',
    FAILED: 'failed',
    REFUND: 'refunded',
    UNPAID: 'pending',
  } as const;
  for (const [word, status] of Object.entries(expected)) {
    const body = JSON.stringify({
      reference: 'R',
      merchant_ref: created.orderId,
      total_amount: 152_500,
      fee_customer: 2500,
      status: word,
      paid_at: null,
    });
    const signed = request(
      { 'x-callback-signature': createHmac('sha256', fake.credentials.privateKey).update(body).digest('hex') },
      body,
    );
    assert.equal(tripay.handleCallback(config, signed).status, status, word);
  }
  const sign = (body: string) =>
    request(
      { 'x-callback-signature': createHmac('sha256', fake.credentials.privateKey).update(body).digest('hex') },
      body,
    );
  callbackError(
    () =>
      tripay.handleCallback(
        config,
        sign(JSON.stringify({ merchant_ref: created.orderId, total_amount: 1, status: 'SETTLED' })),
      ),
    'malformed',
  );
  callbackError(
    () => tripay.parseCallbackOrderId(sign(JSON.stringify({ reference: 'R', status: 'PAID' }))),
    'malformed',
  );
  const broken = fake.malformed();
  callbackError(() => tripay.parseCallbackOrderId(request(broken.headers, broken.body)), 'malformed');
  callbackError(() => tripay.handleCallback(config, request(broken.headers, broken.body)), 'malformed');
});

test('callbacks from the stand-in: paid, expired, forged, a different amount', async () => {
  const created = input({
    amount: 275_000,
    items: [
      { name: 'Invoice', price: 250_000, quantity: 1 },
      { name: 'Biaya layanan', price: 25_000, quantity: 1 },
    ],
  });
  await tripay.createPayment(configOf(fake), created);
  const deliver = (c: { headers: Record<string, string>; body: string }) =>
    tripay.handleCallback(configOf(fake), request(c.headers, c.body));

  const paid = deliver(fake.callback(created.orderId, 'paid'));
  assert.deepEqual(
    [paid.status, paid.amount, paid.currency, paid.reference],
    ['paid', 275_000, 'IDR', fake.orders.get(created.orderId)!.reference],
  );
  assert.ok(paid.paidAt instanceof Date);
  assert.equal(deliver(fake.callback(created.orderId, 'paid', { amount: 1000 })).amount, 1000);
  assert.equal(deliver(fake.callback(created.orderId, 'expired')).status, 'expired');
  callbackError(() => deliver(fake.callback(created.orderId, 'paid', { forge: true })), 'signature');
  const unknown = fake.callbackForUnknown('JRG-NOPE', 5000);
  assert.equal(tripay.parseCallbackOrderId(request(unknown.headers, unknown.body)), 'JRG-NOPE');
  assert.equal(deliver(unknown).amount, 5000);
});

test('checkStatus reads the transaction detail by reference, or by merchant_ref when there is none', async () => {
  const created = input({ amount: 99_000, items: [{ name: 'Invoice', price: 99_000, quantity: 1 }] });
  const { reference } = await tripay.createPayment(configOf(fake), created);
  const pending = await tripay.checkStatus(configOf(fake), { orderId: created.orderId, reference });
  assert.deepEqual(
    [pending.status, pending.amount, pending.currency, pending.reference, pending.paidAt],
    ['pending', 99_000, 'IDR', reference, null],
  );
  assert.equal(lastRequest(fake).path, `/api-sandbox/transaction/detail?reference=${reference}`);

  fake.setStatus(created.orderId, 'paid');
  const paid = await tripay.checkStatus(configOf(fake), { orderId: created.orderId, reference });
  assert.equal(paid.status, 'paid');
  assert.ok(paid.paidAt instanceof Date);

  fake.setStatus(created.orderId, 'refunded');
  const byOrder = await tripay.checkStatus(configOf(fake), { orderId: created.orderId, reference: null });
  assert.deepEqual([byOrder.status, byOrder.reference, byOrder.amount], ['refunded', reference, 99_000]);
  assert.match(lastRequest(fake).path, /^\/api-sandbox\/merchant\/transactions\?merchant_ref=/);
});

test("refusals: a bad API key is unauthorized, other refusals carry Tripay's message, a closed port is unreachable", async () => {
  const wrongKey = configOf(fake, { apiKey: 'DEV-wrong' });
  const unauthorized = await rejects(tripay.createPayment(wrongKey, input()), 'unauthorized');
  assert.match(unauthorized.message, /Invalid API Key/);
  await rejects(tripay.checkStatus(wrongKey, { orderId: 'JRG-X', reference: 'DEV-T1' }), 'unauthorized');

  const before = fake.requests.length;
  const wrongPrivateKey = await rejects(
    tripay.createPayment(configOf(fake, { privateKey: 'not-the-key' }), input()),
    'rejected',
  );
  assert.match(wrongPrivateKey.message, /Invalid signature/);
  assert.equal(fake.requests.length, before + 1, 'creating a transaction is never retried');
  const noEmail = await rejects(
    tripay.createPayment(configOf(fake), input({ customer: { name: 'Budi', email: null, phone: null } })),
    'rejected',
  );
  assert.match(noEmail.message, /customer_email/);
  for (const error of [unauthorized, wrongPrivateKey, noEmail]) {
    for (const secret of [fake.credentials.privateKey, fake.credentials.apiKey, 'not-the-key'])
      assert.ok(!error.message.includes(secret));
  }
  await rejects(tripay.createPayment(configOf(fake, { privateKey: '' }), input()), 'unauthorized');

  const gone = await startFakeTripay();
  await gone.close();
  await rejects(tripay.createPayment(configOf(gone), input()), 'unreachable');
});

test('validateSettings asks for the payment channels with the API key', async () => {
  const good = await tripay.validateSettings!(configOf(fake));
  assert.deepEqual(good, { ok: true, detail: 'API key accepted; 11 payment channels active' });
  assert.equal(lastRequest(fake).path, '/api-sandbox/merchant/payment-channel');
  const bad = await tripay.validateSettings!(configOf(fake, { apiKey: 'DEV-wrong' }));
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && /Invalid API Key/.test(bad.reason) && !bad.reason.includes('DEV-wrong'));
});

test('every listed method is one the stand-in (and Tripay) knows', () => {
  assert.deepEqual(tripay.methods.map((m) => m.code).sort(), [
    'ALFAMART',
    'BCAVA',
    'BNIVA',
    'BRIVA',
    'DANA',
    'INDOMARET',
    'MANDIRIVA',
    'OVO',
    'PERMATAVA',
    'QRIS',
    'SHOPEEPAY',
  ]);
  assert.equal(tripay.refund, undefined);
});
