/**
 * A stand-in for DuitKu's API v2 on loopback, answering as https://docs.duitku.com/api/en/
 * shows: no auth header, every request signed with the API key appended (MD5 for inquiry
 * and status, SHA-256 for the payment-method list), errors as HTTP 400/401/404/409 with
 * `{"Message": ...}`, a merchantOrderId used once only, and callbacks posted as forms
 * signed with MD5(merchantCode + amount + merchantOrderId + apiKey).
 */
import { createHash, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCallback, GatewayFake } from './types';

const PREFIX = '/webapi/api/merchant';

const CHANNELS: Record<string, { name: string; kind: 'qris' | 'va' | 'ewallet' | 'retail' }> = {
  SP: { name: 'QRIS ShopeePay', kind: 'qris' },
  NQ: { name: 'QRIS Nobu', kind: 'qris' },
  BC: { name: 'BCA VA', kind: 'va' },
  I1: { name: 'BNI VA', kind: 'va' },
  BR: { name: 'BRIVA', kind: 'va' },
  M2: { name: 'MANDIRI VA H2H', kind: 'va' },
  BT: { name: 'PERMATA VA', kind: 'va' },
  OV: { name: 'OVO', kind: 'ewallet' },
  DA: { name: 'DANA', kind: 'ewallet' },
  SA: { name: 'SHOPEEPAY APP', kind: 'ewallet' },
  FT: { name: 'PEGADAIAN/ALFA/POS', kind: 'retail' },
  IR: { name: 'INDOMARET', kind: 'retail' },
};

/** Transaction states as the status check reports them: statusCode and statusMessage. */
const STATES = {
  pending: ['01', 'PROCESS'],
  paid: ['00', 'SUCCESS'],
  expired: ['02', 'EXPIRED'],
  failed: ['02', 'FAILED'],
  refunded: ['02', 'REFUNDED'],
} as const;

type Json = Record<string, unknown>;
type Reply = { status: number; body: unknown };

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const refused = (status: number, message: string): Reply => ({ status, body: { Message: message } });

export async function startFakeDuitku(
  overrides: Partial<Record<'merchantCode' | 'apiKey', string>> = {},
): Promise<GatewayFake> {
  const credentials = { merchantCode: 'DS0001', apiKey: 'fake0duitku0api0key0000000000000', ...overrides };
  const orders: GatewayFake['orders'] = new Map();
  const requests: GatewayFake['requests'] = [];

  function inquiry(b: Json, origin: string): Reply {
    if (b.merchantCode !== credentials.merchantCode) return refused(404, 'Merchant not found');
    if (!b.paymentMethod) return refused(400, 'paymentMethod is mandatory');
    const orderId = typeof b.merchantOrderId === 'string' ? b.merchantOrderId : '';
    if (!orderId) return refused(400, 'merchantOrderId is mandatory');
    if (orderId.length > 50) return refused(400, "length of merchantOrderId can't > 50");
    if (typeof b.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(b.email)) return refused(400, 'Invalid Email Address');
    if (b.email.length > 50) return refused(400, "length of email can't > 50");
    if (typeof b.phoneNumber === 'string' && b.phoneNumber.length > 50)
      return refused(400, "length of phoneNumber can't > 50");
    if (b.signature !== md5(`${credentials.merchantCode}${orderId}${String(b.paymentAmount)}${credentials.apiKey}`))
      return refused(401, 'Wrong signature');
    const channel = CHANNELS[String(b.paymentMethod)];
    if (!channel) return refused(404, 'Payment channel not available');
    const amount = b.paymentAmount;
    if (typeof amount !== 'number' || !Number.isInteger(amount))
      return refused(400, 'paymentAmount must be an integer');
    if (amount < 10_000 && channel.kind !== 'qris') return refused(400, 'Minimum Payment 10000 IDR');
    if (typeof b.customerVaName !== 'string' || !b.customerVaName || b.customerVaName.length > 20)
      return refused(400, 'Customer VA Name must not be empty and at most 20 characters');
    // The documented rule: item prices add up to paymentAmount (price is the line's total).
    const items = Array.isArray(b.itemDetails) ? (b.itemDetails as Json[]) : [];
    if (items.length && items.reduce((sum, i) => sum + Number(i.price), 0) !== amount)
      return refused(409, 'Payment amount must be equal to all item price');
    if (orders.has(orderId)) return refused(400, 'Duplicate merchantOrderId');

    const reference = `${credentials.merchantCode}${randomInt(1e9, 1e10)}${randomInt(36 ** 5)
      .toString(36)
      .toUpperCase()}`;
    const number =
      channel.kind === 'va' || channel.kind === 'retail' ? `${randomInt(1e7, 1e8)}${randomInt(1e7, 1e8)}` : '';
    const body = {
      merchantCode: credentials.merchantCode,
      reference,
      paymentUrl: `${origin}/topup/topupdirectv2.aspx?ref=${reference}`,
      vaNumber: number,
      qrString:
        channel.kind === 'qris'
          ? `00020101021226660014ID.DANA.WWW0118936009110021515${reference}5303360540${amount}6304502A`
          : '',
      amount: String(amount),
      statusCode: '00',
      statusMessage: 'SUCCESS',
    };
    orders.set(orderId, {
      reference,
      amount,
      method: String(b.paymentMethod),
      status: 'pending',
      raw: { request: b, response: body },
    });
    return { status: 200, body };
  }

  function transactionStatus(b: Json): Reply {
    if (b.merchantCode !== credentials.merchantCode) return refused(404, 'Merchant not found');
    const orderId = String(b.merchantOrderId ?? '');
    if (b.signature !== md5(`${credentials.merchantCode}${orderId}${credentials.apiKey}`))
      return refused(401, 'Wrong signature');
    const order = orders.get(orderId);
    if (!order) return refused(400, 'Transaction not found');
    const [statusCode, statusMessage] = STATES[order.status as keyof typeof STATES];
    return {
      status: 200,
      body: {
        merchantOrderId: orderId,
        reference: order.reference,
        amount: String(order.amount),
        fee: '0.00',
        statusCode,
        statusMessage,
      },
    };
  }

  function paymentMethods(b: Json): Reply {
    if (b.merchantcode !== credentials.merchantCode) return refused(404, 'Merchant not found');
    if (typeof b.datetime !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(b.datetime))
      return refused(400, 'datetime must be yyyy-MM-dd HH:mm:ss');
    if (b.signature !== sha256(`${credentials.merchantCode}${String(b.amount)}${b.datetime}${credentials.apiKey}`))
      return refused(401, 'Wrong signature');
    const paymentFee = Object.entries(CHANNELS).map(([code, c]) => ({
      paymentMethod: code,
      paymentName: c.name,
      paymentImage: `https://images.duitku.com/hotlink-ok/${code}.PNG`,
      totalFee: '0',
    }));
    return { status: 200, body: { paymentFee, responseCode: '00', responseMessage: 'SUCCESS' } };
  }

  /** JSON as DuitKu's samples send it; the status check is documented as a form too. */
  function parse(req: http.IncomingMessage, text: string): Json | null {
    if (/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
      return Object.fromEntries(new URLSearchParams(text));
    try {
      const json: unknown = JSON.parse(text);
      return json && typeof json === 'object' && !Array.isArray(json) ? (json as Json) : null;
    } catch {
      return null;
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text });
      const origin = `http://${req.headers.host}`;
      const path = new URL(req.url ?? '/', origin).pathname;
      const body = parse(req, text);
      const reply: Reply =
        req.method !== 'POST' || !path.startsWith(PREFIX)
          ? refused(404, 'No HTTP resource was found that matches the request URI')
          : !body
            ? refused(400, 'The request is invalid.')
            : path === `${PREFIX}/v2/inquiry`
              ? inquiry(body, origin)
              : path === `${PREFIX}/transactionStatus`
                ? transactionStatus(body)
                : path === `${PREFIX}/paymentmethod/getpaymentmethod`
                  ? paymentMethods(body)
                  : refused(404, 'No HTTP resource was found that matches the request URI');
      res
        .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function formCallback(p: {
    orderId: string;
    amount: number;
    method: string;
    reference: string;
    resultCode: string;
    forge?: boolean;
  }): FakeCallback {
    const key = p.forge ? `not-${credentials.apiKey}` : credentials.apiKey;
    const amount = String(p.amount);
    const fields = {
      merchantCode: credentials.merchantCode,
      amount,
      merchantOrderId: p.orderId,
      productDetail: 'Payment',
      additionalParam: '',
      paymentCode: p.method,
      resultCode: p.resultCode,
      merchantUserId: '',
      reference: p.reference,
      signature: md5(`${credentials.merchantCode}${amount}${p.orderId}${key}`),
      publisherOrderId: `MGUH${randomInt(1e9)}`,
      spUserHash: '',
      settlementDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
      issuerCode: CHANNELS[p.method]?.kind === 'qris' ? '93600918' : '',
    };
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    };
  }

  return {
    name: 'duitku',
    url: `http://127.0.0.1:${port}${PREFIX}`,
    credentials,
    orders,
    requests,
    callback(orderId, outcome, opts = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake DuitKu has no order ${orderId}`);
      // DuitKu changes the transaction before it calls back; a forger changes nothing.
      if (!opts.forge) order.status = outcome;
      // The callback knows only success (00) and failure (01); expiry is a failure.
      const resultCode = outcome === 'paid' ? '00' : '01';
      return formCallback({
        orderId,
        amount: opts.amount ?? order.amount,
        method: order.method,
        reference: order.reference,
        resultCode,
        forge: opts.forge,
      });
    },
    callbackForUnknown(orderId, amount) {
      return formCallback({
        orderId,
        amount,
        method: 'BC',
        reference: `${credentials.merchantCode}UNKNOWN${randomInt(1e6)}`,
        resultCode: '00',
      });
    },
    malformed() {
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ merchantCode: credentials.merchantCode, resultCode: '00' }).toString(),
      };
    },
    setStatus(orderId, outcome) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake DuitKu has no order ${orderId}`);
      order.status = outcome;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
