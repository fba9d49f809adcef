import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type CallbackOutcome, gatewayTransactions, paymentCallbacks, paymentGateways } from '@/db/schema';
import { maskSecret } from '@/lib/crypto';
import { configOf } from './config';
import { gatewayModule } from './gateways';
import { applyGatewayStatus } from './settle';
import { CallbackError, type CallbackRequest, type GatewayConfig, type PaymentGateway } from './types';

export type CallbackResponse = { status: number; body: unknown };
export const CALLBACK_MAX_BYTES = 64 * 1024;

const VERIFIED = new Set<CallbackOutcome>([
  'settled',
  'duplicate',
  'updated',
  'ignored',
  'mismatch',
  'unconfirmed',
  'error',
]);
const UNVERIFIED_BODY_CHARS = 2_000;

/** Headers that authenticate a callback are secrets of the account: stored masked. */
const SECRET_HEADERS = new Set(['x-callback-token', 'authorization', 'cookie']);

/**
 * One callback from a gateway, start to finish: find the order (the body names it; the URL
 * is shared by every organization), verify it with that organization's keys, then apply it
 * under the transaction's row lock. Every callback is stored with what became of it.
 * Statuses: 400 malformed, 401 bad signature, 404 unknown order, 409 amount/currency
 * mismatch (held for review) or a paid status the gateway's status API does not confirm
 * (DuitKu; the gateway retries); otherwise the gateway's own acknowledgement.
 */
export async function receiveCallback(
  db: Db,
  p: { gateway: string; rawBody: string; headers: Headers; remoteIp: string | null },
): Promise<CallbackResponse> {
  const module = gatewayModule(p.gateway);
  if (!module) return { status: 404, body: { error: 'unknown_gateway' } };
  const req: CallbackRequest = { rawBody: p.rawBody, headers: p.headers };
  const log = (
    outcome: CallbackOutcome,
    status: number,
    extra: { orgId?: string; transactionId?: string; orderId?: string | null; detail?: string },
    handle: Db = db,
  ) =>
    handle.insert(paymentCallbacks).values({
      organizationId: extra.orgId ?? null,
      transactionId: extra.transactionId ?? null,
      gateway: module.name,
      orderId: extra.orderId ?? null,
      headers: storedHeaders(p.headers),
      // Anyone can post here: what no organization's keys verified is kept short.
      body: VERIFIED.has(outcome) ? p.rawBody : p.rawBody.slice(0, UNVERIFIED_BODY_CHARS),
      outcome,
      httpStatus: status,
      detail: extra.detail ?? null,
      remoteIp: p.remoteIp,
    });
  const reject = async (outcome: CallbackOutcome, status: number, extra: Parameters<typeof log>[2]) => {
    await log(outcome, status, extra);
    console.warn(
      `[payments] ${module.name} callback rejected: ${outcome} (${extra.detail ?? ''}) order=${extra.orderId ?? '-'} ip=${p.remoteIp ?? '-'}`,
    );
    return { status, body: { error: outcome } };
  };

  let orderId: string;
  try {
    orderId = module.parseCallbackOrderId(req);
  } catch (error) {
    return reject('malformed', 400, { detail: errorText(error) });
  }
  const [found] = await db
    .select({ transaction: gatewayTransactions, account: paymentGateways })
    .from(gatewayTransactions)
    .innerJoin(
      paymentGateways,
      and(
        eq(paymentGateways.organizationId, gatewayTransactions.organizationId),
        eq(paymentGateways.gateway, gatewayTransactions.gateway),
      ),
    )
    .where(and(eq(gatewayTransactions.gateway, module.name), eq(gatewayTransactions.orderId, orderId)));
  if (!found) return reject('unknown_order', 404, { orderId });
  const ids = { orgId: found.transaction.organizationId, transactionId: found.transaction.id, orderId };

  let config: GatewayConfig;
  try {
    config = configOf(found.account);
  } catch (error) {
    // The stored keys do not decrypt (APP_ENCRYPTION_KEY changed?): our fault, so the gateway retries.
    await log('error', 500, { ...ids, detail: `keys unreadable: ${errorText(error)}` });
    return { status: 500, body: { error: 'internal' } };
  }
  let verdict;
  try {
    verdict = module.handleCallback(config, req);
  } catch (error) {
    if (error instanceof CallbackError && error.reason === 'signature')
      return reject('forged', 401, { ...ids, detail: error.message });
    return reject('malformed', 400, { ...ids, detail: errorText(error) });
  }
  if (verdict.orderId !== orderId)
    return reject('malformed', 400, { ...ids, detail: 'order id changed between parse and verify' });
  if (module.confirmCallbacks === 'all' || (module.confirmCallbacks === 'paid' && verdict.status === 'paid')) {
    const confirmed = await statusAtGateway(module, config, found.transaction);
    if (confirmed !== verdict.status)
      return reject('unconfirmed', 409, {
        ...ids,
        detail: `callback says ${verdict.status}, status check says ${confirmed}`,
      });
  }

  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(gatewayTransactions)
        .where(eq(gatewayTransactions.id, found.transaction.id))
        .for('update');
      const { outcome, transaction } = await applyGatewayStatus(tx, {
        transaction: locked!,
        update: verdict,
        source: 'callback',
        actorUserId: null,
        ip: p.remoteIp,
      });
      const status = outcome === 'mismatch' ? 409 : module.callbackAck().status;
      await log(
        outcome,
        status,
        { ...ids, detail: outcome === 'mismatch' ? (transaction.reviewReason ?? undefined) : verdict.gatewayStatus },
        tx,
      );
      if (outcome === 'mismatch')
        console.warn(
          `[payments] ${module.name} callback held for review: order=${orderId} ${transaction.reviewReason ?? ''}`,
        );
      return outcome === 'mismatch' ? { status, body: { error: 'held_for_review' } } : module.callbackAck();
    });
  } catch (error) {
    // Nothing was applied (rolled back): keep the callback and why, and let the gateway retry.
    console.error(`[payments] ${module.name} callback for ${orderId} failed`, error);
    await log('error', 500, { ...ids, detail: errorText(error) }).catch(() => {});
    return { status: 500, body: { error: 'internal' } };
  }
}

/** The gateway's own status API, for callbacks whose signature does not cover the status. */
async function statusAtGateway(
  module: PaymentGateway,
  config: GatewayConfig,
  t: { orderId: string; reference: string | null },
) {
  try {
    return (await module.checkStatus({ ...config, timeoutMs: 10_000 }, { orderId: t.orderId, reference: t.reference }))
      .status;
  } catch (error) {
    return `unavailable (${errorText(error)})`;
  }
}

function storedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = SECRET_HEADERS.has(key.toLowerCase()) ? maskSecret(value) : value;
  });
  return out;
}

function errorText(error: unknown) {
  return error instanceof Error ? error.message.slice(0, 300) : String(error);
}
