/**
 * Tripay closed payments (https://tripay.co.id/developer): one transaction per order, paid
 * through a virtual account, QRIS, an e-wallet or a retail outlet. Requests carry the API
 * key as a bearer token; a new transaction is signed with the private key, and so is every
 * callback (over its raw body).
 */
import { expectOk, type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import { hmacHex, safeEqual } from '@/lib/payments/signature';
import {
  CallbackError,
  type CallbackRequest,
  type GatewayConfig,
  GatewayError,
  type GatewayMethod,
  type GatewayStatus,
  type PaymentGateway,
  type PaymentInstructions,
} from '@/lib/payments/types';
import { callbackJson, callbackOrderId } from './json';

const METHODS = [
  { code: 'QRIS', kind: 'qris', label: 'QRIS' },
  { code: 'BRIVA', kind: 'va', label: 'BRI Virtual Account' },
  { code: 'BNIVA', kind: 'va', label: 'BNI Virtual Account' },
  { code: 'BCAVA', kind: 'va', label: 'BCA Virtual Account' },
  { code: 'MANDIRIVA', kind: 'va', label: 'Mandiri Virtual Account' },
  { code: 'PERMATAVA', kind: 'va', label: 'Permata Virtual Account' },
  { code: 'OVO', kind: 'ewallet', label: 'OVO' },
  { code: 'DANA', kind: 'ewallet', label: 'DANA' },
  { code: 'SHOPEEPAY', kind: 'ewallet', label: 'ShopeePay' },
  { code: 'ALFAMART', kind: 'retail', label: 'Alfamart' },
  { code: 'INDOMARET', kind: 'retail', label: 'Indomaret' },
] as const satisfies readonly GatewayMethod[];

const BANKS: Record<string, string> = {
  BRIVA: 'bri',
  BNIVA: 'bni',
  BCAVA: 'bca',
  MANDIRIVA: 'mandiri',
  PERMATAVA: 'permata',
};

/** Longest payment window per channel, from Tripay's channel table; others allow 30 days. */
const MAX_EXPIRY_MINUTES: Record<string, number> = { QRIS: 60, DANA: 60, SHOPEEPAY: 60, BNIVA: 1440, ALFAMART: 1440 };
const DEFAULT_MAX_EXPIRY_MINUTES = 43_200;

const STATUSES: Record<string, GatewayStatus> = {
  PAID: 'paid',
  EXPIRED: 'expired',
  FAILED: 'failed',
  REFUND: 'refunded',
  UNPAID: 'pending',
};

type Data = Record<string, unknown>;

export const tripay: PaymentGateway = {
  name: 'tripay',
  label: 'Tripay',
  credentialFields: [
    { key: 'merchantCode', secret: false, labelKey: 'merchantCode' },
    { key: 'apiKey', secret: true, labelKey: 'apiKey' },
    { key: 'privateKey', secret: true, labelKey: 'privateKey' },
  ],
  baseUrls: { sandbox: 'https://tripay.co.id/api-sandbox', production: 'https://tripay.co.id/api' },
  methods: METHODS,

  parseCallbackOrderId(req) {
    return tripayOrderId(parseBody(req.rawBody));
  },

  handleCallback(config, req) {
    verifyCallbackSignature(config, req);
    // Tripay documents one event; anything else is not a payment status we can apply.
    const event = req.headers.get('x-callback-event');
    if (event !== null && event !== 'payment_status')
      throw new CallbackError('malformed', `unexpected callback event ${event}`);
    const body = parseBody(req.rawBody);
    const status = STATUSES[String(body.status)];
    if (!status) throw new CallbackError('malformed', `unknown status ${String(body.status)}`);
    const total = integer(body.total_amount);
    const customerFee = integer(body.fee_customer ?? 0);
    if (total === null || customerFee === null)
      throw new CallbackError('malformed', 'total_amount or fee_customer is not an integer');
    return {
      orderId: tripayOrderId(body),
      status,
      // Tripay adds its customer fee on top of what we asked for; we compare what we asked.
      amount: total - customerFee,
      currency: 'IDR',
      reference: text(body.reference),
      paidAt: unixDate(body.paid_at),
      gatewayStatus: String(body.status),
    };
  },

  callbackAck() {
    return { status: 200, body: { success: true } };
  },

  async createPayment(config, input) {
    const { merchantCode, apiKey, privateKey } = credentials(config, ['merchantCode', 'apiKey', 'privateKey']);
    const method = METHODS.find((m) => m.code === input.method);
    if (!method) throw new GatewayError('rejected', `Tripay has no method ${input.method}`);
    const res = await gatewayRequest({
      method: 'POST',
      url: `${config.baseUrl}/transaction/create`,
      headers: bearer(apiKey),
      json: {
        method: input.method,
        merchant_ref: input.orderId,
        amount: input.amount,
        customer_name: input.customer.name,
        customer_email: input.customer.email ?? undefined,
        customer_phone: input.customer.phone ?? undefined,
        order_items: input.items.map((i) => ({ name: i.name, price: i.price, quantity: i.quantity })),
        callback_url: input.callbackUrl,
        return_url: input.returnUrl,
        expired_time: expiryTime(input.method, input.expiresAt),
        signature: hmacHex('sha256', privateKey, merchantCode + input.orderId + input.amount),
      },
      // Tripay does not refuse a repeated merchant_ref, so a retry could open a second bill.
      idempotent: false,
    });
    const data = record(tripayData(res, 'Tripay transaction/create'), 'Tripay transaction/create');
    return {
      reference: text(data.reference),
      status: STATUSES[String(data.status)] ?? 'pending',
      instructions: instructionsFor(method.kind, input.method, data),
      expiresAt: unixDate(data.expired_time),
      raw: res.body,
    };
  },

  async checkStatus(config, tx) {
    const { apiKey } = credentials(config, ['apiKey']);
    const { data, raw } = tx.reference
      ? await detailByReference(config, apiKey, tx.reference)
      : await latestByOrderId(config, apiKey, tx.orderId);
    if (data.merchant_ref !== tx.orderId)
      throw new GatewayError(
        'bad_response',
        `Tripay answered for order ${String(data.merchant_ref)}, not ${tx.orderId}`,
      );
    const status = STATUSES[String(data.status)];
    if (!status) throw new GatewayError('bad_response', `Tripay status ${String(data.status)} is unknown`);
    const amount = integer(data.amount);
    const customerFee = integer(data.fee_customer ?? 0);
    return {
      status,
      amount: amount === null || customerFee === null ? null : amount - customerFee,
      currency: 'IDR',
      reference: text(data.reference),
      paidAt: unixDate(data.paid_at),
      raw,
    };
  },

  async validateSettings(config) {
    try {
      const { apiKey } = credentials(config, ['apiKey']);
      const res = await gatewayRequest({
        method: 'GET',
        url: `${config.baseUrl}/merchant/payment-channel`,
        headers: bearer(apiKey),
        idempotent: true,
      });
      const channels = tripayData(res, 'Tripay merchant/payment-channel');
      if (!Array.isArray(channels))
        throw new GatewayError('bad_response', 'Tripay merchant/payment-channel: data is not a list');
      const active = channels.filter((c) => (c as Data)?.active === true).length;
      // Only the API key can be checked without creating a transaction; the private key and
      // merchant code are first used by a payment.
      return { ok: true, detail: `API key accepted; ${active} payment channels active` };
    } catch (error) {
      if (error instanceof GatewayError) return { ok: false, reason: error.message };
      throw error;
    }
  },
};

function verifyCallbackSignature(config: GatewayConfig, req: CallbackRequest) {
  const given = req.headers.get('x-callback-signature');
  if (!given) throw new CallbackError('signature', 'X-Callback-Signature missing');
  const privateKey = config.credentials.privateKey;
  if (!privateKey) throw new CallbackError('signature', 'no private key configured');
  // Signed over the exact bytes sent: re-serialising the JSON would change them.
  if (!safeEqual(hmacHex('sha256', privateKey, req.rawBody), given))
    throw new CallbackError('signature', 'X-Callback-Signature does not match');
}

const parseBody = (rawBody: string): Data => callbackJson(rawBody, 'Tripay callback');
const tripayOrderId = (body: Data) => callbackOrderId(body, 'merchant_ref', 'Tripay callback');

async function detailByReference(config: GatewayConfig, apiKey: string, reference: string) {
  const url = `${config.baseUrl}/transaction/detail?${new URLSearchParams({ reference })}`;
  const res = await gatewayRequest({ method: 'GET', url, headers: bearer(apiKey), idempotent: true });
  return { data: record(tripayData(res, 'Tripay transaction/detail'), 'Tripay transaction/detail'), raw: res.body };
}

/** Without a reference (its create call never answered) the order is found by merchant_ref. */
async function latestByOrderId(config: GatewayConfig, apiKey: string, orderId: string) {
  const url = `${config.baseUrl}/merchant/transactions?${new URLSearchParams({ merchant_ref: orderId, sort: 'desc' })}`;
  const res = await gatewayRequest({ method: 'GET', url, headers: bearer(apiKey), idempotent: true });
  const list = tripayData(res, 'Tripay merchant/transactions');
  if (!Array.isArray(list)) throw new GatewayError('bad_response', 'Tripay merchant/transactions: data is not a list');
  if (!list.length) throw new GatewayError('rejected', `Tripay has no transaction for order ${orderId}`);
  return { data: record(list[0], 'Tripay merchant/transactions'), raw: res.body };
}

/**
 * Tripay answers `{success, message, data}`. Its documentation shows a bad key only as
 * `{"success":false,"message":"Invalid API Key"}`, so that message counts as unauthorized
 * whatever the HTTP status.
 */
function tripayData(res: GatewayResponse, what: string): unknown {
  const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Data;
  const message = typeof body.message === 'string' ? body.message : '';
  if (res.status === 401 || res.status === 403 || (body.success === false && /api key/i.test(message))) {
    throw new GatewayError('unauthorized', `${what}: ${message || `HTTP ${res.status}`}`, res.status, res.body);
  }
  if (body.success === false)
    throw new GatewayError('rejected', `${what}: ${message || `HTTP ${res.status}`}`, res.status, res.body);
  expectOk(res, what);
  if (body.success !== true) throw new GatewayError('bad_response', `${what}: no success flag`, res.status, res.body);
  return body.data;
}

function instructionsFor(kind: GatewayMethod['kind'], code: string, data: Data): PaymentInstructions {
  const out: PaymentInstructions = {};
  const checkoutUrl = text(data.checkout_url);
  if (checkoutUrl) out.redirectUrl = checkoutUrl;
  const payCode = text(data.pay_code);
  if (kind === 'va' && payCode) Object.assign(out, { vaNumber: payCode, bank: BANKS[code] });
  if (kind === 'retail' && payCode) out.payCode = payCode;
  if (kind === 'qris' && text(data.qr_string)) out.qrString = text(data.qr_string)!;
  if (kind === 'ewallet' && text(data.pay_url)) out.deeplinkUrl = text(data.pay_url)!;
  return out;
}

function expiryTime(method: string, expiresAt: Date): number {
  const latest = Date.now() + (MAX_EXPIRY_MINUTES[method] ?? DEFAULT_MAX_EXPIRY_MINUTES) * 60_000;
  return Math.floor(Math.min(expiresAt.getTime(), latest) / 1000);
}

function credentials<K extends string>(config: GatewayConfig, keys: K[]): Record<K, string> {
  const missing = keys.filter((k) => !config.credentials[k]);
  if (missing.length)
    throw new GatewayError('unauthorized', `Tripay credentials incomplete: ${missing.join(', ')} missing`);
  return Object.fromEntries(keys.map((k) => [k, config.credentials[k]])) as Record<K, string>;
}

function bearer(apiKey: string) {
  return { authorization: `Bearer ${apiKey}` };
}

function record(value: unknown, what: string): Data {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Data;
  throw new GatewayError('bad_response', `${what}: data is not an object`);
}

/** Tripay sends numbers, but its examples also show numeric strings (`"paid_at": "1582856000"`). */
function integer(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value ? value : null;
}

function unixDate(value: unknown): Date | null {
  const seconds = integer(value);
  return seconds && seconds > 0 ? new Date(seconds * 1000) : null;
}
