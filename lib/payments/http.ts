import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { readStreamCapped } from '@/lib/server/body';
import { GatewayError } from './types';

export type GatewayRequest = {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /**
   * Whether the call may be repeated when it fails without an answer, answers 429 or 5xx.
   * Reads are; creating a payment is only when the gateway dedupes it (an order id it
   * refuses twice, an idempotency key).
   */
  idempotent: boolean;
  timeoutMs?: number;
  /**
   * Connect to this address instead of resolving the URL's host again (the address a
   * public-address check approved: a DNS-rebinding name cannot swap it). The URL's host
   * still names the request (Host header, TLS server name and certificate check).
   */
  connectTo?: { address: string; family: 4 | 6 };
};

export type GatewayResponse = { status: number; body: unknown; text: string };

const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * The most of an answer that is read. Gateway and WhatsApp-gateway answers are a few KB; a
 * URL a tenant typed could stream gigabytes into the worker's memory, so reading stops here.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

function tooLarge() {
  return new GatewayError(
    'bad_response',
    `the answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB: not read (check the gateway URL)`,
  );
}

/** The body as text, read until MAX_RESPONSE_BYTES and no further. */
async function cappedText(res: Response): Promise<string> {
  if (Number(res.headers.get('content-length') ?? 0) > MAX_RESPONSE_BYTES) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const bytes = await readStreamCapped(res.body, MAX_RESPONSE_BYTES);
  if (!bytes) throw tooLarge();
  return Buffer.from(bytes).toString('utf8');
}

const ATTEMPTS = 3;
const BACKOFF_MS = [300, 1000];

/**
 * The one HTTP client for outbound calls to payment gateways: a timeout per attempt, up to
 * three attempts with back-off for idempotent calls, and errors that say what happened.
 * A non-2xx answer is returned, not thrown: each gateway reads its own error bodies.
 */
export async function gatewayRequest(req: GatewayRequest): Promise<GatewayResponse> {
  const attempts = req.idempotent ? ATTEMPTS : 1;
  let last: GatewayError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, BACKOFF_MS[attempt - 1] ?? 1000));
    try {
      const res = await send(req);
      if ((res.status === 429 || res.status >= 500) && attempt < attempts - 1) {
        last = new GatewayError('rejected', `HTTP ${res.status}`, res.status, res.body);
        continue;
      }
      return res;
    } catch (error) {
      last = toGatewayError(error, req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      // The same URL would send the same flood again.
      if (last.code === 'bad_response') throw last;
    }
  }
  throw last!;
}

async function send(req: GatewayRequest): Promise<GatewayResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }
  const signal = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { status, text } = req.connectTo
    ? await sendTo(req.connectTo, req, headers, body, signal)
    : await fetch(req.url, { method: req.method, headers, body, signal, redirect: 'error' }).then(async (res) => ({
        status: res.status,
        text: await cappedText(res),
      }));
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // some error pages are HTML; the caller sees the text
  }
  return { status, body: parsed, text };
}

/** One request over node:http(s) whose socket goes to `to`; redirects are refused, as with fetch above. */
function sendTo(
  to: { address: string; family: 4 | 6 },
  req: GatewayRequest,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
) {
  const url = new URL(req.url);
  const lookup: LookupFunction = (_host, options, callback) =>
    options.all
      ? (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [to])
      : callback(null, to.address, to.family);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new GatewayError('unreachable', `unsupported protocol ${url.protocol}`));
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: req.method,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        lookup,
        signal,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          reject(new GatewayError('unreachable', `redirected to ${res.headers.location}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const refuse = () => {
          reject(tooLarge());
          res.destroy();
          request.destroy();
        };
        if (Number(res.headers['content-length'] ?? 0) > MAX_RESPONSE_BYTES) return refuse();
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) refuse();
          else chunks.push(c);
        });
        res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.on('error', (error) =>
      reject(signal.aborted ? signal.reason : Object.assign(new Error(error.message), { cause: error })),
    );
    request.end(body);
  });
}

function toGatewayError(error: unknown, timeoutMs: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new GatewayError('timeout', `no answer within ${timeoutMs} ms`);
  const code = e?.cause?.code ?? (error as Error)?.message ?? 'unknown';
  return new GatewayError('unreachable', String(code));
}

/**
 * Rejects the answers every gateway treats alike: bad keys, and anything not 2xx. `describe`
 * reads the gateway's own explanation from an error body, added to the message when there is one.
 */
export function expectOk(res: GatewayResponse, what: string, describe: (body: unknown) => string = () => ''): unknown {
  const detail = describe(res.body);
  const head = `${what}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`;
  if (res.status === 401 || res.status === 403) throw new GatewayError('unauthorized', head, res.status, res.body);
  if (res.status < 200 || res.status >= 300) throw new GatewayError('rejected', head, res.status, res.body);
  if (res.body === null || typeof res.body !== 'object')
    throw new GatewayError('bad_response', `${what}: not JSON`, res.status, res.text.slice(0, 200));
  return res.body;
}
