/**
 * The WhatsApp Cloud API (Meta's Graph API, `POST /{phone-number-id}/messages`): a business
 * phone number hosted by Meta, a bearer access token, delivery receipts through the
 * `messages` webhook signed with the app secret. A 200 answer with `messages[0].id` (a
 * `wamid.…`) is Meta's acknowledgement; delivery and read come later as statuses.
 *
 * Free-form text is only delivered inside the 24-hour customer service window (the
 * customer wrote to the number in the last 24 hours); outside it Meta refuses with
 * #131047 and only an approved template would go through.
 */
import { createHmac } from 'node:crypto';
import { type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import { safeEqual } from '@/lib/payments/signature';
import { type MessageTransport, TransportError } from '../types';
import { noAnswerError } from './errors';

export const CLOUD_API_BASE_URL = 'https://graph.facebook.com/v21.0';

export type CloudApiConfig = {
  baseUrl?: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
};

/**
 * Error codes from Meta's Cloud API error table, grouped by what the sender should do.
 * Meta asks integrations to act on `code` (titles in `message` will go away), and gives
 * throttling and most refusals HTTP 400, so the HTTP status alone says little.
 */
const AUTH_CODES = new Set([0, 190]); // AuthException, access token expired/invalid
const PERMISSION_CODES = new Set([3, 10]); // capability / permission missing (also 200–299)
const INVALID_RECIPIENT_CODES = new Set([131026, 131030]); // undeliverable, not in the test allow-list
const RATE_LIMIT_CODES = new Set([4, 80007, 130429, 131048, 131056]); // app, account, throughput, spam, pair limits
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016]); // unknown, service down, "something went wrong", unavailable

export function createCloudApiTransport(config: CloudApiConfig): MessageTransport {
  const root = (config.baseUrl ?? CLOUD_API_BASE_URL).replace(/\/+$/, '');
  const url = `${root}/${encodeURIComponent(config.phoneNumberId)}/messages`;
  return {
    kind: 'cloud_api',
    async sendText(to, text) {
      const res = await post(url, config, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'text',
        text: { preview_url: false, body: text },
      });
      if (res.status < 200 || res.status >= 300) throw cloudApiError(res);
      const body = res.body as { messages?: { id?: unknown }[] } | null;
      const id = typeof body === 'object' && body !== null ? body.messages?.[0]?.id : undefined;
      // A 2xx without an id is not an acknowledgement: it may have been a proxy's page.
      if (typeof id !== 'string' || !id)
        throw new TransportError(
          'bad_response',
          `WhatsApp Cloud API answered HTTP ${res.status} without a message id`,
          true,
        );
      return { messageId: id };
    },
  };
}

async function post(url: string, config: CloudApiConfig, json: unknown): Promise<GatewayResponse> {
  try {
    // Not idempotent: Meta has no idempotency key for messages, so one attempt only.
    return await gatewayRequest({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${config.accessToken}` },
      json,
      idempotent: false,
      timeoutMs: config.timeoutMs,
    });
  } catch (error) {
    throw noAnswerError(error, 'WhatsApp Cloud API');
  }
}

type GraphError = {
  message?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  error_data?: { details?: unknown };
  fbtrace_id?: unknown;
};

function cloudApiError(res: GatewayResponse): TransportError {
  const error = ((res.body as { error?: GraphError } | null)?.error ?? {}) as GraphError;
  const code = typeof error.code === 'number' ? error.code : Number(error.code);
  const detail = [error.error_data?.details, error.message].find((s): s is string => typeof s === 'string' && s !== '');
  const trace = typeof error.fbtrace_id === 'string' ? ` (fbtrace_id ${error.fbtrace_id})` : '';
  const message = `WhatsApp Cloud API HTTP ${res.status}${Number.isFinite(code) ? ` #${code}` : ''}: ${detail ?? res.text.slice(0, 200)}${trace}`;

  if (res.status === 401 || AUTH_CODES.has(code)) return new TransportError('unauthorized', message, false);
  if (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299))
    return new TransportError('unauthorized', message, false);
  if (INVALID_RECIPIENT_CODES.has(code)) return new TransportError('invalid_number', message, false);
  if (RATE_LIMIT_CODES.has(code) || TRANSIENT_CODES.has(code)) return new TransportError('rejected', message, true);
  if (res.status === 429 || res.status >= 500) return new TransportError('rejected', message, true);
  if (res.status === 403) return new TransportError('unauthorized', message, false);
  return new TransportError('rejected', message, false);
}

/**
 * Meta signs each webhook POST with HMAC-SHA256 of the raw body under the app secret and
 * sends it as `X-Hub-Signature-256: sha256=<hex>`. Verify against the bytes as received:
 * re-serialised JSON would not match.
 */
export function verifyCloudApiWebhook(
  rawBody: string | Buffer,
  signatureHeader: string | null | undefined,
  appSecret: string,
): boolean {
  if (!appSecret || !signatureHeader?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest('hex');
  return safeEqual(expected, signatureHeader.slice('sha256='.length).toLowerCase());
}

export type CloudApiStatus = {
  messageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** For `failed`: Meta's code and explanation, e.g. "#131026 Message undeliverable". */
  error?: string;
};

const STATUSES = new Set<CloudApiStatus['status']>(['sent', 'delivered', 'read', 'failed']);

/**
 * The message statuses in a `messages` webhook body (entry[].changes[].value.statuses[]).
 * Inbound messages and statuses we do not track (voice `played`) are skipped; Meta does
 * not promise order, so the caller must not move a message back from read to delivered.
 */
export function parseCloudApiStatuses(body: unknown): CloudApiStatus[] {
  const out: CloudApiStatus[] = [];
  for (const entry of arrayAt(body, 'entry')) {
    for (const change of arrayAt(entry, 'changes')) {
      const value = (change as { value?: unknown }).value;
      for (const raw of arrayAt(value, 'statuses')) {
        const s = raw as { id?: unknown; status?: unknown; errors?: unknown };
        if (typeof s.id !== 'string' || !STATUSES.has(s.status as CloudApiStatus['status'])) continue;
        const status: CloudApiStatus = { messageId: s.id, status: s.status as CloudApiStatus['status'] };
        if (status.status === 'failed') status.error = describeErrors(s.errors);
        out.push(status);
      }
    }
  }
  return out;
}

function describeErrors(errors: unknown): string {
  const first = Array.isArray(errors)
    ? (errors[0] as
        | { code?: unknown; title?: unknown; message?: unknown; error_data?: { details?: unknown } }
        | undefined)
    : undefined;
  if (!first) return 'failed without an error from WhatsApp';
  const text = [first.title ?? first.message, first.error_data?.details]
    .filter((s) => typeof s === 'string' && s !== '')
    .join(': ');
  return `${first.code !== undefined ? `#${String(first.code)} ` : ''}${text}`.trim() || 'failed';
}

function arrayAt(value: unknown, key: string): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const v = (value as Record<string, unknown>)[key];
  return Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null) : [];
}

export type CloudApiInbound = {
  messageId: string;
  /** The sender's WhatsApp number (wa_id: country code and number, no +). */
  from: string;
  text: string;
  /** When the customer sent it (Meta's `timestamp`, seconds). */
  sentAt: Date;
};

/**
 * The customers' text messages in a `messages` webhook body
 * (entry[].changes[].value.messages[] with `type: "text"`). Media, reactions, buttons and
 * system messages are skipped: the assistant reads text only. Meta may deliver a webhook
 * again; the caller stores by message id, so a repeat is handled once.
 */
export function parseCloudApiMessages(body: unknown): CloudApiInbound[] {
  const out: CloudApiInbound[] = [];
  for (const entry of arrayAt(body, 'entry')) {
    for (const change of arrayAt(entry, 'changes')) {
      const value = (change as { value?: unknown }).value;
      for (const raw of arrayAt(value, 'messages')) {
        const m = raw as {
          id?: unknown;
          from?: unknown;
          type?: unknown;
          timestamp?: unknown;
          text?: { body?: unknown };
        };
        const text = m.text?.body;
        if (m.type !== 'text' || typeof m.id !== 'string' || typeof m.from !== 'string' || typeof text !== 'string')
          continue;
        if (!/^\d{6,16}$/.test(m.from) || !text.trim()) continue;
        const seconds = Number(m.timestamp);
        out.push({
          messageId: m.id,
          from: m.from,
          text,
          sentAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date(),
        });
      }
    }
  }
  return out;
}
