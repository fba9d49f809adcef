import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, walletEntries } from '@/db/schema';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import type { WalletEntryKind } from './constants';
import { getWalletBalance } from './ledger';

/**
 * A reseller's ledger, newest first, with the balance after each movement (the running
 * balance is stored on the row, so a page needs no sum over the pages before it).
 */
export async function listWalletEntries(
  db: Db,
  p: { orgId: string; resellerUserId: string; kind?: WalletEntryKind; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: walletEntries.id,
      createdAt: walletEntries.createdAt,
      kind: walletEntries.kind,
      amount: walletEntries.amount,
      balanceAfter: walletEntries.balanceAfter,
      refType: walletEntries.refType,
      refId: walletEntries.refId,
      note: walletEntries.note,
      actorName: users.name,
    })
    .from(walletEntries)
    .leftJoin(users, eq(users.id, walletEntries.actorUserId))
    .where(
      and(
        eq(walletEntries.organizationId, p.orgId),
        eq(walletEntries.resellerUserId, p.resellerUserId),
        p.kind ? eq(walletEntries.kind, p.kind) : undefined,
        afterCursor(walletEntries.createdAt, walletEntries.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(walletEntries.createdAt), desc(walletEntries.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** The wallet page's head: balance and the first page of the ledger. */
export async function getWallet(
  db: Db,
  p: { orgId: string; resellerUserId: string; kind?: WalletEntryKind; cursor?: string },
) {
  const [balance, entries] = await Promise.all([getWalletBalance(db, p), listWalletEntries(db, p)]);
  return { balance, entries };
}
