/**
 * Midtrans through its Core API: we charge one chosen method and show the VA number, QR or
 * pay code on our own page. Midtrans often answers HTTP 200 and puts the real outcome in the
 * body's status_code ("406" duplicate order id, "404" unknown order), so every answer is read
 * twice: once for the HTTP status, once for the body's.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { expectOk, type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import { hashHex, safeEqual } from '@/lib/payments/signature';
import {
  CallbackError,
  type CallbackRequest,
  type CallbackVerdict,
  type CreatePaymentInput,
  type CreatePaymentResult,
  type GatewayConfig,
  GatewayError,
  type PaymentGateway,
  type StatusResult,
} from '@/lib/payments/types';
import { basicAuth, callbackJson, callbackOrderId, isJson, type Json, joinUrl, text } from './json';
import { amountOf, chargeBody, instructionsOf, MIDTRANS_METHODS, parseWib, statusOf } from './midtrans-wire';

function authHeader(config: GatewayConfig): string {
  const key = config.credentials.serverKey;
  if (!key) throw new GatewayError('unauthorized', 'Midtrans server key is not set');
  // Basic auth with the server key as user name and an empty password.
  return basicAuth(key);
}

function describe(body: unknown): string {
  if (!isJson(body)) return '';
  const details = Array.isArray(body.validation_messages) ? ` (${body.validation_messages.join('; ')})` : '';
  return `${text(body.status_message) ?? ''}${details}`;
}

/** The answer's body, or the GatewayError it stands for (by HTTP status, then by status_code). */
function answerOf(res: GatewayResponse, what: string): Json {
  const bodyCode = isJson(res.body) ? String(res.body.status_code ?? '') : '';
  // A refused key comes as HTTP 401 from the API gateway, or as status_code 401 in an HTTP 200.
  if (bodyCode === '401' || bodyCode === '403')
    throw new GatewayError('unauthorized', `${what}: ${describe(res.body)}`, Number(bodyCode), res.body);
  const json = expectOk(res, what, describe) as Json;
  // 407 is how the status API reports an expired transaction, not an error.
  if (/^[45]\d\d$/.test(bodyCode) && !(bodyCode === '407' && json.transaction_status)) {
    throw new GatewayError(
      'rejected',
      `${what}: ${describe(json) || `status_code ${bodyCode}`}`,
      Number(bodyCode),
      json,
    );
  }
  return json;
}

async function call(
  config: GatewayConfig,
  what: string,
  req: { method: 'GET' | 'POST'; path: string; json?: unknown; headers?: Record<string, string>; idempotent: boolean },
): Promise<Json> {
  const res = await gatewayRequest({
    method: req.method,
    url: joinUrl(config.baseUrl, req.path),
    headers: { authorization: authHeader(config), ...req.headers },
    json: req.json,
    idempotent: req.idempotent,
    timeoutMs: config.timeoutMs,
  });
  return answerOf(res, what);
}

const orderPath = (orderId: string, action: string) => `/v2/${encodeURIComponent(orderId)}/${action}`;

async function createPayment(config: GatewayConfig, input: CreatePaymentInput): Promise<CreatePaymentResult> {
  const json = chargeBody(input, new Date());
  if (!json) throw new GatewayError('rejected', `Midtrans has no payment method "${input.method}"`);
  const body = await call(config, 'Midtrans charge', {
    method: 'POST',
    path: '/v2/charge',
    json,
    // Midtrans notifies this URL for this transaction instead of the dashboard's, so one
    // account needs no setup on Midtrans' side for our callbacks.
    headers: { 'x-override-notification': input.callbackUrl },
    // A retry of a charge that did go through is refused as a duplicate order id (406), never charged twice.
    idempotent: true,
  });
  const status = statusOf(String(body.transaction_status ?? ''), text(body.fraud_status));
  // A charge can be denied outright (status_code 202, transaction_status "deny").
  if (status === 'failed')
    throw new GatewayError(
      'rejected',
      `Midtrans charge: ${describe(body) || String(body.transaction_status)}`,
      200,
      body,
    );
  const instructions = instructionsOf(body);
  if (!status || Object.keys(instructions).length === 0)
    throw new GatewayError('bad_response', 'Midtrans charge: no transaction status or payment instructions', 200, body);
  return {
    reference: text(body.transaction_id) ?? null,
    status,
    instructions,
    expiresAt: parseWib(body.expiry_time),
    raw: body,
  };
}

async function checkStatus(
  config: GatewayConfig,
  tx: { orderId: string; reference: string | null },
): Promise<StatusResult> {
  const body = await call(config, 'Midtrans status', {
    method: 'GET',
    path: orderPath(tx.orderId, 'status'),
    idempotent: true,
  });
  const status = statusOf(String(body.transaction_status ?? ''), text(body.fraud_status));
  if (!status)
    throw new GatewayError(
      'bad_response',
      `Midtrans status: unknown transaction_status "${String(body.transaction_status)}"`,
      200,
      body,
    );
  return {
    status,
    amount: amountOf(body.gross_amount),
    currency: text(body.currency) ?? 'IDR',
    reference: text(body.transaction_id) ?? tx.reference,
    paidAt: status === 'paid' ? parseWib(body.settlement_time ?? body.transaction_time) : null,
    raw: body,
  };
}

async function refund(
  config: GatewayConfig,
  tx: { orderId: string; reference: string | null; amount: number; reason: string },
): Promise<{ reference: string | null; raw: unknown }> {
  // Jaring refunds a transaction once, in full: one fixed key, so a retry or a second click
  // is the same refund to Midtrans.
  const refundKey = `${tx.orderId}-R1`;
  // Bank transfers and retail payments cannot be refunded; Midtrans says so and we pass it on.
  const body = await call(config, 'Midtrans refund', {
    method: 'POST',
    path: orderPath(tx.orderId, 'refund'),
    json: { refund_key: refundKey, amount: tx.amount, reason: tx.reason.slice(0, 255) },
    idempotent: true,
  });
  const id = body.refund_chargeback_id;
  return {
    reference: typeof id === 'number' || typeof id === 'string' ? String(id) : (text(body.refund_key) ?? refundKey),
    raw: body,
  };
}

async function validateSettings(
  config: GatewayConfig,
): Promise<{ ok: true; detail: string } | { ok: false; reason: string }> {
  // A status lookup of an order that cannot exist: "404" means the key was accepted.
  const probe = `JARING-CHECK-${randomBytes(6).toString('hex').toUpperCase()}`;
  try {
    await call(config, 'Midtrans status', { method: 'GET', path: orderPath(probe, 'status'), idempotent: true });
    return { ok: true, detail: `Midtrans accepted the server key (${config.mode})` };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.code === 'rejected' && error.httpStatus === 404)
      return { ok: true, detail: `Midtrans accepted the server key (${config.mode})` };
    if (error.code === 'unauthorized') return { ok: false, reason: `${error.message}${keyModeHint(config)}` };
    return { ok: false, reason: error.message };
  }
}

/** Sandbox server keys start with "SB-": the usual cause of a 401 is a key from the other mode. */
function keyModeHint(config: GatewayConfig): string {
  const sandboxKey = (config.credentials.serverKey ?? '').startsWith('SB-');
  if (config.mode === 'production' && sandboxKey)
    return ' — this is a sandbox key, but the gateway is in production mode';
  if (config.mode === 'sandbox' && !sandboxKey)
    return ' — sandbox keys start with "SB-Mid-server-"; this looks like a production key';
  return '';
}

// ---------------------------------------------------------------------------------------------
// Notifications

const notificationSchema = z.object({
  order_id: z.string().min(1),
  status_code: z.string().min(1),
  gross_amount: z.union([z.string(), z.number()]),
  signature_key: z.string().optional(),
  transaction_status: z.string(),
  fraud_status: z.string().optional(),
  transaction_id: z.string().optional(),
  currency: z.string().optional(),
  settlement_time: z.string().optional(),
  transaction_time: z.string().optional(),
});

const parseCallbackOrderId = (req: CallbackRequest) =>
  callbackOrderId(callbackJson(req.rawBody, 'Midtrans notification'), 'order_id', 'Midtrans notification');

function handleCallback(config: GatewayConfig, req: CallbackRequest): CallbackVerdict {
  const parsed = notificationSchema.safeParse(callbackJson(req.rawBody, 'Midtrans notification'));
  if (!parsed.success)
    throw new CallbackError(
      'malformed',
      `Midtrans notification: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`,
    );
  const n = parsed.data;
  const serverKey = config.credentials.serverKey;
  if (!serverKey) throw new CallbackError('signature', 'Midtrans server key is not set');
  if (!n.signature_key) throw new CallbackError('signature', 'Midtrans notification has no signature_key');
  // SHA-512 over the fields exactly as sent ("10000.00" stays "10000.00"), then the server key.
  const expected = hashHex('sha512', `${n.order_id}${n.status_code}${String(n.gross_amount)}${serverKey}`);
  if (!safeEqual(expected, n.signature_key.toLowerCase()))
    throw new CallbackError('signature', 'Midtrans signature_key does not match');

  const status = statusOf(n.transaction_status, n.fraud_status);
  if (!status)
    throw new CallbackError('malformed', `Midtrans notification: unknown transaction_status "${n.transaction_status}"`);
  const amount = amountOf(n.gross_amount);
  if (amount === null)
    throw new CallbackError(
      'malformed',
      `Midtrans notification: gross_amount "${String(n.gross_amount)}" is not whole rupiah`,
    );
  return {
    orderId: n.order_id,
    status,
    amount,
    currency: n.currency ?? 'IDR',
    reference: n.transaction_id ?? null,
    paidAt: status === 'paid' ? parseWib(n.settlement_time ?? n.transaction_time) : null,
    gatewayStatus: n.transaction_status,
  };
}

export const midtrans: PaymentGateway = {
  name: 'midtrans',
  label: 'Midtrans',
  credentialFields: [
    { key: 'serverKey', secret: true, labelKey: 'serverKey' },
    { key: 'merchantId', secret: false, labelKey: 'merchantId', optional: true },
  ],
  baseUrls: { sandbox: 'https://api.sandbox.midtrans.com', production: 'https://api.midtrans.com' },
  methods: MIDTRANS_METHODS,
  parseCallbackOrderId,
  handleCallback,
  // transaction_status is outside the signature: the core confirms it with the status API.
  confirmCallbacks: 'all',
  // Midtrans retries a notification until it gets a 2xx; the body is not read.
  callbackAck: () => ({ status: 200, body: { received: true } }),
  createPayment,
  checkStatus,
  refund,
  validateSettings,
  // Sandbox server keys start SB-Mid-server-, production ones Mid-server-.
  keyModeProblem: (mode, c) => {
    const key = c.serverKey ?? '';
    if (mode === 'production' && key.startsWith('SB-')) return 'serverKey';
    if (mode === 'sandbox' && key.startsWith('Mid-server-')) return 'serverKey';
    return null;
  },
};
