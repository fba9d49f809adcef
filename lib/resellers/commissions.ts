import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Invoice, memberships, resellerCommissions, resellerSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { getWalletBalance, postWalletEntry } from '@/lib/wallet/ledger';
import { commissionFor } from './constants';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/**
 * Called by billing in the transaction that marks an invoice paid (lib/billing/invoice-payments.ts).
 * The base is the invoice's subtotal before PPN: the tax is the state's, not the ISP's
 * revenue. A reseller earns only while an active reseller member with an active rate; the
 * rate is copied onto the commission, so a later change never rewrites history.
 * At most one live commission per invoice (unique index); a retry finds it and stops.
 */
export async function accrueCommission(tx: Db, p: Actor & { invoice: Invoice; paymentId: string }) {
  const [live] = await tx
    .select({
      id: resellerCommissions.id,
      status: resellerCommissions.status,
      resellerUserId: resellerCommissions.resellerUserId,
      amount: resellerCommissions.amount,
    })
    .from(resellerCommissions)
    .where(
      and(
        eq(resellerCommissions.invoiceId, p.invoice.id),
        eq(resellerCommissions.organizationId, p.orgId),
        sql`${resellerCommissions.status} <> 'reversed'`,
      ),
    )
    .for('update');
  // Refunded while the wallet could not give the commission back, then paid again: the
  // reseller earned it after all, so the owed reversal is cancelled (the money never left).
  if (live?.status === 'reversal_pending') {
    await tx
      .update(resellerCommissions)
      .set({ status: 'credited', reversedAt: null })
      .where(eq(resellerCommissions.id, live.id));
    await recordAudit(tx, {
      ...p,
      action: 'commission.reversal_cancelled',
      entityType: 'invoice',
      entityId: p.invoice.id,
      data: { resellerUserId: live.resellerUserId, commissionId: live.id, amount: live.amount, paymentId: p.paymentId },
    });
    return null;
  }
  if (live) return null;
  const [terms] = await tx
    .select({ resellerUserId: customers.resellerUserId, rateBps: resellerSettings.commissionRateBps })
    .from(customers)
    .innerJoin(
      resellerSettings,
      and(
        eq(resellerSettings.organizationId, customers.organizationId),
        eq(resellerSettings.resellerUserId, customers.resellerUserId),
      ),
    )
    .innerJoin(
      memberships,
      and(eq(memberships.organizationId, customers.organizationId), eq(memberships.userId, customers.resellerUserId)),
    )
    .where(
      and(
        eq(customers.id, p.invoice.customerId),
        eq(customers.organizationId, p.orgId),
        eq(resellerSettings.active, true),
        eq(memberships.role, 'reseller'),
        eq(memberships.active, true),
      ),
    );
  if (!terms?.resellerUserId) return null;
  const base = p.invoice.subtotal;
  const amount = commissionFor(base, terms.rateBps);
  if (amount <= 0) return null;
  const entry = await postWalletEntry(tx, {
    orgId: p.orgId,
    resellerUserId: terms.resellerUserId,
    kind: 'commission',
    amount,
    refType: 'invoice',
    refId: p.invoice.id,
    note: p.invoice.number,
    actorUserId: p.actorUserId,
  });
  const [row] = await tx
    .insert(resellerCommissions)
    .values({
      organizationId: p.orgId,
      resellerUserId: terms.resellerUserId,
      customerId: p.invoice.customerId,
      invoiceId: p.invoice.id,
      paymentId: p.paymentId,
      baseAmount: base,
      rateBps: terms.rateBps,
      amount,
      walletEntryId: entry.id,
    })
    .returning();
  await recordAudit(tx, {
    ...p,
    action: 'commission.credited',
    entityType: 'invoice',
    entityId: p.invoice.id,
    data: {
      resellerUserId: terms.resellerUserId,
      commissionId: row!.id,
      baseAmount: base,
      rateBps: terms.rateBps,
      amount,
    },
  });
  await settleOwedReversals(tx, { ...p, resellerUserId: terms.resellerUserId });
  return row!;
}

/**
 * A refund reopened the invoice: its commission is taken back with a negative entry. The
 * wallet never goes below zero (the reseller may have spent it already), so a reversal the
 * balance cannot cover is kept as owed and settled from later credits.
 */
export async function reverseCommission(tx: Db, p: Actor & { invoiceId: string; reason: string }) {
  const [commission] = await tx
    .select()
    .from(resellerCommissions)
    .where(
      and(
        eq(resellerCommissions.invoiceId, p.invoiceId),
        eq(resellerCommissions.organizationId, p.orgId),
        eq(resellerCommissions.status, 'credited'),
      ),
    )
    .for('update');
  if (!commission) return null;
  const entryId = await tryDebit(tx, { ...p, commission });
  await tx
    .update(resellerCommissions)
    .set({ status: entryId ? 'reversed' : 'reversal_pending', reversalEntryId: entryId, reversedAt: sql`now()` })
    .where(eq(resellerCommissions.id, commission.id));
  await recordAudit(tx, {
    ...p,
    action: entryId ? 'commission.reversed' : 'commission.reversal_owed',
    entityType: 'invoice',
    entityId: p.invoiceId,
    data: {
      resellerUserId: commission.resellerUserId,
      commissionId: commission.id,
      amount: commission.amount,
      reason: p.reason,
    },
  });
  return { ...commission, status: entryId ? 'reversed' : 'reversal_pending' };
}

/**
 * Takes back owed reversals, oldest first, while the balance covers each whole one. Runs
 * after every commission credit and every approved top-up (lib/wallet/topups.ts).
 */
export async function settleOwedReversals(tx: Db, p: Actor & { resellerUserId: string }) {
  const owed = await tx
    .select()
    .from(resellerCommissions)
    .where(
      and(
        eq(resellerCommissions.organizationId, p.orgId),
        eq(resellerCommissions.resellerUserId, p.resellerUserId),
        eq(resellerCommissions.status, 'reversal_pending'),
      ),
    )
    .orderBy(asc(resellerCommissions.reversedAt))
    .for('update');
  let settled = 0;
  for (const commission of owed) {
    if ((await getWalletBalance(tx, p)) < commission.amount) break;
    const entryId = await tryDebit(tx, { ...p, commission, reason: 'owed' });
    if (!entryId) break;
    await tx
      .update(resellerCommissions)
      .set({ status: 'reversed', reversalEntryId: entryId })
      .where(eq(resellerCommissions.id, commission.id));
    settled += 1;
  }
  return settled;
}

/** The negative commission entry, or null when the wallet cannot cover it (savepoint). */
async function tryDebit(tx: Db, p: Actor & { commission: typeof resellerCommissions.$inferSelect; reason: string }) {
  try {
    return await tx.transaction(async (sp) => {
      const entry = await postWalletEntry(sp, {
        orgId: p.orgId,
        resellerUserId: p.commission.resellerUserId,
        kind: 'commission',
        amount: -p.commission.amount,
        refType: 'commission_reversal',
        refId: p.commission.id,
        note: p.reason,
        actorUserId: p.actorUserId,
      });
      return entry.id;
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'wallet_insufficient') return null;
    throw error;
  }
}
