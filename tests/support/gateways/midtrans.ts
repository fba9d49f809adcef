/**
 * A Midtrans Core API stand-in: /v2/charge, /v2/{order}/status and /v2/{order}/refund with
 * Basic auth on the server key, answers in Midtrans' shape (errors as a status_code in the
 * body, often under HTTP 200), and notifications signed the documented way:
 * SHA-512(order_id + status_code + gross_amount + server key).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { basicAuth, type FakeAnswer, type FakeRequest, parseJson, startJsonServer } from './loopback-json';
import type { FakeCallback, GatewayFake } from './types';

type Json = Record<string, unknown>;
type Tx = {
  orderId: string;
  id: string;
  paymentType: string;
  method: string;
  amount: number;
  status: string;
  body: Json;
  settledAt?: Date;
  refunded: number;
};

const BANKS = ['bca', 'bni', 'bri', 'permata', 'cimb'];
const STORES = ['indomaret', 'alfamart'];
const PAYMENT_TYPES = ['bank_transfer', 'echannel', 'qris', 'gopay', 'shopeepay', 'cstore'];
// Only e-money, QRIS and cards can be refunded; transfers and counter payments cannot.
const REFUNDABLE = new Set(['gopay', 'shopeepay', 'qris', 'credit_card']);
const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };
// Get-status answers carry a status_code per state (407 for expired, by Midtrans' own quirk).
const STATUS_CODES: Record<string, string> = {
  pending: '201',
  settlement: '200',
  expire: '407',
  deny: '202',
  refund: '200',
  partial_refund: '200',
};

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
/** "YYYY-MM-DD HH:mm:ss" in WIB (UTC+7), as Midtrans writes times. */
const wib = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
const error = (httpStatus: number, code: string, message: string, extra: Json = {}): FakeAnswer => ({
  status: httpStatus,
  body: { status_code: code, status_message: message, id: randomUUID(), ...extra },
});

function validateCharge(b: Json): string[] {
  const td = (b.transaction_details ?? {}) as Json;
  const messages: string[] = [];
  if (!PAYMENT_TYPES.includes(String(b.payment_type))) messages.push('payment_type is not supported');
  if (typeof td.order_id !== 'string' || td.order_id === '' || td.order_id.length > 50)
    messages.push('transaction_details.order_id is required');
  if (!Number.isSafeInteger(td.gross_amount) || (td.gross_amount as number) < 1)
    messages.push('transaction_details.gross_amount must be a positive whole number');
  if (Array.isArray(b.item_details)) {
    const sum = (b.item_details as Json[]).reduce((s, i) => s + Number(i.price) * Number(i.quantity), 0);
    if (sum !== td.gross_amount)
      messages.push('transaction_details.gross_amount is not equal to the sum of item_details');
  }
  if (b.payment_type === 'bank_transfer' && !BANKS.includes(String((b.bank_transfer as Json | undefined)?.bank)))
    messages.push('bank_transfer.bank is invalid');
  if (b.payment_type === 'echannel' && !(b.echannel as Json | undefined)?.bill_info1)
    messages.push('echannel.bill_info1 is required');
  if (b.payment_type === 'cstore' && !STORES.includes(String((b.cstore as Json | undefined)?.store)))
    messages.push('cstore.store is invalid');
  const expiry = b.custom_expiry as Json | undefined;
  if (expiry && (!Number.isSafeInteger(Number(expiry.expiry_duration)) || !UNIT_MS[String(expiry.unit ?? 'minute')]))
    messages.push('custom_expiry is invalid');
  return messages;
}

/** What each payment type adds to the charge answer: the numbers and links the customer uses. */
function paymentDetails(b: Json, id: string, url: string): Json {
  switch (b.payment_type) {
    case 'bank_transfer': {
      const bank = String((b.bank_transfer as Json).bank);
      return bank === 'permata'
        ? { permata_va_number: `8778${digits(12)}` }
        : { va_numbers: [{ bank, va_number: `${digits(5)}${digits(11)}` }] };
    }
    case 'echannel':
      return { bill_key: digits(12), biller_code: '70012' };
    case 'cstore':
      return { payment_code: digits(16), store: (b.cstore as Json).store };
    case 'qris':
      return {
        acquirer: 'gopay',
        qr_string: `00020101021226620014COM.GO-JEK.WWW0118936009140${digits(9)}5204581453033605802ID6304${digits(4)}`,
        actions: [{ name: 'generate-qr-code', method: 'GET', url: `${url}/v2/qris/${id}/qr-code` }],
      };
    case 'gopay':
      return {
        actions: [
          { name: 'generate-qr-code', method: 'GET', url: `${url}/v2/gopay/${id}/qr-code` },
          {
            name: 'deeplink-redirect',
            method: 'GET',
            url: `gojek://gopay/merchanttransfer?tref=${id}&amount=${String((b.transaction_details as Json).gross_amount)}`,
          },
          { name: 'get-status', method: 'GET', url: `${url}/v2/${id}/status` },
          { name: 'cancel', method: 'POST', url: `${url}/v2/${id}/cancel` },
        ],
      };
    default:
      return {
        actions: [
          {
            name: 'deeplink-redirect',
            method: 'GET',
            url: `https://wsa.wallet.airpay.co.id/universal-link/wallet/pay?ref=${id}`,
          },
        ],
      };
  }
}

function methodOf(b: Json): string {
  if (b.payment_type === 'bank_transfer') return `${String((b.bank_transfer as Json).bank)}_va`;
  if (b.payment_type === 'echannel') return 'mandiri_bill';
  if (b.payment_type === 'cstore') return String((b.cstore as Json).store);
  return String(b.payment_type);
}

/** `live`: hand out a production server key (Mid-server-…) instead of a sandbox one (SB-Mid-server-…). */
export async function startFakeMidtrans(opts: { live?: boolean } = {}): Promise<GatewayFake> {
  const credentials = {
    serverKey: `${opts.live ? '' : 'SB-'}Mid-server-${randomBytes(12).toString('base64url')}`,
    merchantId: `G${digits(9)}`,
  };
  const txs = new Map<string, Tx>();
  const orders: GatewayFake['orders'] = new Map();
  let refundSeq = 0;
  let baseUrl = '';

  const save = (tx: Tx) => {
    txs.set(tx.orderId, tx);
    orders.set(tx.orderId, { reference: tx.id, amount: tx.amount, method: tx.method, status: tx.status, raw: tx.body });
  };

  function charge(req: FakeRequest): FakeAnswer {
    const b = parseJson(req.body);
    if (!b) return error(400, '400', 'Request body is not valid JSON');
    const messages = validateCharge(b);
    if (messages.length)
      return error(400, '400', 'One or more parameters in the payload is invalid.', { validation_messages: messages });
    const td = b.transaction_details as Json;
    const orderId = String(td.order_id);
    if (txs.has(orderId)) return error(200, '406', 'order_id has been paid and utilized, please use another order ID');
    const id = randomUUID();
    const now = new Date();
    const expiry = b.custom_expiry as Json | undefined;
    const ttl = expiry
      ? Number(expiry.expiry_duration) * UNIT_MS[String(expiry.unit ?? 'minute')]!
      : b.payment_type === 'shopeepay'
        ? 300_000
        : 86_400_000;
    const body: Json = {
      status_code: '201',
      status_message: `Success, ${String(b.payment_type)} transaction is created`,
      transaction_id: id,
      order_id: orderId,
      merchant_id: credentials.merchantId,
      gross_amount: `${Number(td.gross_amount)}.00`,
      currency: 'IDR',
      payment_type: b.payment_type,
      transaction_time: wib(now),
      transaction_status: 'pending',
      fraud_status: 'accept',
      expiry_time: wib(new Date(now.getTime() + ttl)),
      ...paymentDetails(b, id, baseUrl),
    };
    save({
      orderId,
      id,
      paymentType: String(b.payment_type),
      method: methodOf(b),
      amount: Number(td.gross_amount),
      status: 'pending',
      body,
      refunded: 0,
    });
    return { status: 200, body };
  }

  function statusBody(tx: Tx): Json {
    const { actions: _actions, ...numbers } = tx.body;
    return {
      ...numbers,
      status_code: STATUS_CODES[tx.status] ?? '200',
      status_message: 'Success, transaction is found',
      transaction_status: tx.status,
      ...(tx.settledAt ? { settlement_time: wib(tx.settledAt) } : {}),
    };
  }

  function refund(tx: Tx, req: FakeRequest): FakeAnswer {
    const b = parseJson(req.body) ?? {};
    if (tx.status !== 'settlement' && tx.status !== 'partial_refund')
      return error(200, '412', 'Transaction status cannot be updated.');
    if (!REFUNDABLE.has(tx.paymentType))
      return error(200, '412', `Refund is not supported for payment type ${tx.paymentType}.`);
    const amount = b.amount === undefined ? tx.amount - tx.refunded : Number(b.amount);
    if (!Number.isSafeInteger(amount) || amount < 1 || amount > tx.amount - tx.refunded)
      return error(200, '412', 'Refund amount is greater than the refundable amount.');
    tx.refunded += amount;
    save({ ...tx, status: tx.refunded === tx.amount ? 'refund' : 'partial_refund' });
    return {
      status: 200,
      body: {
        status_code: '200',
        status_message: 'Success, refund request is approved',
        transaction_id: tx.id,
        order_id: tx.orderId,
        payment_type: tx.paymentType,
        transaction_time: tx.body.transaction_time,
        transaction_status: txs.get(tx.orderId)!.status,
        gross_amount: `${tx.amount}.00`,
        refund_chargeback_id: ++refundSeq,
        refund_amount: `${amount}.00`,
        refund_key: typeof b.refund_key === 'string' ? b.refund_key : `refund-${refundSeq}`,
      },
    };
  }

  function route(req: FakeRequest): FakeAnswer {
    if (req.headers.authorization !== basicAuth(credentials.serverKey)) {
      return error(401, '401', 'Access denied due to unauthorized transaction, please check client or server key');
    }
    if (req.method === 'POST' && req.path === '/v2/charge') return charge(req);
    const m = /^\/v2\/([^/]+)\/(status|refund)$/.exec(req.path);
    if (!m) return error(404, '404', 'The requested resource is not found');
    const tx = txs.get(decodeURIComponent(m[1]!)) ?? [...txs.values()].find((t) => t.id === m[1]);
    if (!tx) return error(200, '404', "Transaction doesn't exist.");
    if (m[2] === 'status' && req.method === 'GET') return { status: 200, body: statusBody(tx) };
    if (m[2] === 'refund' && req.method === 'POST') return refund(tx, req);
    return error(405, '405', 'Method not allowed');
  }

  function notification(
    tx: Pick<Tx, 'orderId' | 'id' | 'paymentType' | 'body'>,
    transactionStatus: string,
    statusCode: string,
    amount: number,
    opts: { forge?: boolean; currency?: string },
  ): FakeCallback {
    const grossAmount = `${amount}.00`;
    const key = opts.forge ? `SB-Mid-server-${randomBytes(12).toString('base64url')}` : credentials.serverKey;
    const { actions: _a, status_code: _s, status_message: _m, expiry_time: _e, ...numbers } = tx.body;
    const now = new Date();
    const body = {
      ...numbers,
      transaction_time: tx.body.transaction_time ?? wib(now),
      transaction_status: transactionStatus,
      transaction_id: tx.id,
      status_message: 'midtrans payment notification',
      status_code: statusCode,
      signature_key: createHash('sha512').update(`${tx.orderId}${statusCode}${grossAmount}${key}`).digest('hex'),
      payment_type: tx.paymentType,
      order_id: tx.orderId,
      merchant_id: credentials.merchantId,
      gross_amount: grossAmount,
      fraud_status: 'accept',
      currency: opts.currency ?? 'IDR',
      ...(transactionStatus === 'settlement' ? { settlement_time: wib(now) } : {}),
    };
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  const OUTCOMES = { paid: ['settlement', '200'], expired: ['expire', '202'], failed: ['deny', '202'] } as const;
  const server = await startJsonServer(route);
  baseUrl = server.url;

  return {
    name: 'midtrans',
    url: server.url,
    credentials,
    orders,
    requests: server.requests,
    callback(orderId, outcome, opts = {}) {
      const tx = txs.get(orderId);
      if (!tx) throw new Error(`fake Midtrans has no order ${orderId}`);
      const [status, code] = OUTCOMES[outcome];
      return notification(tx, status, code, opts.amount ?? tx.amount, opts);
    },
    callbackForUnknown(orderId, amount) {
      return notification(
        {
          orderId,
          id: randomUUID(),
          paymentType: 'bank_transfer',
          body: { va_numbers: [{ bank: 'bca', va_number: digits(16) }] },
        },
        'settlement',
        '200',
        amount,
        {},
      );
    },
    malformed: () => ({
      headers: { 'content-type': 'application/json' },
      body: '{"order_id": "ORDER-1", "status_code": ',
    }),
    setStatus(orderId, outcome) {
      const tx = txs.get(orderId);
      if (!tx) throw new Error(`fake Midtrans has no order ${orderId}`);
      const status = { paid: 'settlement', expired: 'expire', failed: 'deny', refunded: 'refund' }[outcome];
      save({
        ...tx,
        status,
        settledAt: outcome === 'paid' ? new Date() : tx.settledAt,
        refunded: outcome === 'refunded' ? tx.amount : tx.refunded,
      });
    },
    close: server.close,
  };
}
