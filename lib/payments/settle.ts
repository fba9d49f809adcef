import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  type GatewayTransaction,
  type GatewayTxStatus,
  gatewayTransactionEvents,
  gatewayTransactions,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { reversePayment } from '@/lib/billing/invoice-payments';
import { runPaymentHandlers } from './handlers';
import { trustedPaidAt } from './paid-time';
import type { GatewayStatus } from './types';

/** What a gateway told us about a transaction, by callback or by a status check. */
export type StatusUpdate = {
  status: GatewayStatus;
  amount: number | null;
  currency: string;
  reference: string | null;
  paidAt: Date | null;
  gatewayStatus: string;
};
export type UpdateSource = 'callback' | 'check';
export type ApplyOutcome = 'settled' | 'duplicate' | 'updated' | 'ignored' | 'mismatch';

type Actor = { actorUserId: string | null; ip: string | null };

/**
 * The one place a gateway transaction changes state. The caller holds the row locked (FOR
 * UPDATE) inside its database transaction, so twenty copies of a callback arriving at once
 * queue on the lock and only the first finds the transaction pending: the invoice is paid
 * once. A paid status whose amount or currency differs from what we asked the gateway to
 * charge is held for review, never settled.
 */
export async function applyGatewayStatus(
  tx: Db,
  p: Actor & { transaction: GatewayTransaction; update: StatusUpdate; source: UpdateSource },
): Promise<{ outcome: ApplyOutcome; transaction: GatewayTransaction }> {
  const t = p.transaction;
  const u = p.update;
  if (u.status === 'paid') {
    if (t.status === 'paid' || t.status === 'refunded') return { outcome: 'duplicate', transaction: t };
    // Held, or already decided by finance (a rejected mismatch): the gateway's retries of the
    // same callback change nothing.
    if (t.status === 'review' || (t.status === 'failed' && t.reviewReason))
      return { outcome: 'mismatch', transaction: t };
    const mismatch = mismatchReason(t, u);
    if (mismatch) {
      const held = await changeStatus(tx, {
        ...p,
        to: 'review',
        set: { reviewReason: mismatch, receivedAmount: u.amount },
        note: mismatch,
      });
      await recordAudit(tx, {
        orgId: t.organizationId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: 'payment.gateway_review',
        entityType: 'gateway_transaction',
        entityId: t.id,
        data: { orderId: t.orderId, reason: mismatch },
      });
      return { outcome: 'mismatch', transaction: held };
    }
    return { outcome: 'settled', transaction: await settle(tx, { ...p, receivedAmount: u.amount ?? t.chargedAmount }) };
  }
  if (u.status === 'expired' || u.status === 'failed') {
    if (t.status !== 'pending') return { outcome: 'ignored', transaction: t };
    const changed = await changeStatus(tx, { ...p, to: u.status, set: {} });
    await runPaymentHandlers(tx, 'failed', { transaction: changed, actorUserId: p.actorUserId, ip: p.ip });
    return { outcome: 'updated', transaction: changed };
  }
  if (u.status === 'partially_refunded' && t.status === 'paid') {
    // Part of the money went back: which invoice should reopen, and by how much, is finance's
    // call. The payment stays paid, marked, with the event in its history.
    const reason = `partial refund at the gateway (${u.gatewayStatus})`;
    const held = await changeStatus(tx, { ...p, to: 'paid', set: { reviewReason: reason }, note: reason });
    await recordAudit(tx, {
      orgId: t.organizationId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'payment.gateway_review',
      entityType: 'gateway_transaction',
      entityId: t.id,
      data: { orderId: t.orderId, reason },
    });
    return { outcome: 'updated', transaction: held };
  }
  if (u.status === 'refunded' && t.status === 'paid') {
    // A refund made in the gateway's own dashboard: take the payment back as ours would.
    return {
      outcome: 'updated',
      transaction: await reverseTransactionPayment(tx, {
        ...p,
        transaction: t,
        amount: t.receivedAmount ?? t.chargedAmount,
        source: p.source,
        note: u.gatewayStatus,
      }),
    };
  }
  return { outcome: 'ignored', transaction: t };
}

function mismatchReason(t: GatewayTransaction, u: StatusUpdate): string | null {
  if (u.currency.toUpperCase() !== t.currency) return `currency ${u.currency} ≠ ${t.currency}`;
  if (u.amount === null) return 'amount not reported';
  if (u.amount !== t.chargedAmount) return `amount ${u.amount} ≠ ${t.chargedAmount}`;
  return null;
}

/** Marks the transaction paid and runs its purpose's handlers (billing, wallet) to pay what it was for. */
export async function settle(
  tx: Db,
  p: Actor & {
    transaction: GatewayTransaction;
    update: StatusUpdate;
    source: UpdateSource | 'review';
    receivedAmount: number;
    note?: string;
  },
) {
  const t = p.transaction;
  const paid = await changeStatus(tx, {
    ...p,
    to: 'paid',
    set: {
      paidAt: trustedPaidAt(p.update.paidAt, t.createdAt),
      reference: p.update.reference ?? t.reference,
      receivedAmount: p.receivedAmount,
    },
    note: p.note,
  });
  // A sandbox payment is play money: it proves the set-up, it never pays a real invoice.
  const event = { transaction: paid, actorUserId: p.actorUserId, ip: p.ip };
  const result =
    t.mode === 'sandbox'
      ? { summary: { sandbox: true, ...(await runPaymentHandlers(tx, 'sandbox', event)).summary } }
      : await runPaymentHandlers(tx, 'paid', event);
  const [done] = await tx
    .update(gatewayTransactions)
    .set({ paymentId: result.paymentId ?? null })
    .where(eq(gatewayTransactions.id, t.id))
    .returning();
  await recordAudit(tx, {
    orgId: t.organizationId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'payment.gateway_settled',
    entityType: 'gateway_transaction',
    entityId: t.id,
    data: { orderId: t.orderId, gateway: t.gateway, amount: t.amount, source: p.source, ...result.summary },
  });
  return done!;
}

/** Marks a paid transaction refunded and takes its payment back from the invoices. */
export async function reverseTransactionPayment(
  tx: Db,
  p: Actor & { transaction: GatewayTransaction; amount: number; source: string; note: string },
) {
  const t = p.transaction;
  const changed = await changeStatus(tx, { ...p, to: 'refunded', set: { refundedAmount: p.amount }, note: p.note });
  const reversed = t.paymentId
    ? await reversePayment(tx, {
        orgId: t.organizationId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        paymentId: t.paymentId,
        reason: p.note,
      })
    : { reopened: [] };
  // Purposes without a payments row (a wallet top-up) take their money back themselves.
  const other =
    t.mode === 'sandbox'
      ? undefined
      : await runPaymentHandlers(tx, 'refunded', { transaction: changed, actorUserId: p.actorUserId, ip: p.ip });
  await recordAudit(tx, {
    orgId: t.organizationId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'payment.gateway_refunded',
    entityType: 'gateway_transaction',
    entityId: t.id,
    data: { orderId: t.orderId, amount: p.amount, source: p.source, reopened: reversed.reopened, ...other?.summary },
  });
  return changed;
}

/** Writes the new status and its history row. */
export async function changeStatus(
  tx: Db,
  p: Actor & {
    transaction: GatewayTransaction;
    to: GatewayTxStatus;
    set: Partial<GatewayTransaction>;
    source: string;
    update?: StatusUpdate;
    note?: string;
  },
) {
  const [row] = await tx
    .update(gatewayTransactions)
    .set({ ...p.set, status: p.to, updatedAt: sql`now()` })
    .where(eq(gatewayTransactions.id, p.transaction.id))
    .returning();
  await tx.insert(gatewayTransactionEvents).values({
    transactionId: p.transaction.id,
    organizationId: p.transaction.organizationId,
    fromStatus: p.transaction.status,
    toStatus: p.to,
    source: p.source,
    gatewayStatus: p.update?.gatewayStatus ?? null,
    note: p.note ?? null,
    actorUserId: p.actorUserId,
  });
  return row!;
}
