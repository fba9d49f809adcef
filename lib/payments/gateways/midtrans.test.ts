import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startFakeMidtrans } from '@/tests/support/gateways/midtrans';
import type { GatewayFake } from '@/tests/support/gateways/types';
import { CallbackError, type CreatePaymentInput, type GatewayConfig, GatewayError } from '../types';
import { midtrans } from './midtrans';
import { amountOf, formatWib, parseWib, statusOf } from './midtrans-wire';

const KEY = 'SB-Mid-server-TEST-KEY';
const config = (over: Partial<GatewayConfig> = {}): GatewayConfig => ({
  mode: 'sandbox',
  credentials: { serverKey: KEY },
  baseUrl: 'http://127.0.0.1:9',
  ...over,
});
const request = (body: unknown) => ({
  rawBody: typeof body === 'string' ? body : JSON.stringify(body),
  headers: new Headers({ 'content-type': 'application/json' }),
});
const sha512 = (s: string) => createHash('sha512').update(s).digest('hex');

/** A notification as Midtrans documents it, signed over order_id + status_code + gross_amount + key. */
function notification(over: Record<string, unknown> = {}, key = KEY) {
  const body: Record<string, unknown> = {
    transaction_time: '2024-07-04 10:53:53',
    settlement_time: '2024-07-04 11:00:00',
    transaction_status: 'settlement',
    transaction_id: 'a3b75ca9-8b52-445b-99c8-c2cc742a0991',
    status_message: 'midtrans payment notification',
    status_code: '200',
    payment_type: 'bank_transfer',
    order_id: 'INV-2024-0001',
    merchant_id: 'G772349112',
    gross_amount: '145000.00',
    fraud_status: 'accept',
    currency: 'IDR',
    ...over,
  };
  if (!('signature_key' in over))
    body.signature_key = sha512(
      `${String(body.order_id)}${String(body.status_code)}${String(body.gross_amount)}${key}`,
    );
  return body;
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CallbackError, String(error));
    return error.reason;
  }
  return 'accepted';
}

describe('midtrans notifications', () => {
  test('a correctly signed settlement is paid, with WIB times read as +07:00', () => {
    // Independent vector: the documented concatenation hashed here, not by the module.
    const signature = sha512(`INV-2024-0001200145000.00${KEY}`);
    const verdict = midtrans.handleCallback(config(), request(notification({ signature_key: signature })));
    assert.deepEqual(verdict, {
      orderId: 'INV-2024-0001',
      status: 'paid',
      amount: 145000,
      currency: 'IDR',
      reference: 'a3b75ca9-8b52-445b-99c8-c2cc742a0991',
      paidAt: new Date('2024-07-04T04:00:00.000Z'),
      gatewayStatus: 'settlement',
    });
  });

  test('a forged, missing or other-key signature is refused', () => {
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request(notification({}, 'SB-Mid-server-OTHER')))),
      'signature',
    );
    const unsigned = notification();
    delete unsigned.signature_key;
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request(unsigned))),
      'signature',
    );
    // The amount is part of what is signed: changing it breaks the signature.
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request({ ...notification(), gross_amount: '1.00' }))),
      'signature',
    );
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config({ credentials: {} }), request(notification()))),
      'signature',
    );
  });

  test('status table', () => {
    const cases: [string, string | undefined, string][] = [
      ['capture', 'accept', 'paid'],
      ['capture', 'challenge', 'pending'],
      ['settlement', undefined, 'paid'],
      ['pending', undefined, 'pending'],
      ['deny', undefined, 'failed'],
      ['cancel', undefined, 'failed'],
      ['failure', undefined, 'failed'],
      ['expire', undefined, 'expired'],
      ['refund', undefined, 'refunded'],
      ['partial_refund', undefined, 'partially_refunded'],
    ];
    for (const [transactionStatus, fraud, expected] of cases) {
      const verdict = midtrans.handleCallback(
        config(),
        request(notification({ transaction_status: transactionStatus, fraud_status: fraud, status_code: '202' })),
      );
      assert.equal(verdict.status, expected, transactionStatus);
      assert.equal(verdict.gatewayStatus, transactionStatus);
      assert.equal(verdict.paidAt === null, expected !== 'paid');
    }
    assert.equal(statusOf('something_new'), null);
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request(notification({ transaction_status: 'something_new' })))),
      'malformed',
    );
  });

  test('amounts must be whole rupiah; currency defaults to IDR only when absent', () => {
    assert.equal(amountOf('10000.00'), 10000);
    assert.equal(amountOf('10000'), 10000);
    assert.equal(amountOf('10000.50'), null);
    assert.equal(amountOf('1e4'), null);
    assert.equal(amountOf('abc'), null);
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request(notification({ gross_amount: '10000.50' })))),
      'malformed',
    );
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request(notification({ gross_amount: 'ten' })))),
      'malformed',
    );
    const noCurrency = notification();
    delete noCurrency.currency;
    assert.equal(midtrans.handleCallback(config(), request(noCurrency)).currency, 'IDR');
    assert.equal(midtrans.handleCallback(config(), request(notification({ currency: 'USD' }))).currency, 'USD');
  });

  test('the order id is read without a key; bad JSON or no order id is malformed', () => {
    assert.equal(midtrans.parseCallbackOrderId(request(notification())), 'INV-2024-0001');
    assert.equal(
      reasonOf(() => midtrans.parseCallbackOrderId(request('{"order_id":'))),
      'malformed',
    );
    assert.equal(
      reasonOf(() => midtrans.parseCallbackOrderId(request({ status_code: '200' }))),
      'malformed',
    );
    assert.equal(
      reasonOf(() => midtrans.handleCallback(config(), request('not json'))),
      'malformed',
    );
  });

  test('WIB times', () => {
    assert.deepEqual(parseWib('2024-07-05 10:53:53'), new Date('2024-07-05T03:53:53Z'));
    assert.equal(parseWib('2024-07-05T10:53:53Z'), null);
    assert.equal(formatWib(new Date('2016-12-07T04:54:12Z')), '2016-12-07 11:54:12 +0700');
  });
});

describe('midtrans API against the stand-in', () => {
  let fake: GatewayFake;
  let live: GatewayConfig;
  before(async () => {
    fake = await startFakeMidtrans();
    live = { mode: 'sandbox', credentials: fake.credentials, baseUrl: fake.url };
  });
  after(() => fake.close());

  let seq = 0;
  const input = (method: string, over: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderId: `JR-MT-${Date.now().toString(36).toUpperCase()}-${++seq}`,
    amount: 150000,
    method,
    description: 'Internet April 2024 - Paket 20 Mbps',
    customer: { name: 'Budi Utomo', email: 'budi@example.com', phone: '081234567890' },
    items: [
      { name: 'Paket 20 Mbps', price: 145000, quantity: 1 },
      { name: 'Biaya layanan', price: 5000, quantity: 1 },
    ],
    callbackUrl: 'https://isp.example/api/payments/midtrans/callback',
    returnUrl: 'https://isp.example/i/abc',
    expiresAt: new Date(Date.now() + 24 * 3_600_000),
    ...over,
  });
  const lastRequest = () => fake.requests.at(-1)!;

  test('a VA charge sends the documented request and returns the VA number', async () => {
    const i = input('bca_va');
    const result = await midtrans.createPayment(live, i);
    const req = lastRequest();
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/v2/charge');
    assert.equal(
      req.headers.authorization,
      `Basic ${Buffer.from(`${fake.credentials.serverKey}:`).toString('base64')}`,
    );
    assert.equal(req.headers['x-override-notification'], i.callbackUrl);
    const body = JSON.parse(req.body);
    assert.equal(body.payment_type, 'bank_transfer');
    assert.deepEqual(body.bank_transfer, { bank: 'bca' });
    assert.deepEqual(body.transaction_details, { order_id: i.orderId, gross_amount: 150000 });
    assert.deepEqual(body.customer_details, {
      first_name: 'Budi Utomo',
      email: 'budi@example.com',
      phone: '081234567890',
    });
    assert.equal(body.item_details.length, 2);
    assert.equal(body.custom_expiry.unit, 'minute');
    assert.ok(body.custom_expiry.expiry_duration >= 1439 && body.custom_expiry.expiry_duration <= 1440);
    assert.match(body.custom_expiry.order_time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0700$/);

    assert.equal(result.status, 'pending');
    assert.equal(result.reference, fake.orders.get(i.orderId)!.reference);
    assert.equal(result.instructions.bank, 'bca');
    assert.match(result.instructions.vaNumber ?? '', /^\d{16}$/);
    assert.ok(result.expiresAt && Math.abs(result.expiresAt.getTime() - i.expiresAt.getTime()) < 120_000);
    assert.ok(!JSON.stringify(result.raw).includes(fake.credentials.serverKey!));
  });

  test('each method kind yields what the customer needs', async () => {
    const permata = await midtrans.createPayment(live, input('permata_va'));
    assert.equal(permata.instructions.bank, 'permata');
    assert.match(permata.instructions.vaNumber ?? '', /^8778\d{12}$/);

    const bill = await midtrans.createPayment(live, input('mandiri_bill'));
    assert.equal(JSON.parse(lastRequest().body).payment_type, 'echannel');
    assert.equal(bill.instructions.billerCode, '70012');
    assert.match(bill.instructions.payCode ?? '', /^\d{12}$/);

    const qris = await midtrans.createPayment(live, input('qris'));
    assert.deepEqual(JSON.parse(lastRequest().body).qris, { acquirer: 'gopay' });
    assert.match(qris.instructions.qrString ?? '', /^000201/);

    const gopay = await midtrans.createPayment(live, input('gopay'));
    assert.deepEqual(JSON.parse(lastRequest().body).gopay, {
      enable_callback: true,
      callback_url: 'https://isp.example/i/abc',
    });
    assert.match(gopay.instructions.deeplinkUrl ?? '', /^gojek:\/\//);

    const shopee = await midtrans.createPayment(
      live,
      input('shopeepay', { expiresAt: new Date(Date.now() + 3 * 86_400_000) }),
    );
    assert.match(shopee.instructions.deeplinkUrl ?? '', /^https:\/\//);
    assert.equal(JSON.parse(lastRequest().body).custom_expiry.expiry_duration, 1440); // ShopeePay takes at most a day

    const indomaret = await midtrans.createPayment(live, input('indomaret'));
    assert.deepEqual(JSON.parse(lastRequest().body).cstore, { store: 'indomaret', message: 'Internet April 2024 ' });
    assert.match(indomaret.instructions.payCode ?? '', /^\d{16}$/);

    const alfamart = await midtrans.createPayment(live, input('alfamart'));
    assert.equal(JSON.parse(lastRequest().body).cstore.store, 'alfamart');
    assert.ok(alfamart.instructions.payCode);
  });

  test('refusals: duplicate order id, unknown method, invalid amount', async () => {
    const i = input('bni_va');
    await midtrans.createPayment(live, i);
    await assert.rejects(
      midtrans.createPayment(live, i),
      (e) => e instanceof GatewayError && e.code === 'rejected' && e.httpStatus === 406 && /order ID/.test(e.message),
    );
    await assert.rejects(
      midtrans.createPayment(live, input('ovo')),
      (e) => e instanceof GatewayError && e.code === 'rejected',
    );
    const uneven = input('bri_va', { amount: 150001 });
    await assert.rejects(
      midtrans.createPayment(live, uneven),
      (e) => e instanceof GatewayError && e.code === 'rejected' && /sum of item_details/.test(e.message),
    );
  });

  test('a bad key is unauthorized and never echoed', async () => {
    const bad = { ...live, credentials: { serverKey: 'SB-Mid-server-WRONG' } };
    await assert.rejects(
      midtrans.createPayment(bad, input('bca_va')),
      (e) => e instanceof GatewayError && e.code === 'unauthorized' && !e.message.includes('WRONG'),
    );
    await assert.rejects(
      midtrans.checkStatus(bad, { orderId: 'X', reference: null }),
      (e) => e instanceof GatewayError && e.code === 'unauthorized',
    );
  });

  test('checkStatus follows the gateway, including the paid time', async () => {
    const i = input('bca_va');
    await midtrans.createPayment(live, i);
    const pending = await midtrans.checkStatus(live, { orderId: i.orderId, reference: null });
    assert.equal(pending.status, 'pending');
    assert.equal(pending.amount, 150000);
    assert.equal(pending.paidAt, null);
    fake.setStatus(i.orderId, 'paid');
    const paid = await midtrans.checkStatus(live, { orderId: i.orderId, reference: null });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.currency, 'IDR');
    assert.ok(paid.paidAt && Math.abs(paid.paidAt.getTime() - Date.now()) < 5_000);
    fake.setStatus(i.orderId, 'expired');
    assert.equal((await midtrans.checkStatus(live, { orderId: i.orderId, reference: null })).status, 'expired');
    await assert.rejects(
      midtrans.checkStatus(live, { orderId: 'NO-SUCH-ORDER', reference: null }),
      (e) => e instanceof GatewayError && e.code === 'rejected' && e.httpStatus === 404,
    );
  });

  test('refund: e-money after payment works, a bank transfer is refused by the gateway', async () => {
    const wallet = input('gopay');
    await midtrans.createPayment(live, wallet);
    fake.setStatus(wallet.orderId, 'paid');
    const done = await midtrans.refund!(live, {
      orderId: wallet.orderId,
      reference: null,
      amount: 50000,
      reason: 'Double payment',
    });
    assert.ok(done.reference);
    const sent = JSON.parse(lastRequest().body);
    assert.equal(lastRequest().path, `/v2/${wallet.orderId}/refund`);
    assert.deepEqual({ amount: sent.amount, reason: sent.reason }, { amount: 50000, reason: 'Double payment' });
    assert.match(sent.refund_key, new RegExp(`^${wallet.orderId}-R1$`));
    assert.equal(
      (await midtrans.checkStatus(live, { orderId: wallet.orderId, reference: null })).status,
      'partially_refunded',
      '50,000 of the order went back: a partial refund',
    );

    const va = input('bca_va');
    await midtrans.createPayment(live, va);
    fake.setStatus(va.orderId, 'paid');
    await assert.rejects(
      midtrans.refund!(live, { orderId: va.orderId, reference: null, amount: 150000, reason: 'x' }),
      (e) => e instanceof GatewayError && e.code === 'rejected' && /not supported/.test(e.message),
    );
  });

  test('validateSettings: key accepted, key refused (with a hint about the mode)', async () => {
    const ok = await midtrans.validateSettings!(live);
    assert.equal(ok.ok, true);
    assert.match(lastRequest().path, /^\/v2\/JARING-CHECK-[0-9A-F]+\/status$/);
    const bad = await midtrans.validateSettings!({ ...live, credentials: { serverKey: 'Mid-server-PRODUCTION' } });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && /production key/.test(bad.reason) && !bad.reason.includes('Mid-server-PRODUCTION'));
  });

  test("the stand-in's notifications verify, forged ones do not", async () => {
    const i = input('bri_va');
    await midtrans.createPayment(live, i);
    const paid = fake.callback(i.orderId, 'paid');
    const req = { rawBody: paid.body, headers: new Headers(paid.headers) };
    assert.equal(midtrans.parseCallbackOrderId(req), i.orderId);
    const verdict = midtrans.handleCallback(live, req);
    assert.deepEqual(
      [verdict.status, verdict.amount, verdict.reference],
      ['paid', 150000, fake.orders.get(i.orderId)!.reference],
    );
    assert.equal(
      midtrans.handleCallback(live, { rawBody: fake.callback(i.orderId, 'expired').body, headers: new Headers() })
        .status,
      'expired',
    );
    assert.equal(
      midtrans.handleCallback(live, {
        rawBody: fake.callback(i.orderId, 'paid', { amount: 1000 }).body,
        headers: new Headers(),
      }).amount,
      1000,
    );
    const forged = fake.callback(i.orderId, 'paid', { forge: true });
    assert.equal(
      reasonOf(() => midtrans.handleCallback(live, { rawBody: forged.body, headers: new Headers(forged.headers) })),
      'signature',
    );
    assert.equal(
      reasonOf(() => midtrans.parseCallbackOrderId({ rawBody: fake.malformed().body, headers: new Headers() })),
      'malformed',
    );
  });
});

describe('midtrans transport failures', () => {
  test('a closed port is unreachable', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    await assert.rejects(
      midtrans.checkStatus(config({ baseUrl: `http://127.0.0.1:${port}` }), { orderId: 'X', reference: null }),
      (e) => e instanceof GatewayError && e.code === 'unreachable',
    );
  });

  test('a server that never answers times out after the configured timeout', async () => {
    const server = http.createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    try {
      await assert.rejects(
        midtrans.checkStatus(config({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 150 }), {
          orderId: 'X',
          reference: null,
        }),
        (e) => e instanceof GatewayError && e.code === 'timeout',
      );
      assert.ok(Date.now() - started < 5_000); // 3 attempts × 150 ms + back-off
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
