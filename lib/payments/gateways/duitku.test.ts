import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startFakeDuitku } from '@/tests/support/gateways/duitku';
import type { GatewayFake } from '@/tests/support/gateways/types';
import { CallbackError, type CreatePaymentInput, type GatewayConfig, GatewayError } from '../types';
import { duitku } from './duitku';

let fake: GatewayFake;
before(async () => {
  fake = await startFakeDuitku();
});
after(() => fake.close());

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const configOf = (f: GatewayFake, credentials: Record<string, string> = {}): GatewayConfig => ({
  mode: 'sandbox',
  credentials: { ...f.credentials, ...credentials },
  baseUrl: f.url,
});
let counter = 0;
const input = (p: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  orderId: `JRG-DUITKU${++counter}`,
  amount: 150_000,
  method: 'BC',
  description: 'Invoice INV-1',
  customer: { name: 'Budi Santoso', email: 'budi@example.com', phone: '081234567890' },
  items: [{ name: 'Invoice INV-1', price: 150_000, quantity: 1 }],
  callbackUrl: 'https://isp.example/api/payments/duitku/callback',
  returnUrl: 'https://isp.example/i/token',
  expiresAt: new Date(Date.now() + 24 * 3600_000),
  ...p,
});
const lastRequest = (f: GatewayFake) => f.requests.at(-1)!;
const form = (rawBody: string) => ({
  rawBody,
  headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
});
const deliver = (c: { headers: Record<string, string>; body: string }) => ({
  rawBody: c.body,
  headers: new Headers(c.headers),
});

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

test('an inquiry is signed MD5(merchantCode + merchantOrderId + paymentAmount + apiKey) and sent as DuitKu documents', async () => {
  const created = input({
    amount: 160_000,
    customer: { name: 'Budi Santoso bin Haji Abdullah', email: 'budi@example.com', phone: '0812' },
    items: [
      { name: 'Paket 10 Mbps', price: 75_000, quantity: 2 },
      { name: 'Biaya layanan', price: 10_000, quantity: 1 },
    ],
    expiresAt: new Date(Date.now() + 3 * 3600_000 + 30_000),
  });
  const result = await duitku.createPayment(configOf(fake), created);
  const sent = lastRequest(fake);
  assert.equal(sent.path, '/webapi/api/merchant/v2/inquiry');
  assert.equal(sent.headers.authorization, undefined);
  const body = JSON.parse(sent.body);
  assert.equal(
    body.signature,
    md5(`${fake.credentials.merchantCode}${created.orderId}160000${fake.credentials.apiKey}`),
  );
  assert.deepEqual(
    { ...body, signature: undefined },
    {
      merchantCode: fake.credentials.merchantCode,
      paymentAmount: 160_000,
      paymentMethod: 'BC',
      merchantOrderId: created.orderId,
      productDetails: 'Invoice INV-1',
      email: 'budi@example.com',
      phoneNumber: '0812',
      customerVaName: 'Budi Santoso bin Haj',
      // Prices are line totals: DuitKu adds them up to paymentAmount.
      itemDetails: [
        { name: 'Paket 10 Mbps', price: 150_000, quantity: 2 },
        { name: 'Biaya layanan', price: 10_000, quantity: 1 },
      ],
      callbackUrl: created.callbackUrl,
      returnUrl: created.returnUrl,
      expiryPeriod: 180,
      signature: undefined,
    },
  );
  const order = fake.orders.get(created.orderId)!;
  const response = order.raw.response as Record<string, string>;
  assert.equal(result.reference, order.reference);
  assert.equal(result.status, 'pending');
  assert.deepEqual(result.instructions, { redirectUrl: response.paymentUrl, vaNumber: response.vaNumber, bank: 'bca' });
  assert.ok(Math.abs(result.expiresAt!.getTime() - (Date.now() + 180 * 60_000)) < 5000);
  assert.ok(!JSON.stringify(result.raw).includes(fake.credentials.apiKey));
});

test('each kind of method gets what the customer needs; QRIS ShopeePay stays within its 60-minute limit', async () => {
  const qris = await duitku.createPayment(configOf(fake), input({ method: 'SP' }));
  assert.ok(qris.instructions.qrString?.startsWith('000201'));
  assert.equal(JSON.parse(lastRequest(fake).body).expiryPeriod, 60);
  assert.ok((await duitku.createPayment(configOf(fake), input({ method: 'NQ' }))).instructions.qrString);
  for (const method of ['OV', 'DA', 'SA']) {
    const wallet = await duitku.createPayment(configOf(fake), input({ method }));
    assert.ok(wallet.instructions.redirectUrl?.includes('topupdirectv2'), method);
    assert.equal(wallet.instructions.vaNumber, undefined);
  }
  for (const method of ['FT', 'IR']) {
    const retail = await duitku.createPayment(configOf(fake), input({ method }));
    assert.match(retail.instructions.payCode ?? '', /^\d+$/, method);
    assert.equal(retail.instructions.vaNumber, undefined);
  }
  for (const [method, bank] of [
    ['I1', 'bni'],
    ['BR', 'bri'],
    ['M2', 'mandiri'],
    ['BT', 'permata'],
  ]) {
    const va = await duitku.createPayment(configOf(fake), input({ method }));
    assert.deepEqual([va.instructions.bank, /^\d+$/.test(va.instructions.vaNumber ?? '')], [bank, true], method);
  }
  await rejects(duitku.createPayment(configOf(fake), input({ method: 'XX' })), 'rejected');
});

test("a callback verifies MD5(merchantCode + amount + merchantOrderId + apiKey): the vector from DuitKu's PHP library tests", () => {
  const config: GatewayConfig = {
    mode: 'sandbox',
    credentials: { merchantCode: 'D0001', apiKey: '732B39FC61796845775D2C4FB05332AF' },
    baseUrl: 'https://unused.invalid',
  };
  const fields = {
    merchantOrderId: '12345',
    resultCode: '00',
    merchantCode: 'D0001',
    amount: '10000',
    productDetail: '',
    paymentCode: 'BC',
    reference: 'D00015HL5BJKRM27MCUS',
    additionalParam: '',
    signature: '4104f20a70c933113c66c004fe25a9f1',
  };
  const req = form(new URLSearchParams(fields).toString());
  assert.equal(duitku.parseCallbackOrderId(req), '12345');
  assert.deepEqual(duitku.handleCallback(config, req), {
    orderId: '12345',
    status: 'paid',
    amount: 10_000,
    currency: 'IDR',
    reference: 'D00015HL5BJKRM27MCUS',
    paidAt: null,
    gatewayStatus: '00',
  });
  assert.equal(
    duitku.handleCallback(config, form(new URLSearchParams({ ...fields, resultCode: '01' }).toString())).status,
    'failed',
  );
  assert.deepEqual(duitku.callbackAck().status, 200);

  // A proxy that re-encodes the form as JSON: accepted when the content type says so.
  const json = {
    rawBody: JSON.stringify({ ...fields, amount: 10000 }),
    headers: new Headers({ 'content-type': 'application/json' }),
  };
  assert.equal(duitku.handleCallback(config, json).amount, 10_000);
  callbackError(
    () => duitku.parseCallbackOrderId({ rawBody: '{"merchantOrderId":', headers: json.headers }),
    'malformed',
  );

  callbackError(
    () => duitku.handleCallback(config, form(new URLSearchParams({ ...fields, amount: '100000' }).toString())),
    'signature',
  );
  callbackError(
    () =>
      duitku.handleCallback(
        config,
        form(new URLSearchParams({ ...fields, signature: md5('D000110000' + '12345' + 'guessed-key') }).toString()),
      ),
    'signature',
  );
  callbackError(
    () => duitku.handleCallback({ ...config, credentials: { ...config.credentials, merchantCode: 'D0002' } }, req),
    'signature',
  );
  callbackError(
    () => duitku.handleCallback(config, form(new URLSearchParams({ ...fields, resultCode: '07' }).toString())),
    'malformed',
  );
  const { signature: _, ...unsigned } = fields;
  callbackError(() => duitku.handleCallback(config, form(new URLSearchParams(unsigned).toString())), 'malformed');
});

test('callbacks from the stand-in: paid, expired, forged, a body missing its fields', async () => {
  const created = input({ amount: 275_000, items: [{ name: 'Invoice', price: 275_000, quantity: 1 }] });
  await duitku.createPayment(configOf(fake), created);
  const verify = (c: { headers: Record<string, string>; body: string }) =>
    duitku.handleCallback(configOf(fake), deliver(c));

  const paid = verify(fake.callback(created.orderId, 'paid'));
  assert.deepEqual(
    [paid.orderId, paid.status, paid.amount, paid.reference],
    [created.orderId, 'paid', 275_000, fake.orders.get(created.orderId)!.reference],
  );
  assert.equal(verify(fake.callback(created.orderId, 'paid', { amount: 1000 })).amount, 1000);
  assert.equal(verify(fake.callback(created.orderId, 'expired')).status, 'failed');
  callbackError(() => verify(fake.callback(created.orderId, 'paid', { forge: true })), 'signature');
  assert.equal(verify(fake.callbackForUnknown('JRG-NOPE', 5000)).orderId, 'JRG-NOPE');
  callbackError(() => duitku.parseCallbackOrderId(deliver(fake.malformed())), 'malformed');
  callbackError(() => verify(fake.malformed()), 'malformed');
});

test('checkStatus asks transactionStatus with MD5(merchantCode + merchantOrderId + apiKey)', async () => {
  const created = input({ amount: 99_000, items: [{ name: 'Invoice', price: 99_000, quantity: 1 }] });
  const { reference } = await duitku.createPayment(configOf(fake), created);
  const pending = await duitku.checkStatus(configOf(fake), { orderId: created.orderId, reference });
  assert.deepEqual(
    [pending.status, pending.amount, pending.currency, pending.reference],
    ['pending', 99_000, 'IDR', reference],
  );
  const sent = lastRequest(fake);
  assert.equal(sent.path, '/webapi/api/merchant/transactionStatus');
  assert.deepEqual(JSON.parse(sent.body), {
    merchantCode: fake.credentials.merchantCode,
    merchantOrderId: created.orderId,
    signature: md5(fake.credentials.merchantCode + created.orderId + fake.credentials.apiKey),
  });

  fake.setStatus(created.orderId, 'paid');
  assert.equal(
    (await duitku.checkStatus(configOf(fake), { orderId: created.orderId, reference: null })).status,
    'paid',
  );
  fake.setStatus(created.orderId, 'expired');
  assert.equal((await duitku.checkStatus(configOf(fake), { orderId: created.orderId, reference })).status, 'failed');
});

test("refusals: a wrong API key is unauthorized, other refusals carry DuitKu's message, a closed port is unreachable", async () => {
  const wrongKey = await rejects(
    duitku.createPayment(configOf(fake, { apiKey: 'wrong-api-key' }), input()),
    'unauthorized',
  );
  assert.match(wrongKey.message, /Wrong signature/);
  await rejects(
    duitku.checkStatus(configOf(fake, { apiKey: 'wrong-api-key' }), { orderId: 'JRG-X', reference: null }),
    'unauthorized',
  );
  const wrongMerchant = await rejects(
    duitku.createPayment(configOf(fake, { merchantCode: 'DS9999' }), input()),
    'rejected',
  );
  assert.match(wrongMerchant.message, /Merchant not found/);

  const created = input();
  await duitku.createPayment(configOf(fake), created);
  const duplicate = await rejects(duitku.createPayment(configOf(fake), created), 'rejected');
  assert.match(duplicate.message, /merchantOrderId/);
  const noEmail = await rejects(
    duitku.createPayment(configOf(fake), input({ customer: { name: 'Budi', email: null, phone: null } })),
    'rejected',
  );
  assert.match(noEmail.message, /Invalid Email Address/);
  for (const error of [wrongKey, wrongMerchant, duplicate, noEmail]) {
    for (const secret of [fake.credentials.apiKey, 'wrong-api-key']) assert.ok(!error.message.includes(secret));
  }
  await rejects(duitku.createPayment(configOf(fake, { apiKey: '' }), input()), 'unauthorized');

  const gone = await startFakeDuitku();
  await gone.close();
  await rejects(duitku.createPayment(configOf(gone), input()), 'unreachable');
});

test('validateSettings lists the payment methods, signed SHA-256(merchantcode + amount + datetime + apiKey)', async () => {
  assert.deepEqual(await duitku.validateSettings!(configOf(fake)), {
    ok: true,
    detail: 'Merchant code and API key accepted; 12 payment methods active',
  });
  const sent = JSON.parse(lastRequest(fake).body);
  assert.match(sent.datetime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(
    sent.signature,
    createHash('sha256')
      .update(`${fake.credentials.merchantCode}${sent.amount}${sent.datetime}${fake.credentials.apiKey}`)
      .digest('hex'),
  );
  assert.equal(sent.merchantcode, fake.credentials.merchantCode);

  const bad = await duitku.validateSettings!(configOf(fake, { apiKey: 'wrong-api-key' }));
  assert.ok(!bad.ok && /Wrong signature/.test(bad.reason) && !bad.reason.includes('wrong-api-key'));
});

test('every listed method is one the stand-in (and DuitKu) knows', () => {
  assert.deepEqual(duitku.methods.map((m) => m.code).sort(), [
    'BC',
    'BR',
    'BT',
    'DA',
    'FT',
    'I1',
    'IR',
    'M2',
    'NQ',
    'OV',
    'SA',
    'SP',
  ]);
  assert.equal(duitku.refund, undefined);
});
