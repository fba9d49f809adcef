/**
 * Xendit through its Invoice API: the customer pays on Xendit's hosted checkout, limited to
 * the method they picked on our page. Xendit has one API root for both modes; a development
 * key (xnd_development_…) is test mode. Invoice callbacks are authenticated by the account's
 * callback verification token in the x-callback-token header, not by a signature.
 */
import { z } from 'zod';
import { expectOk, type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import { safeEqual } from '@/lib/payments/signature';
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
import { amountOf, invoiceBody, isoDate, statusOf, XENDIT_METHODS } from './xendit-wire';

function authHeader(config: GatewayConfig): string {
  const key = config.credentials.secretKey;
  if (!key) throw new GatewayError('unauthorized', 'Xendit secret key is not set');
  // Basic auth with the secret key as user name and an empty password.
  return basicAuth(key);
}

const describe = (body: unknown) =>
  isJson(body) ? [text(body.error_code), text(body.message)].filter(Boolean).join(': ') : '';

/** The answer's body, or the GatewayError it stands for; errors carry Xendit's error_code and message. */
function answerOf(res: GatewayResponse, what: string): unknown {
  // Xendit also answers 403 for "this channel cannot do that" (REFUND_NOT_SUPPORTED): only a
  // forbidden key (REQUEST_FORBIDDEN_ERROR, or no code at all) is an authorization problem.
  const code = isJson(res.body) ? text(res.body.error_code) : undefined;
  if (res.status === 403 && code && code !== 'REQUEST_FORBIDDEN_ERROR')
    throw new GatewayError('rejected', `${what}: ${describe(res.body)}`, 403, res.body);
  return expectOk(res, what, describe);
}

async function call(
  config: GatewayConfig,
  what: string,
  req: { method: 'GET' | 'POST'; path: string; json?: unknown; headers?: Record<string, string>; idempotent: boolean },
): Promise<unknown> {
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

function invoiceOf(body: unknown, what: string): Json {
  if (!isJson(body) || !text(body.id) || !statusOf(body.status))
    throw new GatewayError('bad_response', `${what}: not an invoice`, 200, body);
  return body;
}

/** Our order's invoice when we hold no Xendit id: the list filtered by external_id, newest first. */
async function invoiceByOrder(config: GatewayConfig, orderId: string): Promise<Json> {
  const list = await call(config, 'Xendit invoice lookup', {
    method: 'GET',
    path: `/v2/invoices?external_id=${encodeURIComponent(orderId)}`,
    idempotent: true,
  });
  if (!Array.isArray(list)) throw new GatewayError('bad_response', 'Xendit invoice lookup: not a list', 200, list);
  const newest = (list as Json[])
    .filter((i) => i.external_id === orderId)
    .sort((a, b) => String(b.created ?? '').localeCompare(String(a.created ?? '')))[0];
  if (!newest) throw new GatewayError('rejected', `Xendit has no invoice for order ${orderId}`, 404);
  return invoiceOf(newest, 'Xendit invoice lookup');
}

async function createPayment(config: GatewayConfig, input: CreatePaymentInput): Promise<CreatePaymentResult> {
  if (!XENDIT_METHODS.some((m) => m.code === input.method))
    throw new GatewayError('rejected', `Xendit has no payment method "${input.method}"`);
  let invoice: Json;
  try {
    const body = await call(config, 'Xendit invoice', {
      method: 'POST',
      path: '/v2/invoices',
      json: invoiceBody(input, new Date()),
      // Keyed by our order id, so a retry cannot make a second invoice for the order.
      headers: { 'x-idempotency-key': input.orderId },
      idempotent: true,
    });
    invoice = invoiceOf(body, 'Xendit invoice');
  } catch (error) {
    // A retry whose first attempt did create the invoice may be refused as a duplicate (409):
    // that invoice is the one we wanted.
    if (!(error instanceof GatewayError && error.httpStatus === 409)) throw error;
    invoice = await invoiceByOrder(config, input.orderId);
    if (invoice.amount !== input.amount) throw error;
  }
  const redirectUrl = text(invoice.invoice_url);
  if (!redirectUrl) throw new GatewayError('bad_response', 'Xendit invoice: no invoice_url', 200, invoice);
  return {
    reference: String(invoice.id),
    status: statusOf(invoice.status)!,
    instructions: { redirectUrl },
    expiresAt: isoDate(invoice.expiry_date),
    raw: invoice,
  };
}

async function checkStatus(
  config: GatewayConfig,
  tx: { orderId: string; reference: string | null },
): Promise<StatusResult> {
  const invoice = tx.reference
    ? invoiceOf(
        await call(config, 'Xendit invoice', {
          method: 'GET',
          path: `/v2/invoices/${encodeURIComponent(tx.reference)}`,
          idempotent: true,
        }),
        'Xendit invoice',
      )
    : await invoiceByOrder(config, tx.orderId);
  if (invoice.external_id !== undefined && invoice.external_id !== tx.orderId)
    throw new GatewayError(
      'bad_response',
      `Xendit invoice ${String(invoice.id)} belongs to another order`,
      200,
      invoice,
    );
  const status = statusOf(invoice.status)!;
  return {
    status,
    amount: amountOf(invoice.paid_amount ?? invoice.amount),
    currency: text(invoice.currency) ?? 'IDR',
    reference: String(invoice.id),
    paidAt: status === 'paid' ? isoDate(invoice.paid_at) : null,
    raw: invoice,
  };
}

async function refund(
  config: GatewayConfig,
  tx: { orderId: string; reference: string | null; amount: number; reason: string },
): Promise<{ reference: string | null; raw: unknown }> {
  const invoiceId = tx.reference ?? String((await invoiceByOrder(config, tx.orderId)).id);
  // Jaring refunds a transaction once, in full: one fixed key, so a retry or a second click
  // is the same refund to Xendit.
  const key = `${tx.orderId}-R1`;
  const body = await call(config, 'Xendit refund', {
    method: 'POST',
    path: '/refunds',
    headers: { 'idempotency-key': key },
    // `reason` is an enum; the operator's words go in metadata (values up to 500 characters).
    json: {
      invoice_id: invoiceId,
      reference_id: key,
      amount: tx.amount,
      currency: 'IDR',
      reason: 'OTHERS',
      ...(tx.reason ? { metadata: { note: tx.reason.slice(0, 500) } } : {}),
    },
    idempotent: true,
  });
  if (!isJson(body) || !text(body.id)) throw new GatewayError('bad_response', 'Xendit refund: no refund id', 200, body);
  if (body.status === 'FAILED')
    throw new GatewayError(
      'rejected',
      `Xendit refund failed: ${text(body.failure_code) ?? 'no reason given'}`,
      200,
      body,
    );
  return { reference: String(body.id), raw: body };
}

async function validateSettings(
  config: GatewayConfig,
): Promise<{ ok: true; detail: string } | { ok: false; reason: string }> {
  const key = config.credentials.secretKey ?? '';
  if (!config.credentials.callbackToken)
    return { ok: false, reason: 'The callback verification token is missing: Xendit callbacks could not be verified' };
  if (config.mode === 'production' && key.startsWith('xnd_development_'))
    return { ok: false, reason: 'This is a development (test mode) key; production needs an xnd_production_ key' };
  if (config.mode === 'sandbox' && key.startsWith('xnd_production_'))
    return { ok: false, reason: 'This is a live key (xnd_production_); sandbox needs an xnd_development_ key' };
  try {
    const body = await call(config, 'Xendit balance', { method: 'GET', path: '/balance', idempotent: true });
    if (!isJson(body) || typeof body.balance !== 'number')
      return { ok: false, reason: 'Xendit balance: unexpected answer' };
    return {
      ok: true,
      detail: `Xendit accepted the secret key (${key.startsWith('xnd_development_') ? 'test mode' : 'live'})`,
    };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.httpStatus === 403)
      return {
        ok: false,
        reason: `${error.message} — give the key read access to Balance (and write access to Money-in)`,
      };
    return { ok: false, reason: error.message };
  }
}

// ---------------------------------------------------------------------------------------------
// Callbacks

const callbackSchema = z.object({
  id: z.string().optional(),
  external_id: z.string().min(1),
  status: z.string(),
  amount: z.number(),
  paid_amount: z.number().optional(),
  currency: z.string().optional(),
  paid_at: z.string().optional(),
});

const parseCallbackOrderId = (req: CallbackRequest) =>
  callbackOrderId(callbackJson(req.rawBody, 'Xendit callback'), 'external_id', 'Xendit callback');

function handleCallback(config: GatewayConfig, req: CallbackRequest): CallbackVerdict {
  const expected = config.credentials.callbackToken;
  if (!expected) throw new CallbackError('signature', 'Xendit callback token is not set');
  const given = req.headers.get('x-callback-token');
  if (!given) throw new CallbackError('signature', 'Xendit callback has no x-callback-token header');
  if (!safeEqual(expected, given)) throw new CallbackError('signature', 'Xendit x-callback-token does not match');

  const parsed = callbackSchema.safeParse(callbackJson(req.rawBody, 'Xendit callback'));
  if (!parsed.success)
    throw new CallbackError(
      'malformed',
      `Xendit callback: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} missing or invalid`,
    );
  const c = parsed.data;
  const status = statusOf(c.status);
  if (!status) throw new CallbackError('malformed', `Xendit callback: unknown status "${c.status}"`);
  // paid_amount is what the customer paid; an expired invoice only has the invoiced amount.
  const amount = amountOf(c.paid_amount ?? c.amount);
  if (amount === null)
    throw new CallbackError(
      'malformed',
      `Xendit callback: amount ${String(c.paid_amount ?? c.amount)} is not whole rupiah`,
    );
  return {
    orderId: c.external_id,
    status,
    amount,
    currency: c.currency ?? 'IDR',
    reference: c.id ?? null,
    paidAt: status === 'paid' ? isoDate(c.paid_at) : null,
    gatewayStatus: c.status,
  };
}

export const xendit: PaymentGateway = {
  name: 'xendit',
  label: 'Xendit',
  credentialFields: [
    { key: 'secretKey', secret: true, labelKey: 'secretKey' },
    { key: 'callbackToken', secret: true, labelKey: 'callbackToken' },
  ],
  baseUrls: { sandbox: 'https://api.xendit.co', production: 'https://api.xendit.co' },
  methods: XENDIT_METHODS,
  parseCallbackOrderId,
  handleCallback,
  // Xendit retries a callback until it gets a 2xx; the body is not read.
  callbackAck: () => ({ status: 200, body: { received: true } }),
  createPayment,
  checkStatus,
  refund,
  keyModeProblem: (mode, c) => {
    const key = c.secretKey ?? '';
    if (mode === 'production' && key.startsWith('xnd_development_')) return 'secretKey';
    if (mode === 'sandbox' && key.startsWith('xnd_production_')) return 'secretKey';
    return null;
  },
  validateSettings,
};
