import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, type WalletEntry, walletEntries, wallets } from '@/db/schema';
import { formatIDR } from '@/lib/format';
import { AppError } from '@/lib/server/errors';
import type { WalletEntryKind } from './constants';

export type PostWalletEntry = {
  orgId: string;
  resellerUserId: string;
  kind: WalletEntryKind;
  /** Signed integer rupiah: credits positive, debits negative. */
  amount: number;
  refType?: string;
  refId?: string;
  note?: string;
  actorUserId: string | null;
};

/**
 * Books one movement of a reseller's wallet. Call it inside the transaction of what the
 * movement pays for (a batch, an approved top-up, a commission), so neither exists without
 * the other. The wallet row is locked (FOR UPDATE) for the rest of that transaction, which
 * serialises every movement of one reseller: two purchases cannot both see the same balance.
 * Refuses (wallet_insufficient) a movement that would leave the balance below zero.
 */
export async function postWalletEntry(tx: Db, p: PostWalletEntry): Promise<WalletEntry> {
  if (!Number.isSafeInteger(p.amount) || p.amount === 0) throw new AppError('validation');
  const wallet = await lockWallet(tx, p.orgId, p.resellerUserId);
  const balanceAfter = wallet.balance + p.amount;
  if (balanceAfter < 0) {
    throw new AppError('wallet_insufficient', { balance: formatIDR(wallet.balance), needed: formatIDR(-p.amount) });
  }
  const [entry] = await tx
    .insert(walletEntries)
    .values({
      organizationId: p.orgId,
      resellerUserId: p.resellerUserId,
      kind: p.kind,
      amount: p.amount,
      balanceAfter,
      refType: p.refType ?? null,
      refId: p.refId ?? null,
      note: p.note ?? null,
      actorUserId: p.actorUserId,
      // The time the lock was held, not the transaction's start: the ledger's order is then
      // the order the movements really happened in (each balance_after follows the previous).
      createdAt: sql`clock_timestamp()`,
    })
    .returning();
  await tx
    .update(wallets)
    .set({ balance: balanceAfter, updatedAt: sql`now()` })
    .where(and(eq(wallets.organizationId, p.orgId), eq(wallets.resellerUserId, p.resellerUserId)));
  return entry;
}

/**
 * The wallet row, created on first use and locked. Only a reseller member of the
 * organization has a wallet: anyone else is `not_found` (the membership key also pins it).
 */
export async function lockWallet(tx: Db, orgId: string, resellerUserId: string) {
  const found = await selectForUpdate(tx, orgId, resellerUserId);
  if (found) return found;
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, resellerUserId)));
  if (member?.role !== 'reseller') throw new AppError('not_found');
  // Two first movements at once: one inserts, the other does nothing, both then lock it.
  await tx.insert(wallets).values({ organizationId: orgId, resellerUserId }).onConflictDoNothing();
  const created = await selectForUpdate(tx, orgId, resellerUserId);
  if (!created) throw new AppError('not_found');
  return created;
}

async function selectForUpdate(tx: Db, orgId: string, resellerUserId: string) {
  const [row] = await tx
    .select({ id: wallets.id, balance: wallets.balance })
    .from(wallets)
    .where(and(eq(wallets.organizationId, orgId), eq(wallets.resellerUserId, resellerUserId)))
    .for('update');
  return row;
}

/** The cached balance (0 before the first movement). Read-only; no lock. */
export async function getWalletBalance(db: Db, p: { orgId: string; resellerUserId: string }): Promise<number> {
  const [row] = await db
    .select({ balance: wallets.balance })
    .from(wallets)
    .where(and(eq(wallets.organizationId, p.orgId), eq(wallets.resellerUserId, p.resellerUserId)));
  return row?.balance ?? 0;
}

/** Sum of the entries, for the invariant check (tests, an admin's "recompute"). */
export async function sumWalletEntries(db: Db, p: { orgId: string; resellerUserId: string }): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${walletEntries.amount}), 0)` })
    .from(walletEntries)
    .where(and(eq(walletEntries.organizationId, p.orgId), eq(walletEntries.resellerUserId, p.resellerUserId)));
  return Number(row.total);
}
