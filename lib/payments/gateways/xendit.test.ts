import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { GatewayFake } from '@/tests/support/gateways/types';
import { startFakeXendit } from '@/tests/support/gateways/xendit';
import { CallbackError, type CreatePaymentInput, type GatewayConfig, GatewayError } from '../types';
import { xendit } from './xendit';
import { amountOf, isoDate, statusOf } from './xendit-wire';

const TOKEN = 'cb-token-0123456789abcdef';
const config = (over: Partial<GatewayConfig> = {}): GatewayConfig => ({
  mode: 'sandbox',
  credentials: { secretKey: 'xnd_development_TEST', callbackToken: TOKEN },
  baseUrl: 'http://127.0.0.1:9',
  ...over,
});
const callbackBody = (over: Record<string, unknown> = {}) => ({
  id: '579c8d61f23fa4ca35e52da4',
  external_id: 'INV-2024-0001',
  user_id: '5781d19b2e2385880609791c',
  is_high: true,
  payment_method: 'BANK_TRANSFER',
  status: 'PAID',
  merchant_name: 'Xendit',
  amount: 50000,
  paid_amount: 50000,
  bank_code: 'PERMATA',
  paid_at: '2016-10-12T08:15:03.404Z',
  payer_email: 'wildan@xendit.co',
  description: 'This is a description',
  currency: 'IDR',
  payment_channel: 'PERMATA',
  payment_destination: '888888888888',
  updated: '2016-10-10T08:15:03.404Z',
  created: '2016-10-10T08:15:03.404Z',
  ...over,
});
const request = (body: unknown, token: string | null = TOKEN) => ({
  rawBody: typeof body === 'string' ? body : JSON.stringify(body),
  headers: new Headers(
    token === null
      ? { 'content-type': 'application/json' }
      : { 'content-type': 'application/json', 'x-callback-token': token },
  ),
});

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CallbackError, String(error));
    return error.reason;
  }
  return 'accepted';
}

describe('xendit callbacks', () => {
  test('a callback with the account token is verified and normalised', () => {
    assert.deepEqual(xendit.handleCallback(config(), request(callbackBody())), {
      orderId: 'INV-2024-0001',
      status: 'paid',
      amount: 50000,
      currency: 'IDR',
      reference: '579c8d61f23fa4ca35e52da4',
      paidAt: new Date('2016-10-12T08:15:03.404Z'),
      gatewayStatus: 'PAID',
    });
  });

  test('a wrong, missing or unconfigured token is refused', () => {
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request(callbackBody(), 'cb-token-0123456789abcdeX'))),
      'signature',
    );
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request(callbackBody(), 'short'))),
      'signature',
    );
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request(callbackBody(), null))),
      'signature',
    );
    assert.equal(
      reasonOf(() => xendit.handleCallback(config({ credentials: { secretKey: 'x' } }), request(callbackBody()))),
      'signature',
    );
    // The token is checked before the body is read: a forged malformed body is still "forged".
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request('not json', 'nope'))),
      'signature',
    );
  });

  test('status table', () => {
    for (const [status, expected] of [
      ['PAID', 'paid'],
      ['SETTLED', 'paid'],
      ['EXPIRED', 'expired'],
      ['PENDING', 'pending'],
    ] as const) {
      const verdict = xendit.handleCallback(config(), request(callbackBody({ status })));
      assert.equal(verdict.status, expected, status);
      assert.equal(verdict.gatewayStatus, status);
    }
    assert.equal(statusOf('VOIDED'), null);
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request(callbackBody({ status: 'VOIDED' })))),
      'malformed',
    );
  });

  test('amount: paid_amount when present, else amount; fractions refused; currency defaults only when absent', () => {
    assert.equal(xendit.handleCallback(config(), request(callbackBody({ paid_amount: 49000 }))).amount, 49000);
    const expired = callbackBody({ status: 'EXPIRED' });
    delete (expired as Record<string, unknown>).paid_amount;
    assert.equal(xendit.handleCallback(config(), request(expired)).amount, 50000);
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request(callbackBody({ paid_amount: 50000.5 })))),
      'malformed',
    );
    assert.equal(
      reasonOf(() =>
        xendit.handleCallback(config(), request(callbackBody({ amount: '50000', paid_amount: undefined }))),
      ),
      'malformed',
    );
    assert.equal(amountOf(10000), 10000);
    assert.equal(amountOf(10000.01), null);
    const noCurrency = callbackBody();
    delete (noCurrency as Record<string, unknown>).currency;
    assert.equal(xendit.handleCallback(config(), request(noCurrency)).currency, 'IDR');
    assert.equal(xendit.handleCallback(config(), request(callbackBody({ currency: 'PHP' }))).currency, 'PHP');
  });

  test('the order id is external_id; bad JSON or none is malformed', () => {
    assert.equal(xendit.parseCallbackOrderId(request(callbackBody(), null)), 'INV-2024-0001');
    assert.equal(
      reasonOf(() => xendit.parseCallbackOrderId(request('{"external_id":'))),
      'malformed',
    );
    assert.equal(
      reasonOf(() => xendit.parseCallbackOrderId(request({ id: 'x' }))),
      'malformed',
    );
    assert.equal(
      reasonOf(() => xendit.handleCallback(config(), request('{'))),
      'malformed',
    );
  });

  test('ISO dates', () => {
    assert.deepEqual(isoDate('2024-07-05T03:53:53.000Z'), new Date('2024-07-05T03:53:53Z'));
    assert.deepEqual(isoDate('2024-07-05T10:53:53+07:00'), new Date('2024-07-05T03:53:53Z'));
    assert.equal(isoDate('2024-07-05 10:53:53'), null);
  });
});

describe('xendit API against the stand-in', () => {
  let fake: GatewayFake;
  let live: GatewayConfig;
  before(async () => {
    fake = await startFakeXendit();
    live = { mode: 'sandbox', credentials: fake.credentials, baseUrl: fake.url };
  });
  after(() => fake.close());

  let seq = 0;
  const input = (method: string, over: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderId: `JR-XD-${Date.now().toString(36).toUpperCase()}-${++seq}`,
    amount: 150000,
    method,
    description: 'Internet April 2024 - Paket 20 Mbps',
    customer: { name: 'Budi Utomo', email: 'budi@example.com', phone: '0812-3456-7890' },
    items: [
      { name: 'Paket 20 Mbps', price: 145000, quantity: 1 },
      { name: 'Biaya layanan', price: 5000, quantity: 1 },
    ],
    callbackUrl: 'https://isp.example/api/payments/xendit/callback',
    returnUrl: 'https://isp.example/i/abc',
    expiresAt: new Date(Date.now() + 2 * 3_600_000),
    ...over,
  });
  const lastRequest = () => fake.requests.at(-1)!;

  test('an invoice is created as documented and the customer is sent to its page', async () => {
    const i = input('BCA');
    const result = await xendit.createPayment(live, i);
    const req = lastRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/v2/invoices');
    assert.equal(
      req.headers.authorization,
      `Basic ${Buffer.from(`${fake.credentials.secretKey}:`).toString('base64')}`,
    );
    assert.equal(req.headers['x-idempotency-key'], i.orderId);
    const body = JSON.parse(req.body);
    assert.equal(body.external_id, i.orderId);
    assert.equal(body.amount, 150000);
    assert.equal(body.currency, 'IDR');
    assert.deepEqual(body.payment_methods, ['BCA']);
    assert.ok(body.invoice_duration >= 7190 && body.invoice_duration <= 7200);
    assert.deepEqual(body.customer, {
      given_names: 'Budi Utomo',
      email: 'budi@example.com',
      mobile_number: '+6281234567890',
    });
    assert.deepEqual(body.items[1], { name: 'Biaya layanan', quantity: 1, price: 5000 });
    assert.equal(body.success_redirect_url, i.returnUrl);
    assert.equal(body.failure_redirect_url, i.returnUrl);

    assert.equal(result.status, 'pending');
    assert.equal(result.reference, fake.orders.get(i.orderId)!.reference);
    assert.match(result.instructions.redirectUrl ?? '', /^https:\/\/checkout-staging\.xendit\.co\/web\//);
    assert.ok(result.expiresAt && Math.abs(result.expiresAt.getTime() - i.expiresAt.getTime()) < 5_000);
    assert.ok(!JSON.stringify(result.raw).includes(fake.credentials.secretKey!));
  });

  test('every method kind makes a checkout limited to that channel', async () => {
    for (const method of ['QRIS', 'OVO', 'SHOPEEPAY', 'INDOMARET', 'MANDIRI']) {
      const result = await xendit.createPayment(
        live,
        input(method, { customer: { name: 'Siti', email: null, phone: null } }),
      );
      const body = JSON.parse(lastRequest().body);
      assert.deepEqual(body.payment_methods, [method]);
      assert.deepEqual(body.customer, { given_names: 'Siti' });
      assert.ok(result.instructions.redirectUrl);
    }
    await assert.rejects(
      xendit.createPayment(live, input('bca_va')),
      (e) => e instanceof GatewayError && e.code === 'rejected',
    );
  });

  test('a repeated create (same idempotency key) gives back the invoice already made', async () => {
    const i = input('DANA');
    const first = await xendit.createPayment(live, i);
    const again = await xendit.createPayment(live, i);
    assert.equal(again.reference, first.reference);
    assert.equal(fake.requests.at(-2)!.path, '/v2/invoices'); // refused 409 …
    assert.equal(lastRequest().path, `/v2/invoices?external_id=${i.orderId}`); // … then looked up
  });

  test('a bad key is unauthorized and never echoed', async () => {
    const bad = { ...live, credentials: { secretKey: 'xnd_development_WRONG', callbackToken: 'x' } };
    await assert.rejects(
      xendit.createPayment(bad, input('BCA')),
      (e) =>
        e instanceof GatewayError &&
        e.code === 'unauthorized' &&
        /INVALID_API_KEY/.test(e.message) &&
        !e.message.includes('WRONG'),
    );
  });

  test('checkStatus by reference and by order id, after the gateway changes', async () => {
    const i = input('QRIS');
    const created = await xendit.createPayment(live, i);
    const pending = await xendit.checkStatus(live, { orderId: i.orderId, reference: created.reference });
    assert.deepEqual([pending.status, pending.amount, pending.paidAt], ['pending', 150000, null]);
    assert.equal(lastRequest().path, `/v2/invoices/${created.reference}`);
    fake.setStatus(i.orderId, 'paid');
    const paid = await xendit.checkStatus(live, { orderId: i.orderId, reference: null });
    assert.equal(lastRequest().path, `/v2/invoices?external_id=${i.orderId}`);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.reference, created.reference);
    assert.ok(paid.paidAt && Math.abs(paid.paidAt.getTime() - Date.now()) < 5_000);
    await assert.rejects(
      xendit.checkStatus(live, { orderId: 'X', reference: 'no-such-invoice' }),
      (e) => e instanceof GatewayError && e.code === 'rejected' && e.httpStatus === 404,
    );
    await assert.rejects(
      xendit.checkStatus(live, { orderId: 'NO-SUCH-ORDER', reference: null }),
      (e) => e instanceof GatewayError && e.code === 'rejected',
    );
  });

  test('refund: an e-wallet payment is refunded, a VA payment is refused by the gateway (403 is not a key problem)', async () => {
    const wallet = input('OVO');
    const created = await xendit.createPayment(live, wallet);
    fake.setStatus(wallet.orderId, 'paid');
    const done = await xendit.refund!(live, {
      orderId: wallet.orderId,
      reference: created.reference,
      amount: 50000,
      reason: 'Double payment',
    });
    assert.match(done.reference ?? '', /^rfd-/);
    const req = lastRequest();
    assert.equal(req.path, '/refunds');
    const body = JSON.parse(req.body);
    assert.equal(req.headers['idempotency-key'], body.reference_id);
    assert.deepEqual(
      { invoice_id: body.invoice_id, amount: body.amount, reason: body.reason, metadata: body.metadata },
      { invoice_id: created.reference, amount: 50000, reason: 'OTHERS', metadata: { note: 'Double payment' } },
    );

    const va = input('BNI');
    await xendit.createPayment(live, va);
    fake.setStatus(va.orderId, 'paid');
    await assert.rejects(
      xendit.refund!(live, { orderId: va.orderId, reference: null, amount: 150000, reason: 'x' }),
      (e) => e instanceof GatewayError && e.code === 'rejected' && /REFUND_NOT_SUPPORTED/.test(e.message),
    );
  });

  test('validateSettings: key accepted, key refused, key of the other mode, no callback token', async () => {
    assert.deepEqual(await xendit.validateSettings!(live), {
      ok: true,
      detail: 'Xendit accepted the secret key (test mode)',
    });
    assert.equal(lastRequest().path, '/balance');
    const bad = await xendit.validateSettings!({
      ...live,
      credentials: { secretKey: 'xnd_development_WRONG', callbackToken: 't' },
    });
    assert.ok(!bad.ok && /INVALID_API_KEY/.test(bad.reason));
    assert.equal((await xendit.validateSettings!({ ...live, mode: 'production' })).ok, false);
    assert.equal(
      (await xendit.validateSettings!({ ...live, credentials: { secretKey: fake.credentials.secretKey! } })).ok,
      false,
    );
  });

  test("the stand-in's callbacks verify, forged ones do not", async () => {
    const i = input('SHOPEEPAY');
    const created = await xendit.createPayment(live, i);
    const paid = fake.callback(i.orderId, 'paid');
    const req = { rawBody: paid.body, headers: new Headers(paid.headers) };
    assert.equal(xendit.parseCallbackOrderId(req), i.orderId);
    const verdict = xendit.handleCallback(live, req);
    assert.deepEqual([verdict.status, verdict.amount, verdict.reference], ['paid', 150000, created.reference]);
    const expired = fake.callback(i.orderId, 'expired');
    assert.equal(
      xendit.handleCallback(live, { rawBody: expired.body, headers: new Headers(expired.headers) }).status,
      'expired',
    );
    const forged = fake.callback(i.orderId, 'paid', { forge: true });
    assert.equal(
      reasonOf(() => xendit.handleCallback(live, { rawBody: forged.body, headers: new Headers(forged.headers) })),
      'signature',
    );
    assert.throws(() => fake.callback(i.orderId, 'failed'), /no failed state/);
    assert.throws(() => fake.setStatus(i.orderId, 'refunded'), /leaves the invoice PAID/);
    const bad = fake.malformed();
    assert.equal(
      reasonOf(() => xendit.handleCallback(live, { rawBody: bad.body, headers: new Headers(bad.headers) })),
      'malformed',
    );
  });
});

describe('xendit transport failures', () => {
  test('a closed port is unreachable', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    await assert.rejects(
      xendit.checkStatus(config({ baseUrl: `http://127.0.0.1:${port}` }), { orderId: 'X', reference: 'abc' }),
      (e) => e instanceof GatewayError && e.code === 'unreachable',
    );
  });

  test('a server that never answers times out after the configured timeout', async () => {
    const server = http.createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const started = Date.now();
      await assert.rejects(
        xendit.checkStatus(config({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 150 }), {
          orderId: 'X',
          reference: 'abc',
        }),
        (e) => e instanceof GatewayError && e.code === 'timeout',
      );
      assert.ok(Date.now() - started < 5_000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
