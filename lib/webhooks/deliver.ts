import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Database } from '@/db/client';
import { events, jobs, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { gatewayRequest } from '@/lib/payments/http';
import { GatewayError } from '@/lib/payments/types';
import { type AddressPolicy, RefusedAddressError, resolveEndpoint } from './address';
import { countFinalFailure } from './cutoff';
import type { DeliveryError } from './delivery-errors';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** The most of a receiver's answer kept in the log. */
export const RESPONSE_KEPT_CHARS = 2048;
export const USER_AGENT = 'Jaring-Webhooks/1';

/** A failed attempt: the job throws it and the queue tries again after its back-off. */
export class WebhookDeliveryError extends Error {
  constructor(
    readonly code: DeliveryError,
    readonly statusCode: number | null,
  ) {
    super(`webhook delivery failed: ${code}${statusCode ? ` (HTTP ${statusCode})` : ''}`);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * The Standard Webhooks request (https://www.standardwebhooks.com): the body is
 * `{type, timestamp, data}`, and `webhook-signature` is `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` made by the `standardwebhooks` package itself, so a receiver's
 * `new Webhook(secret).verify(body, headers)` accepts it. The id is the delivery's: the same
 * on every retry and replay, for the receiver to drop duplicates.
 */
export function signedRequest(p: { secret: string; deliveryId: string; body: string; at: Date }) {
  const at = new Date(Math.floor(p.at.getTime() / 1000) * 1000);
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': p.deliveryId,
    'webhook-timestamp': String(at.getTime() / 1000),
    'webhook-signature': new Webhook(p.secret).sign(p.deliveryId, at, p.body),
  };
}

type Outcome = { ok: boolean; statusCode: number | null; error: DeliveryError | null; responseBody: string | null };

async function post(url: string, headers: Record<string, string>, payload: unknown, o: Options): Promise<Outcome> {
  try {
    // A name that does not resolve (ENOTFOUND, a resolver down) is an unreachable receiver like
    // any other: the attempt is logged and counted, never left pending with nothing recorded.
    const connectTo = await resolveEndpoint(url, o.policy).catch((error: unknown) => {
      if (error instanceof RefusedAddressError) throw error;
      throw new GatewayError('unreachable', 'the address does not resolve');
    });
    const { 'content-type': _json, ...rest } = headers;
    const res = await gatewayRequest({
      method: 'POST',
      url,
      headers: rest,
      json: payload,
      idempotent: false,
      timeoutMs: o.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      connectTo,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: Postgres text cannot hold NUL
    const responseBody = res.text.slice(0, RESPONSE_KEPT_CHARS).replace(/\u0000/g, '');
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : 'http_status', responseBody };
  } catch (error) {
    if (error instanceof RefusedAddressError) {
      console.warn(`[webhooks] ${error.message}`);
      return { ok: false, statusCode: null, error: 'address_refused', responseBody: null };
    }
    if (!(error instanceof GatewayError)) throw error;
    const code: DeliveryError =
      error.code === 'timeout'
        ? 'timeout'
        : error.code === 'bad_response'
          ? 'too_large'
          : /redirect/i.test(error.message)
            ? 'redirect'
            : 'unreachable';
    return { ok: false, statusCode: null, error: code, responseBody: null };
  }
}

type Options = { policy?: AddressPolicy; timeoutMs?: number };

/**
 * One attempt of one delivery. 2xx: delivered, and the endpoint's count of failures starts
 * again. Otherwise the attempt is logged and a WebhookDeliveryError thrown for the queue to
 * retry; on the `final` attempt the delivery is failed for good and, unless it was a manual
 * one (a test, a replay), counted towards the endpoint's cut-off (lib/webhooks/cutoff.ts).
 */
export async function attemptDelivery(
  db: Database,
  p: { orgId: string; deliveryId: string; final: boolean; manual?: boolean } & Options,
) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, p.deliveryId), eq(webhookDeliveries.organizationId, p.orgId)));
  if (!row) return { skipped: 'gone' };
  const { delivery, endpoint, event } = row;
  if (delivery.status === 'delivered') return { skipped: 'delivered' };
  if (!endpoint.enabled) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'endpoint_disabled' })
      .where(eq(webhookDeliveries.id, delivery.id));
    return { skipped: 'endpoint_disabled' };
  }
  const payload = { type: event.type, timestamp: event.createdAt.toISOString(), data: event.data };
  const headers = signedRequest({
    secret: decryptSecret(endpoint.secret),
    deliveryId: delivery.id,
    body: JSON.stringify(payload),
    at: new Date(),
  });
  const outcome = await post(endpoint.url, headers, payload, p);
  const status = outcome.ok ? 'delivered' : p.final ? 'failed' : 'pending';
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        responseBody: outcome.responseBody,
        lastAttemptAt: sql`now()`,
        deliveredAt: outcome.ok ? sql`now()` : null,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (outcome.ok)
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.consecutiveFailures} > 0`));
    else if (p.final && !p.manual) await countFinalFailure(tx, { orgId: p.orgId, endpointId: endpoint.id });
  });
  if (!outcome.ok) throw new WebhookDeliveryError(outcome.error!, outcome.statusCode);
  return { delivered: true, statusCode: outcome.statusCode };
}

/** The worker's attempt: final when the queue has no attempt left after this one. */
export async function runDeliveryJob(
  db: Database,
  p: { orgId: string; deliveryId: string; manual: boolean; jobId: string },
) {
  const [job] = await db
    .select({ attempts: jobs.attempts, maxAttempts: jobs.maxAttempts })
    .from(jobs)
    .where(and(eq(jobs.id, p.jobId), eq(jobs.organizationId, p.orgId)));
  const final = !job || job.attempts >= job.maxAttempts;
  return attemptDelivery(db, { ...p, final });
}
