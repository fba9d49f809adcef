/**
 * DuitKu API v2 (https://docs.duitku.com/api/en/): a transaction per merchant order id, paid
 * through a virtual account, QRIS, an e-wallet or a retail outlet. There is no auth header:
 * every request carries a signature of its key fields with the API key appended, and the
 * callback (a form post) is signed the same way.
 */
import { expectOk, type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import { hashHex, safeEqual } from '@/lib/payments/signature';
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
import { callbackJson } from './json';

const METHODS = [
  { code: 'SP', kind: 'qris', label: 'QRIS (ShopeePay)' },
  { code: 'NQ', kind: 'qris', label: 'QRIS (Nobu)' },
  { code: 'BC', kind: 'va', label: 'BCA Virtual Account' },
  { code: 'I1', kind: 'va', label: 'BNI Virtual Account' },
  { code: 'BR', kind: 'va', label: 'BRI Virtual Account' },
  { code: 'M2', kind: 'va', label: 'Mandiri Virtual Account' },
  { code: 'BT', kind: 'va', label: 'Permata Virtual Account' },
  { code: 'OV', kind: 'ewallet', label: 'OVO' },
  { code: 'DA', kind: 'ewallet', label: 'DANA' },
  { code: 'SA', kind: 'ewallet', label: 'ShopeePay' },
  { code: 'FT', kind: 'retail', label: 'Pegadaian / Alfamart / Pos Indonesia' },
  { code: 'IR', kind: 'retail', label: 'Indomaret' },
] as const satisfies readonly GatewayMethod[];

const BANKS: Record<string, string> = { BC: 'bca', I1: 'bni', BR: 'bri', M2: 'mandiri', BT: 'permata' };

/** Longest expiryPeriod per channel from DuitKu's table; VA and retail have no stated limit. */
const MAX_EXPIRY_MINUTES: Record<string, number> = { SP: 60, SA: 60, NQ: 1440, OV: 1440, DA: 1440 };

/** Check Transaction: 00 success, 01 pending, 02 canceled (which includes expired). */
const STATUS_CODES: Record<string, GatewayStatus> = { '00': 'paid', '01': 'pending', '02': 'failed' };
/** Callback resultCode: 00 success, 01 failed. */
const RESULT_CODES: Record<string, GatewayStatus> = { '00': 'paid', '01': 'failed' };

/** Any amount works for the payment-method lookup; DuitKu's own example uses 10000. */
const PROBE_AMOUNT = 10_000;

type Data = Record<string, unknown>;

export const duitku: PaymentGateway = {
  name: 'duitku',
  label: 'DuitKu',
  credentialFields: [
    { key: 'merchantCode', secret: false, labelKey: 'merchantCode' },
    { key: 'apiKey', secret: true, labelKey: 'apiKey' },
  ],
  baseUrls: {
    sandbox: 'https://sandbox.duitku.com/webapi/api/merchant',
    production: 'https://passport.duitku.com/webapi/api/merchant',
  },
  methods: METHODS,

  parseCallbackOrderId(req) {
    const orderId = callbackFields(req).merchantOrderId;
    if (!orderId) throw new CallbackError('malformed', 'merchantOrderId missing');
    return orderId;
  },

  handleCallback(config, req) {
    const f = callbackFields(req);
    // As DuitKu's sample handler: a post without these four is a bad request, not a forgery.
    if (!f.merchantCode || !f.amount || !f.merchantOrderId || !f.signature)
      throw new CallbackError('malformed', 'merchantCode, amount, merchantOrderId or signature missing');
    const { merchantCode, apiKey } = config.credentials;
    if (!merchantCode || !apiKey) throw new CallbackError('signature', 'no merchant code or API key configured');
    if (f.merchantCode !== merchantCode) throw new CallbackError('signature', 'callback is for another merchant code');
    // The amount is signed as DuitKu wrote it, so it is hashed as text, not re-formatted.
    if (!safeEqual(hashHex('md5', f.merchantCode + f.amount + f.merchantOrderId + apiKey), f.signature))
      throw new CallbackError('signature', 'signature does not match');
    const status = RESULT_CODES[f.resultCode ?? ''];
    if (!status) throw new CallbackError('malformed', `unknown resultCode ${f.resultCode ?? '(none)'}`);
    const amount = integer(f.amount);
    if (amount === null) throw new CallbackError('malformed', `amount ${f.amount} is not whole rupiah`);
    // The callback says nothing of when it was paid (settlementDate is the payout estimate).
    return {
      orderId: f.merchantOrderId,
      status,
      amount,
      currency: 'IDR',
      reference: f.reference || null,
      paidAt: null,
      gatewayStatus: f.resultCode!,
    };
  },

  // resultCode is outside the signature: the core confirms "paid" with transactionStatus.
  confirmCallbacks: 'paid',

  callbackAck() {
    // DuitKu only looks for HTTP 200 and resends otherwise; the body is not read.
    return { status: 200, body: { success: true } };
  },

  async createPayment(config, input) {
    const { merchantCode, apiKey } = credentials(config);
    const method = METHODS.find((m) => m.code === input.method);
    if (!method) throw new GatewayError('rejected', `DuitKu has no method ${input.method}`);
    const minutes = expiryMinutes(input.method, input.expiresAt);
    const res = await gatewayRequest({
      method: 'POST',
      url: `${config.baseUrl}/v2/inquiry`,
      json: {
        merchantCode,
        paymentAmount: input.amount,
        paymentMethod: input.method,
        merchantOrderId: input.orderId,
        productDetails: input.description.slice(0, 255),
        email: input.customer.email ?? undefined,
        phoneNumber: input.customer.phone ?? undefined,
        // Shown on the bank's confirmation screen; DuitKu takes at most 20 characters.
        customerVaName: input.customer.name.slice(0, 20),
        // DuitKu checks that the item prices add up to paymentAmount (its own example sends
        // line totals, 10000 + 30000 for 40000 with quantities 1 and 3), so price is the line total.
        itemDetails: input.items.map((i) => ({
          name: i.name.slice(0, 255),
          price: i.price * i.quantity,
          quantity: i.quantity,
        })),
        callbackUrl: input.callbackUrl,
        returnUrl: input.returnUrl,
        expiryPeriod: minutes,
        signature: hashHex('md5', merchantCode + input.orderId + input.amount + apiKey),
      },
      // DuitKu refuses a merchantOrderId it has seen, so a repeat cannot open a second bill.
      idempotent: true,
    });
    const body = duitkuBody(res, 'DuitKu v2/inquiry');
    if (body.statusCode !== '00')
      throw new GatewayError(
        'rejected',
        `DuitKu v2/inquiry: ${text(body.statusMessage) ?? `statusCode ${String(body.statusCode)}`}`,
        res.status,
        body,
      );
    return {
      reference: text(body.reference),
      status: 'pending',
      instructions: instructionsFor(method.kind, input.method, body),
      expiresAt: new Date(Date.now() + minutes * 60_000),
      raw: body,
    };
  },

  async checkStatus(config, tx) {
    const { merchantCode, apiKey } = credentials(config);
    const res = await gatewayRequest({
      method: 'POST',
      url: `${config.baseUrl}/transactionStatus`,
      json: {
        merchantCode,
        merchantOrderId: tx.orderId,
        signature: hashHex('md5', merchantCode + tx.orderId + apiKey),
      },
      idempotent: true,
    });
    const body = duitkuBody(res, 'DuitKu transactionStatus');
    if (body.merchantOrderId !== undefined && body.merchantOrderId !== tx.orderId) {
      throw new GatewayError(
        'bad_response',
        `DuitKu answered for order ${String(body.merchantOrderId)}, not ${tx.orderId}`,
      );
    }
    const status = STATUS_CODES[String(body.statusCode)];
    if (!status)
      throw new GatewayError(
        'bad_response',
        `DuitKu statusCode ${String(body.statusCode)} is unknown`,
        res.status,
        body,
      );
    return {
      status,
      amount: integer(body.amount),
      currency: 'IDR',
      reference: text(body.reference),
      paidAt: null,
      raw: body,
    };
  },

  async validateSettings(config) {
    try {
      const { merchantCode, apiKey } = credentials(config);
      const datetime = jakartaTime(new Date());
      const res = await gatewayRequest({
        method: 'POST',
        url: `${config.baseUrl}/paymentmethod/getpaymentmethod`,
        json: {
          merchantcode: merchantCode,
          amount: PROBE_AMOUNT,
          datetime,
          signature: hashHex('sha256', merchantCode + PROBE_AMOUNT + datetime + apiKey),
        },
        idempotent: true,
      });
      const body = duitkuBody(res, 'DuitKu getpaymentmethod');
      if (body.responseCode !== '00')
        return {
          ok: false,
          reason: `DuitKu getpaymentmethod: ${text(body.responseMessage) ?? `responseCode ${String(body.responseCode)}`}`,
        };
      const count = Array.isArray(body.paymentFee) ? body.paymentFee.length : 0;
      return { ok: true, detail: `Merchant code and API key accepted; ${count} payment methods active` };
    } catch (error) {
      if (error instanceof GatewayError) return { ok: false, reason: error.message };
      throw error;
    }
  },
};

/**
 * DuitKu posts the callback as a form; a proxy that re-encodes it as JSON is accepted too,
 * as the content type says. Values are kept as text because the signature covers text.
 */
function callbackFields(req: CallbackRequest): Record<string, string | undefined> {
  const type = req.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return Object.fromEntries(new URLSearchParams(req.rawBody));
  const body = callbackJson(req.rawBody, 'DuitKu callback');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
  return fields;
}

/** Errors come as HTTP 400/401/404/409 with `{"Message": "..."}` (ASP.NET's shape). */
function duitkuBody(res: GatewayResponse, what: string): Data {
  if (res.status >= 400) {
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Data;
    const message = text(body.Message) ?? text(body.message) ?? text(body.statusMessage) ?? `HTTP ${res.status}`;
    const code = res.status === 401 || res.status === 403 ? 'unauthorized' : 'rejected';
    throw new GatewayError(code, `${what}: ${message} (HTTP ${res.status})`, res.status, res.body);
  }
  const body = expectOk(res, what);
  if (Array.isArray(body)) throw new GatewayError('bad_response', `${what}: not an object`, res.status, body);
  return body as Data;
}

function instructionsFor(kind: GatewayMethod['kind'], code: string, body: Data): PaymentInstructions {
  const out: PaymentInstructions = {};
  const paymentUrl = text(body.paymentUrl);
  if (paymentUrl) out.redirectUrl = paymentUrl;
  // vaNumber is DuitKu's "payment number": the VA for banks, the payment code at outlets.
  const number = text(body.vaNumber);
  if (kind === 'va' && number) Object.assign(out, { vaNumber: number, bank: BANKS[code] });
  if (kind === 'retail' && number) out.payCode = number;
  if (kind === 'qris' && text(body.qrString)) out.qrString = text(body.qrString)!;
  const appUrl = text(body.appUrl) ?? text(body.AppUrl);
  if (kind === 'ewallet' && appUrl) out.deeplinkUrl = appUrl;
  return out;
}

function expiryMinutes(method: string, expiresAt: Date): number {
  const minutes = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 60_000));
  return Math.min(minutes, MAX_EXPIRY_MINUTES[method] ?? minutes);
}

/** DuitKu's `yyyy-MM-dd HH:mm:ss` is its own (Jakarta) local time. */
function jakartaTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jakarta', dateStyle: 'short', timeStyle: 'medium' }).format(
    at,
  );
}

function credentials(config: GatewayConfig): { merchantCode: string; apiKey: string } {
  const { merchantCode, apiKey } = config.credentials;
  if (!merchantCode || !apiKey)
    throw new GatewayError(
      'unauthorized',
      `DuitKu credentials incomplete: ${!merchantCode ? 'merchantCode' : 'apiKey'} missing`,
    );
  return { merchantCode, apiKey };
}

/** Amounts come as numbers or text ("40000", the status check's "100000"); whole rupiah only. */
function integer(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value ? value : null;
}
