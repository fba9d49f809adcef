/**
 * Loopback stand-ins for the two HTTP WhatsApp transports, answering as their documentation
 * shows: the WhatsApp Cloud API (bearer token, Graph API error bodies, status webhooks
 * signed with the app secret) and a Fonnte-style gateway (bare token header, form body,
 * `{status: false, reason}` refusals with HTTP 200). Each records the messages it
 * acknowledged in `sent`, and `failNext(n, kind)` makes the next n sends fail that way, for
 * the retry and failover tests.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailKind = 'server_error' | 'invalid_number' | 'unauthorized' | 'timeout' | 'rate_limit';
/** The gateway also refuses when the account's quota is spent or its device is offline. */
export type GatewayFailKind = FailKind | 'quota' | 'device_disconnected';
export type SentMessage = { to: string; text: string; id: string };
export type RecordedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };

type Reply = { status: number; json: unknown } | { status: number; html: string } | 'no_answer';

interface Fake<K extends string> {
  /** What to configure the transport with (baseUrl for Cloud API, send URL for the gateway). */
  url: string;
  sent: SentMessage[];
  /** Every request, acknowledged or not, as received. */
  requests: RecordedRequest[];
  failNext(n: number, kind: K): void;
  close(): Promise<void>;
}

export interface CloudApiFake extends Fake<FailKind> {
  credentials: { phoneNumberId: string; accessToken: string; appSecret: string };
  /** A `messages` webhook carrying these statuses, signed as Meta signs it (or forged). */
  statusWebhook(
    statuses: { messageId: string; status: 'sent' | 'delivered' | 'read' | 'failed' }[],
    opts?: { forge?: boolean },
  ): { headers: Record<string, string>; body: string };
}

export interface HttpGatewayFake extends Fake<GatewayFailKind> {
  credentials: { token: string };
}

const GRAPH_VERSION = 'v21.0';

export async function startFakeCloudApi(): Promise<CloudApiFake> {
  const credentials = {
    phoneNumberId: '106540352242922',
    accessToken: `EAAG${randomBytes(24).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
  };
  const sent: SentMessage[] = [];
  const failures = failureQueue<FailKind>();

  const graphError = (status: number, code: number, title: string, details: string): Reply => ({
    status,
    json: {
      error: {
        message: `(#${code}) ${title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details },
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
  });
  const badToken = (): Reply => ({
    status: 401,
    json: {
      error: {
        message: 'Error validating access token: Session has expired.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
  });
  const FAILURES: Record<FailKind, () => Reply> = {
    server_error: () => graphError(500, 131000, 'Something went wrong', 'Something went wrong.'),
    invalid_number: () => graphError(400, 131026, 'Message undeliverable', 'Message Undeliverable.'),
    unauthorized: badToken,
    timeout: () => 'no_answer',
    rate_limit: () => graphError(400, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'),
  };

  function route(req: RecordedRequest): Reply {
    const match = /^\/v\d+\.\d+\/([^/?]+)\/messages$/.exec(req.path);
    if (req.method !== 'POST' || !match)
      return graphError(400, 100, 'Unsupported request', `Unknown path components: ${req.path}`);
    const failure = failures.take();
    if (failure) return FAILURES[failure]();
    if (req.headers.authorization !== `Bearer ${credentials.accessToken}`) return badToken();
    if (decodeURIComponent(match[1]) !== credentials.phoneNumberId) {
      return graphError(
        400,
        100,
        'Invalid parameter',
        `Unsupported post request. Object with ID '${match[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      );
    }
    const body = parseJson(req.body);
    if (!body) return graphError(400, 100, 'Invalid parameter', 'Request body is not valid JSON.');
    if (body.messaging_product !== 'whatsapp')
      return graphError(400, 100, 'Invalid parameter', 'The parameter messaging_product is required.');
    const text = (body.text as { body?: unknown } | undefined)?.body;
    if (body.type !== 'text' || typeof text !== 'string' || !text)
      return graphError(400, 100, 'Invalid parameter', "Param text['body'] is required.");
    if (typeof body.to !== 'string' || !/^\d{8,15}$/.test(body.to))
      return graphError(400, 100, 'Invalid parameter', 'Recipient phone number is not valid.');
    const id = `wamid.${randomBytes(30).toString('base64')}`;
    sent.push({ to: body.to, text, id });
    return {
      status: 200,
      json: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] },
    };
  }

  const server = await startServer(route);
  return {
    url: `${server.origin}/${GRAPH_VERSION}`,
    credentials,
    sent,
    requests: server.requests,
    failNext: failures.failNext,
    close: server.close,
    statusWebhook(statuses, opts = {}) {
      const now = String(Math.floor(Date.now() / 1000));
      const value = {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '6281100000000', phone_number_id: credentials.phoneNumberId },
        statuses: statuses.map((s) => ({
          id: s.messageId,
          status: s.status,
          timestamp: now,
          recipient_id: sent.find((m) => m.id === s.messageId)?.to ?? '6281234567890',
          ...(s.status === 'failed'
            ? {
                errors: [
                  {
                    code: 131026,
                    title: 'Message undeliverable',
                    message: 'Message undeliverable',
                    error_data: { details: 'Message Undeliverable.' },
                  },
                ],
              }
            : {}),
        })),
      };
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ value, field: 'messages' }] }],
      });
      const key = opts.forge ? `not-${credentials.appSecret}` : credentials.appSecret;
      return {
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', key).update(body).digest('hex')}`,
        },
        body,
      };
    },
  };
}

export async function startFakeHttpGateway(): Promise<HttpGatewayFake> {
  const credentials = { token: randomBytes(10).toString('base64url') };
  const sent: SentMessage[] = [];
  const failures = failureQueue<GatewayFailKind>();
  let nextId = 80_367_170;
  let requestId = 2_937_124;

  const refused = (reason: string, status = 200): Reply => ({ status, json: { reason, status: false } });
  const FAILURES: Record<GatewayFailKind, () => Reply> = {
    server_error: () => ({
      status: 500,
      html: '<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center></body></html>',
    }),
    invalid_number: () => refused('target invalid'),
    unauthorized: () => refused('token invalid'),
    timeout: () => 'no_answer',
    // Fonnte documents no throttling answer; this is the generic one a proxy in front gives.
    rate_limit: () => refused('too many requests, try again later', 429),
    quota: () => refused('insufficient quota'),
    device_disconnected: () => refused('device disconnected'),
  };

  function route(req: RecordedRequest): Reply {
    if (req.method !== 'POST' || req.path !== '/send') return refused('not found', 404);
    const failure = failures.take();
    if (failure) return FAILURES[failure]();
    if (req.headers.authorization !== credentials.token) return refused('token invalid');
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return refused('input invalid');
    const form = new URLSearchParams(req.body);
    const countryCode = form.get('countryCode') ?? '62';
    const raw = (form.get('target') ?? '').trim();
    // countryCode replaces a leading zero; "0" turns the replacement off.
    const target = countryCode !== '0' && raw.startsWith('0') ? `${countryCode}${raw.slice(1)}` : raw;
    if (!/^\d{8,15}$/.test(target)) return refused('target invalid');
    const message = form.get('message') ?? '';
    if (!message) return refused('input invalid');
    const id = String(nextId++);
    sent.push({ to: target, text: message, id });
    return {
      status: 200,
      json: {
        detail: 'success! message in queue',
        id: [id],
        process: 'pending',
        requestid: requestId++,
        status: true,
        target: [target],
      },
    };
  }

  const server = await startServer(route);
  return {
    url: `${server.origin}/send`,
    credentials,
    sent,
    requests: server.requests,
    failNext: failures.failNext,
    close: server.close,
  };
}

function failureQueue<K extends string>() {
  const queue: K[] = [];
  return {
    failNext(n: number, kind: K) {
      for (let i = 0; i < n; i++) queue.push(kind);
    },
    take: () => queue.shift(),
  };
}

async function startServer(route: (req: RecordedRequest) => Reply) {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = route(recorded);
      // Holds the connection open until the client gives up or the fake closes.
      if (reply === 'no_answer') return;
      if ('html' in reply) res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.html);
      else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
