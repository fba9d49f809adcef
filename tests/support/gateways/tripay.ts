/**
 * A stand-in for Tripay's API (closed payments) on loopback, answering as
 * https://tripay.co.id/developer shows: bearer API key on every call (`{"success":false,
 * "message":"Invalid API Key"}` otherwise), transactions signed with HMAC-SHA256 of
 * merchant code + merchant_ref + amount, callbacks signed over their raw JSON body. The
 * customer pays a Tripay fee on top of the merchant's amount, so callbacks and lookups
 * carry a non-zero fee_customer for the module to take off.
 */
import { createHmac, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCallback, GatewayFake } from './types';

const PREFIX = '/api-sandbox';
const FEE_CUSTOMER = 2500;
const FEE_MERCHANT = 1000;

const CHANNELS: Record<string, { name: string; group: string; kind: 'qris' | 'va' | 'ewallet' | 'retail' }> = {
  QRIS: { name: 'QRIS', group: 'E-Wallet', kind: 'qris' },
  BRIVA: { name: 'BRI Virtual Account', group: 'Virtual Account', kind: 'va' },
  BNIVA: { name: 'BNI Virtual Account', group: 'Virtual Account', kind: 'va' },
  BCAVA: { name: 'BCA Virtual Account', group: 'Virtual Account', kind: 'va' },
  MANDIRIVA: { name: 'Mandiri Virtual Account', group: 'Virtual Account', kind: 'va' },
  PERMATAVA: { name: 'Permata Virtual Account', group: 'Virtual Account', kind: 'va' },
  OVO: { name: 'OVO', group: 'E-Wallet', kind: 'ewallet' },
  DANA: { name: 'DANA', group: 'E-Wallet', kind: 'ewallet' },
  SHOPEEPAY: { name: 'ShopeePay', group: 'E-Wallet', kind: 'ewallet' },
  ALFAMART: { name: 'Alfamart', group: 'Convenience Store', kind: 'retail' },
  INDOMARET: { name: 'Indomaret', group: 'Convenience Store', kind: 'retail' },
};

const OUTCOME_STATUS = { paid: 'PAID', expired: 'EXPIRED', failed: 'FAILED', refunded: 'REFUND' } as const;

type Json = Record<string, unknown>;
type Reply = { status: number; body: unknown };

/** `port`: listen there rather than on any free port (the browser tests start the app pointed at it first). */
export async function startFakeTripay(
  overrides: Partial<Record<'merchantCode' | 'apiKey' | 'privateKey', string>> = {},
  options: { port?: number } = {},
): Promise<GatewayFake> {
  const credentials = {
    merchantCode: 'T0001',
    apiKey: 'DEV-fake-tripay-api-key',
    privateKey: 'fake-tripay-private-key',
    ...overrides,
  };
  const orders: GatewayFake['orders'] = new Map();
  const requests: GatewayFake['requests'] = [];
  let sequence = 0;

  const refused = (message: string, status = 400): Reply => ({ status, body: { success: false, message } });
  const ok = (data: unknown): Reply => ({ status: 200, body: { success: true, message: '', data } });
  const sign = (text: string, forge = false) =>
    createHmac('sha256', forge ? `not-${credentials.privateKey}` : credentials.privateKey)
      .update(text)
      .digest('hex');

  function createTransaction(body: Json, origin: string): Reply {
    for (const field of [
      'method',
      'merchant_ref',
      'amount',
      'customer_name',
      'customer_email',
      'order_items',
      'signature',
    ]) {
      if (body[field] === undefined || body[field] === null || body[field] === '')
        return refused(`The ${field} field is required.`);
    }
    const channel = CHANNELS[String(body.method)];
    if (!channel) return refused('Payment channel is not enabled');
    const amount = body.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) return refused('Invalid amount');
    if (body.signature !== sign(`${credentials.merchantCode}${String(body.merchant_ref)}${amount}`))
      return refused('Invalid signature');
    const items = Array.isArray(body.order_items) ? (body.order_items as Json[]) : [];
    const itemsTotal = items.reduce((sum, i) => sum + Number(i.price) * Number(i.quantity), 0);
    if (!items.length || items.some((i) => !i.name) || itemsTotal !== amount)
      return refused('Total amount of order items does not match amount');

    const reference = `DEV-T${credentials.merchantCode.slice(1)}${String(++sequence).padStart(5, '0')}${randomInt(1e6).toString(36).toUpperCase()}`;
    const digits = () => String(randomInt(1e8, 1e9)) + String(randomInt(1e7, 1e8));
    const data: Json = {
      reference,
      merchant_ref: body.merchant_ref,
      payment_selection_type: 'static',
      payment_method: body.method,
      payment_name: channel.name,
      customer_name: body.customer_name,
      customer_email: body.customer_email,
      customer_phone: body.customer_phone ?? null,
      callback_url: body.callback_url ?? null,
      return_url: body.return_url ?? null,
      amount: amount + FEE_CUSTOMER,
      fee_merchant: FEE_MERCHANT,
      fee_customer: FEE_CUSTOMER,
      total_fee: FEE_MERCHANT + FEE_CUSTOMER,
      amount_received: amount - FEE_MERCHANT,
      pay_code: channel.kind === 'va' || channel.kind === 'retail' ? digits() : null,
      pay_url: channel.kind === 'ewallet' ? `${origin}/ewallet/${reference}` : null,
      checkout_url: `${origin}/checkout/${reference}`,
      status: 'UNPAID',
      expired_time: typeof body.expired_time === 'number' ? body.expired_time : Math.floor(Date.now() / 1000) + 86_400,
      order_items: items.map((i) => ({
        sku: i.sku ?? null,
        name: i.name,
        price: i.price,
        quantity: i.quantity,
        subtotal: Number(i.price) * Number(i.quantity),
      })),
      instructions: [{ title: 'Internet Banking', steps: ['Pay the bill'] }],
      qr_string:
        channel.kind === 'qris'
          ? `00020101021226610016ID.CO.SHOPEE.WWW${reference}5303360540${amount + FEE_CUSTOMER}6304ABCD`
          : null,
      qr_url: channel.kind === 'qris' ? `${origin}/qr/${reference}` : null,
    };
    // Tripay keeps every transaction; the map holds the latest per merchant_ref.
    orders.set(String(body.merchant_ref), {
      reference,
      amount,
      method: String(body.method),
      status: 'UNPAID',
      raw: data,
    });
    return ok(data);
  }

  function mark(orderId: string, outcome: keyof typeof OUTCOME_STATUS) {
    const order = orders.get(orderId)!;
    order.status = OUTCOME_STATUS[outcome];
    if (outcome === 'paid') order.raw.paid_at = Math.floor(Date.now() / 1000);
  }

  function current(orderId: string): Json {
    const order = orders.get(orderId)!;
    return { ...order.raw, status: order.status };
  }

  function route(method: string, url: URL, body: string, origin: string): Reply {
    const path = url.pathname.slice(PREFIX.length);
    if (method === 'POST' && path === '/transaction/create') {
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return refused('Invalid request body');
      }
      return createTransaction(json as Json, origin);
    }
    if (method === 'GET' && path === '/transaction/detail') {
      const found = [...orders.entries()].find(([, o]) => o.reference === url.searchParams.get('reference'));
      return found ? ok(current(found[0])) : refused('Transaction not found', 404);
    }
    if (method === 'GET' && path === '/merchant/transactions') {
      const ref = url.searchParams.get('merchant_ref');
      return ok([...orders.keys()].filter((id) => !ref || id === ref).map(current));
    }
    if (method === 'GET' && path === '/merchant/payment-channel') {
      return ok(
        Object.entries(CHANNELS).map(([code, c]) => ({
          group: c.group,
          code,
          name: c.name,
          type: c.kind === 'ewallet' ? 'redirect' : 'direct',
          fee_merchant: { flat: FEE_MERCHANT, percent: 0 },
          fee_customer: { flat: FEE_CUSTOMER, percent: 0 },
          total_fee: { flat: FEE_MERCHANT + FEE_CUSTOMER, percent: '0.00' },
          active: true,
        })),
      );
    }
    return refused('Not found', 404);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const origin = `http://${req.headers.host}`;
      const url = new URL(req.url ?? '/', origin);
      const reply: Reply = !url.pathname.startsWith(PREFIX)
        ? refused('Not found', 404)
        : req.headers.authorization !== `Bearer ${credentials.apiKey}`
          ? refused('Invalid API Key', 401)
          : route(req.method ?? '', url, body, origin);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await listenWaiting(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  function signedCallback(fields: Json, forge = false): FakeCallback {
    const body = JSON.stringify(fields);
    return {
      headers: {
        'content-type': 'application/json',
        'x-callback-event': 'payment_status',
        'x-callback-signature': sign(body, forge),
      },
      body,
    };
  }

  function callbackBody(p: {
    orderId: string;
    reference: string;
    method: string;
    amount: number;
    status: string;
  }): Json {
    const total = p.amount + FEE_CUSTOMER;
    return {
      reference: p.reference,
      merchant_ref: p.orderId,
      payment_method: CHANNELS[p.method]?.name ?? p.method,
      payment_method_code: p.method,
      total_amount: total,
      fee_merchant: FEE_MERCHANT,
      fee_customer: FEE_CUSTOMER,
      total_fee: FEE_MERCHANT + FEE_CUSTOMER,
      amount_received: total - FEE_MERCHANT - FEE_CUSTOMER,
      is_closed_payment: 1,
      status: p.status,
      paid_at: p.status === 'PAID' ? Math.floor(Date.now() / 1000) : null,
      note: null,
    };
  }

  return {
    name: 'tripay',
    url: `http://127.0.0.1:${port}${PREFIX}`,
    credentials,
    orders,
    requests,
    callback(orderId, outcome, opts = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake Tripay has no order ${orderId}`);
      // Tripay changes the transaction before it calls back; a forger changes nothing.
      if (!opts.forge) mark(orderId, outcome);
      return signedCallback(
        callbackBody({
          orderId,
          reference: order.reference,
          method: order.method,
          amount: opts.amount ?? order.amount,
          status: OUTCOME_STATUS[outcome],
        }),
        opts.forge,
      );
    },
    callbackForUnknown(orderId, amount) {
      return signedCallback(
        callbackBody({ orderId, reference: `DEV-T${randomInt(1e9)}`, method: 'BRIVA', amount, status: 'PAID' }),
      );
    },
    malformed() {
      const body = '{"reference":"DEV-T1","merchant_ref":';
      return {
        headers: {
          'content-type': 'application/json',
          'x-callback-event': 'payment_status',
          'x-callback-signature': sign(body),
        },
        body,
      };
    },
    setStatus(orderId, outcome) {
      if (!orders.has(orderId)) throw new Error(`fake Tripay has no order ${orderId}`);
      mark(orderId, outcome);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Listens on `port`; a fixed port another browser test holds (the app has one Tripay address,
 * and two browser files may run at once) is waited for, up to five minutes, not failed on.
 */
async function listenWaiting(server: http.Server, port: number) {
  const until = Date.now() + 300_000;
  for (;;) {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const onError = (e: NodeJS.ErrnoException) => resolve(e);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(null);
      });
    });
    if (!error) return;
    if (error.code !== 'EADDRINUSE' || port === 0 || Date.now() > until) throw error;
    await new Promise((r) => setTimeout(r, 500));
  }
}
