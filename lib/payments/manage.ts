import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { TaskError } from '@/db/schema';
import { gatewayTransactionEvents, gatewayTransactions, paymentCallbacks } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { recordTaskFailure, recordTasksOk, taskErrorCode } from '@/lib/jobs/task-status';
import { AppError } from '@/lib/server/errors';
import { loadGatewayConfig } from './config';
import { gatewayFailure } from './errors';
import { GATEWAY_MODULES } from './gateways';
import { runPaymentHandlers } from './handlers';
import { transactionOf } from './refund';
import { applyGatewayStatus, changeStatus, settle } from './settle';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/**
 * Asks the gateway for the transaction's status and applies it exactly as a callback would:
 * what finance's "Re-check" button and the worker's sweep for lost callbacks both do.
 */
export async function recheckTransaction(db: Db, p: Actor & { transactionId: string; timeoutMs?: number }) {
  const t = await transactionOf(db, { orgId: p.orgId, transactionId: p.transactionId });
  const loaded = await loadGatewayConfig(db, { orgId: p.orgId, gateway: t.gateway });
  if (!loaded) throw new AppError('gateway_not_configured', { gateway: GATEWAY_MODULES[t.gateway].label });
  let status;
  try {
    status = await GATEWAY_MODULES[t.gateway].checkStatus(
      { ...loaded.config, timeoutMs: p.timeoutMs ?? loaded.config.timeoutMs },
      { orderId: t.orderId, reference: t.reference },
    );
  } catch (error) {
    throw gatewayFailure(error);
  }
  return db.transaction(async (tx) => {
    const locked = await transactionOf(tx, { orgId: p.orgId, transactionId: t.id }, true);
    const update = { ...status, gatewayStatus: `${status.status}` };
    const { outcome, transaction } = await applyGatewayStatus(tx, {
      transaction: locked,
      update,
      source: 'check',
      actorUserId: p.actorUserId,
      ip: p.ip,
    });
    if (transaction.status === locked.status) {
      // Nothing changed, but the check itself belongs in the history finance reads.
      await tx.insert(gatewayTransactionEvents).values({
        transactionId: t.id,
        organizationId: t.organizationId,
        fromStatus: locked.status,
        toStatus: locked.status,
        source: 'check',
        gatewayStatus: status.status,
        actorUserId: p.actorUserId,
      });
    }
    return { outcome, status: transaction.status, gatewayStatus: status.status };
  });
}

/**
 * Finance decides on a payment held for review (the gateway reported another amount or
 * currency). Accepting pays invoices with what was actually received, less the fee the
 * customer was to pay; rejecting closes it (the money is returned in the gateway dashboard).
 */
export async function resolveReview(
  db: Db,
  p: Actor & { transactionId: string; decision: 'accept' | 'reject'; note: string },
) {
  return db.transaction(async (tx) => {
    const t = await transactionOf(tx, { orgId: p.orgId, transactionId: p.transactionId }, true);
    if (t.status !== 'review') throw new AppError('payment_not_in_review');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: `payment.review_${p.decision}ed`,
      entityType: 'gateway_transaction',
      entityId: t.id,
      data: { orderId: t.orderId, note: p.note, receivedAmount: t.receivedAmount },
    });
    if (p.decision === 'reject') {
      const failed = await changeStatus(tx, {
        ...p,
        transaction: t,
        to: 'failed',
        set: {},
        source: 'review',
        note: p.note,
      });
      // What waited for the payment (a wallet top-up request) is closed with it.
      await runPaymentHandlers(tx, 'failed', { transaction: failed, actorUserId: p.actorUserId, ip: p.ip });
      return failed;
    }
    // Only a rupiah amount the gateway reported can be credited; anything else is rejected
    // here and settled by hand (a counter payment) if finance finds the money.
    if (
      t.receivedAmount === null ||
      t.receivedAmount <= 0 ||
      t.currency !== 'IDR' ||
      (t.reviewReason ?? '').startsWith('currency')
    )
      throw new AppError('review_amount_unknown');
    const received = t.receivedAmount;
    const amount = Math.max(0, received - (t.feeBearer === 'customer' ? t.fee : 0));
    const [withAmount] = await tx
      .update(gatewayTransactions)
      .set({ amount })
      .where(eq(gatewayTransactions.id, t.id))
      .returning();
    const update = {
      status: 'paid' as const,
      amount: received,
      currency: t.currency,
      reference: t.reference,
      paidAt: null,
      gatewayStatus: 'review',
    };
    return settle(tx, {
      ...p,
      transaction: withAmount!,
      update,
      source: 'review',
      receivedAmount: received,
      note: p.note,
    });
  });
}

/**
 * The worker's sweep: pending payments older than a few minutes are checked with their
 * gateway, so a callback that never arrived (a firewall, an outage on our side) cannot
 * leave a paid customer isolated. A gateway that fails is tried again on the next sweep;
 * one that fails three times is left alone for this sweep, and the sweep stops after
 * `budgetMs`, so an outage cannot hold a worker slot past the next tick.
 */
/** Callbacks nobody's keys verified (unknown orders, garbage) are kept 30 days, then dropped. */
export async function pruneUnverifiedCallbacks(db: Db) {
  const rows = await db
    .delete(paymentCallbacks)
    .where(
      and(isNull(paymentCallbacks.organizationId), lt(paymentCallbacks.createdAt, sql`now() - interval '30 days'`)),
    )
    .returning({ id: paymentCallbacks.id });
  return rows.length;
}

export async function sweepPendingTransactions(
  db: Db,
  p: { olderThanMinutes: number; limit: number; budgetMs?: number },
) {
  const until = Date.now() + (p.budgetMs ?? 4 * 60_000);
  const failures = new Map<string, number>();
  const due = await db
    .select({
      id: gatewayTransactions.id,
      orgId: gatewayTransactions.organizationId,
      gateway: gatewayTransactions.gateway,
    })
    .from(gatewayTransactions)
    .where(
      and(
        eq(gatewayTransactions.status, 'pending'),
        lt(gatewayTransactions.createdAt, sql`now() - make_interval(mins => ${p.olderThanMinutes})`),
        sql`${gatewayTransactions.reference} is not null`,
        // Past their expiry by more than a day they are settled by the gateway one way or the other.
        sql`coalesce(${gatewayTransactions.expiresAt}, now()) > now() - interval '1 day'`,
      ),
    )
    .orderBy(asc(gatewayTransactions.updatedAt))
    .limit(p.limit);
  const results = { checked: 0, changed: 0, failed: 0 };
  // Each organization's outcome is recorded (its admins see a gateway that keeps failing).
  const outcome = new Map<string, TaskError | null>();
  for (const t of due) {
    const account = `${t.orgId}:${t.gateway}`;
    if (Date.now() > until || (failures.get(account) ?? 0) >= 3) continue;
    try {
      const r = await recheckTransaction(db, {
        orgId: t.orgId,
        transactionId: t.id,
        actorUserId: null,
        ip: null,
        timeoutMs: 8_000,
      });
      results.checked++;
      if (!outcome.has(t.orgId)) outcome.set(t.orgId, null);
      if (r.outcome === 'settled' || r.outcome === 'updated' || r.outcome === 'mismatch') results.changed++;
    } catch (error) {
      results.failed++;
      outcome.set(t.orgId, taskErrorCode(error));
      failures.set(account, (failures.get(account) ?? 0) + 1);
      await db.update(gatewayTransactions).set({ updatedAt: sql`now()` }).where(eq(gatewayTransactions.id, t.id));
      const detail = error instanceof AppError ? `${error.code} ${error.params.detail ?? ''}` : String(error);
      console.warn(`[payments] re-check of ${t.id} (${t.gateway}) failed: ${detail}`);
    }
  }
  try {
    for (const [orgId, error] of outcome) if (error) await recordTaskFailure(db, { orgId, task: 'payments', error });
    await recordTasksOk(db, {
      orgIds: [...outcome].filter(([, error]) => !error).map(([orgId]) => orgId),
      task: 'payments',
    });
  } catch (error) {
    console.warn(`[payments] recording the re-checks failed: ${String(error)}`);
  }
  return results;
}
