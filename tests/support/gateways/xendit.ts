/**
 * A Xendit stand-in for the Invoice API: POST/GET /v2/invoices, POST /refunds and GET /balance
 * with Basic auth on the secret key, errors as { error_code, message }, and invoice callbacks
 * authenticated by the account's callback verification token (x-callback-token).
 *
 * Invoices have no failed state and a refund does not change an invoice's status, so
 * callback(…, 'failed') and setStatus(…, 'failed' | 'refunded') throw: Xendit never says so.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { basicAuth, type FakeAnswer, type FakeRequest, parseJson, startJsonServer } from './loopback-json';
import type { FakeCallback, GatewayFake } from './types';

type Json = Record<string, unknown>;

const CHANNELS: Record<string, { method: string; refundable: boolean }> = {
  QRIS: { method: 'QR_CODE', refundable: true },
  OVO: { method: 'EWALLET', refundable: true },
  DANA: { method: 'EWALLET', refundable: true },
  SHOPEEPAY: { method: 'EWALLET', refundable: true },
  LINKAJA: { method: 'EWALLET', refundable: true },
  BCA: { method: 'BANK_TRANSFER', refundable: false },
  BNI: { method: 'BANK_TRANSFER', refundable: false },
  BRI: { method: 'BANK_TRANSFER', refundable: false },
  MANDIRI: { method: 'BANK_TRANSFER', refundable: false },
  PERMATA: { method: 'BANK_TRANSFER', refundable: false },
  ALFAMART: { method: 'RETAIL_OUTLET', refundable: false },
  INDOMARET: { method: 'RETAIL_OUTLET', refundable: false },
};
const REASONS = ['FRAUDULENT', 'DUPLICATE', 'REQUESTED_BY_CUSTOMER', 'CANCELLATION', 'OTHERS'];

const hexId = () => randomBytes(12).toString('hex');
const error = (status: number, code: string, message: string): FakeAnswer => ({
  status,
  body: { error_code: code, message },
});

function validateInvoice(b: Json): string | null {
  if (typeof b.external_id !== 'string' || b.external_id === '') return '"external_id" is required';
  if (typeof b.amount !== 'number' || b.amount < 1) return '"amount" must be a positive number';
  if (
    b.invoice_duration !== undefined &&
    (!Number.isSafeInteger(b.invoice_duration) || (b.invoice_duration as number) < 1)
  )
    return '"invoice_duration" must be a positive integer';
  if (
    b.payment_methods !== undefined &&
    (!Array.isArray(b.payment_methods) || b.payment_methods.some((m) => !(String(m) in CHANNELS)))
  )
    return '"payment_methods" contains an unknown channel';
  const mobile = (b.customer as Json | undefined)?.mobile_number;
  if (mobile !== undefined && !/^\+\d{8,15}$/.test(String(mobile)))
    return '"customer.mobile_number" must be in E.164 format';
  return null;
}

/** `live`: hand out a production key (xnd_production_…) instead of a test-mode one. */
export async function startFakeXendit(opts: { live?: boolean } = {}): Promise<GatewayFake> {
  const credentials = {
    secretKey: `xnd_${opts.live ? 'production' : 'development'}_${randomBytes(24).toString('base64url')}`,
    callbackToken: randomBytes(24).toString('base64url'),
  };
  const userId = hexId();
  const invoices = new Map<string, Json>(); // by Xendit id
  const idempotencyKeys = new Set<string>();
  const refunded = new Map<string, number>();
  const orders: GatewayFake['orders'] = new Map();

  const save = (inv: Json) => {
    invoices.set(String(inv.id), inv);
    const methods = inv.payment_methods as string[] | undefined;
    orders.set(String(inv.external_id), {
      reference: String(inv.id),
      amount: Number(inv.amount),
      method: methods?.[0] ?? 'ALL',
      status: String(inv.status),
      raw: inv,
    });
  };
  const byOrder = (orderId: string) => [...invoices.values()].find((i) => i.external_id === orderId);

  function createInvoice(req: FakeRequest): FakeAnswer {
    const b = parseJson(req.body);
    if (!b) return error(400, 'API_VALIDATION_ERROR', 'Request body is not valid JSON');
    const problem = validateInvoice(b);
    if (problem) return error(400, 'API_VALIDATION_ERROR', problem);
    const key = req.headers['x-idempotency-key'];
    if (typeof key === 'string') {
      if (idempotencyKeys.has(key))
        return error(
          409,
          'DUPLICATE_TRANSACTION_ERROR',
          'Idempotency key has been used before. Use a unique idempotency key and try again',
        );
      idempotencyKeys.add(key);
    }
    const id = hexId();
    const now = new Date();
    const invoice: Json = {
      id,
      external_id: b.external_id,
      user_id: userId,
      status: 'PENDING',
      merchant_name: 'Jaring Test ISP',
      amount: b.amount,
      description: b.description,
      expiry_date: new Date(now.getTime() + Number(b.invoice_duration ?? 86_400) * 1000).toISOString(),
      invoice_url: `https://checkout-staging.xendit.co/web/${id}`,
      currency: b.currency ?? 'IDR',
      payment_methods: b.payment_methods,
      items: b.items,
      customer: b.customer,
      success_redirect_url: b.success_redirect_url,
      failure_redirect_url: b.failure_redirect_url,
      created: now.toISOString(),
      updated: now.toISOString(),
    };
    save(invoice);
    return { status: 200, body: invoice };
  }

  function createRefund(req: FakeRequest): FakeAnswer {
    const b = parseJson(req.body);
    if (!b || !REASONS.includes(String(b.reason)))
      return error(400, 'API_VALIDATION_ERROR', `"reason" must be one of ${REASONS.join(', ')}`);
    const inv = invoices.get(String(b.invoice_id));
    if (!inv) return error(404, 'DATA_NOT_FOUND', 'Invoice not found');
    if (inv.status !== 'PAID' && inv.status !== 'SETTLED')
      return error(400, 'INELIGIBLE_TRANSACTION_STATUS', 'Only paid invoices can be refunded');
    const channel = CHANNELS[String(inv.payment_channel)];
    if (!channel?.refundable)
      return error(403, 'REFUND_NOT_SUPPORTED', 'Refund feature is not available for this payment channel.');
    const done = refunded.get(String(inv.id)) ?? 0;
    const amount = b.amount === undefined ? Number(inv.paid_amount) - done : Number(b.amount);
    if (!(amount > 0) || done + amount > Number(inv.paid_amount))
      return error(
        400,
        'REFUND_AMOUNT_EXCEEDED',
        'Refund amount must be less than or equal to unrefunded capture amount',
      );
    refunded.set(String(inv.id), done + amount);
    const now = new Date().toISOString();
    return {
      status: 200,
      body: {
        id: `rfd-${randomUUID()}`,
        invoice_id: inv.id,
        payment_method_type: channel.method === 'QR_CODE' ? 'QR_CODE' : 'EWALLET',
        reference_id: b.reference_id,
        channel_code: inv.payment_channel,
        currency: 'IDR',
        amount,
        status: 'PENDING',
        reason: b.reason,
        metadata: b.metadata ?? null,
        created: now,
        updated: now,
      },
    };
  }

  function route(req: FakeRequest): FakeAnswer {
    if (req.headers.authorization !== basicAuth(credentials.secretKey))
      return error(401, 'INVALID_API_KEY', 'API key is not authorized for this API service');
    if (req.method === 'GET' && req.path === '/balance') return { status: 200, body: { balance: 1_241_231 } };
    if (req.method === 'POST' && req.path === '/v2/invoices') return createInvoice(req);
    if (req.method === 'GET' && req.path === '/v2/invoices') {
      const externalId = req.query.get('external_id');
      return {
        status: 200,
        body: [...invoices.values()].filter((i) => externalId === null || i.external_id === externalId),
      };
    }
    const one = /^\/v2\/invoices\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && one) {
      const inv = invoices.get(decodeURIComponent(one[1]!));
      return inv ? { status: 200, body: inv } : error(404, 'INVOICE_NOT_FOUND_ERROR', 'Invoice not found');
    }
    if (req.method === 'POST' && req.path === '/refunds') return createRefund(req);
    return error(404, 'NOT_FOUND', 'The requested resource was not found');
  }

  /** An invoice as it is once paid through its (first) channel. */
  function paid(inv: Json, amount: number): Json {
    const channel = ((inv.payment_methods as string[] | undefined) ?? ['BCA'])[0]!;
    const method = CHANNELS[channel]?.method ?? 'BANK_TRANSFER';
    const now = new Date().toISOString();
    return {
      ...inv,
      status: 'PAID',
      paid_amount: amount,
      paid_at: now,
      updated: now,
      payment_method: method,
      payment_channel: channel,
      payment_id: `pymt-${randomUUID()}`,
      ...(method === 'BANK_TRANSFER'
        ? { bank_code: channel, payment_destination: `8808${String(Date.now()).slice(-8)}` }
        : {}),
    };
  }

  function callbackBody(
    inv: Json,
    outcome: 'paid' | 'expired',
    opts: { amount?: number; forge?: boolean; currency?: string },
  ): FakeCallback {
    const state =
      outcome === 'paid'
        ? paid(inv, opts.amount ?? Number(inv.amount))
        : {
            ...inv,
            status: 'EXPIRED',
            updated: new Date().toISOString(),
            ...(opts.amount !== undefined ? { amount: opts.amount } : {}),
          };
    const body = {
      id: state.id,
      external_id: state.external_id,
      user_id: state.user_id,
      is_high: false,
      status: state.status,
      merchant_name: state.merchant_name,
      amount: state.amount,
      description: state.description,
      currency: opts.currency ?? state.currency,
      created: state.created,
      updated: state.updated,
      ...(outcome === 'paid'
        ? {
            paid_amount: state.paid_amount,
            paid_at: state.paid_at,
            payment_method: state.payment_method,
            payment_channel: state.payment_channel,
            payment_id: state.payment_id,
            payer_email: (inv.customer as Json | undefined)?.email,
          }
        : {}),
      ...(state.bank_code ? { bank_code: state.bank_code, payment_destination: state.payment_destination } : {}),
    };
    const token = opts.forge ? randomBytes(24).toString('base64url') : credentials.callbackToken;
    return { headers: { 'content-type': 'application/json', 'x-callback-token': token }, body: JSON.stringify(body) };
  }

  const server = await startJsonServer(route);
  return {
    name: 'xendit',
    url: server.url,
    credentials,
    orders,
    requests: server.requests,
    callback(orderId, outcome, opts = {}) {
      const inv = byOrder(orderId);
      if (!inv) throw new Error(`fake Xendit has no order ${orderId}`);
      if (outcome === 'failed')
        throw new Error('Xendit invoices have no failed state (only PENDING, PAID, SETTLED, EXPIRED)');
      return callbackBody(inv, outcome, opts);
    },
    callbackForUnknown(orderId, amount) {
      const now = new Date().toISOString();
      const ghost: Json = {
        id: hexId(),
        external_id: orderId,
        user_id: userId,
        merchant_name: 'Jaring Test ISP',
        amount,
        currency: 'IDR',
        payment_methods: ['BCA'],
        created: now,
        updated: now,
      };
      return callbackBody(ghost, 'paid', {});
    },
    malformed: () => ({
      headers: { 'content-type': 'application/json', 'x-callback-token': credentials.callbackToken },
      body: '{"id": "5f", "external_id": ',
    }),
    setStatus(orderId, outcome) {
      const inv = byOrder(orderId);
      if (!inv) throw new Error(`fake Xendit has no order ${orderId}`);
      if (outcome === 'failed' || outcome === 'refunded')
        throw new Error(`Xendit invoices never report "${outcome}": a refund leaves the invoice PAID`);
      save(
        outcome === 'paid'
          ? paid(inv, Number(inv.amount))
          : { ...inv, status: 'EXPIRED', updated: new Date().toISOString() },
      );
    },
    close: server.close,
  };
}
