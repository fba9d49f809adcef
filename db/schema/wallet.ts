import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TOPUP_CHANNELS, TOPUP_STATUSES, WALLET_ENTRY_KINDS } from '../enums';
import { memberships, organizations, users } from './organizations';

/**
 * A reseller's wallet in one organization. `balance` is a cache of the sum of the entries,
 * kept in step by lib/wallet/ledger.ts under this row's lock; the CHECK is the last guard
 * against overspending if a caller ever bypasses the ledger.
 */
export const wallets = pgTable(
  'wallets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resellerUserId: uuid('reseller_user_id').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('wallets_org_reseller_uq').on(t.organizationId, t.resellerUserId),
    // Pins the reseller to a membership of the same organization (tenant pinning).
    foreignKey({
      name: 'wallets_membership_fk',
      columns: [t.organizationId, t.resellerUserId],
      foreignColumns: [memberships.organizationId, memberships.userId],
    }),
    check('wallets_balance_nonnegative', sql`${t.balance} >= 0`),
  ],
);

/** One movement of a wallet. Append-only: corrections are new entries (adjustment/refund). */
export const walletEntries = pgTable(
  'wallet_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    resellerUserId: uuid('reseller_user_id').notNull(),
    kind: text('kind', { enum: WALLET_ENTRY_KINDS }).notNull(),
    // Signed integer rupiah: credits positive, debits negative.
    amount: bigint('amount', { mode: 'number' }).notNull(),
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    // What the movement pays for (voucher_batch, topup_request, invoice, …).
    refType: text('ref_type'),
    refId: text('ref_id'),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'wallet_entries_wallet_fk',
      columns: [t.organizationId, t.resellerUserId],
      foreignColumns: [wallets.organizationId, wallets.resellerUserId],
    }).onDelete('cascade'),
    index('wallet_entries_org_reseller_created_idx').on(t.organizationId, t.resellerUserId, t.createdAt, t.id),
    // A top-up or a purchase is booked once per thing it pays for, whatever retries happen.
    uniqueIndex('wallet_entries_once_uq')
      .on(t.organizationId, t.kind, t.refType, t.refId)
      .where(sql`${t.refId} is not null and ${t.kind} in ('topup', 'purchase')`),
    check('wallet_entries_amount_nonzero', sql`${t.amount} <> 0`),
    check('wallet_entries_balance_nonnegative', sql`${t.balanceAfter} >= 0`),
  ],
);

/**
 * A reseller's request for credit: manual (finance approves after seeing the transfer) or
 * through a payment gateway (approved by the gateway's settlement). Either way the credit is
 * booked in the same transaction as the move out of `pending`, so it happens once.
 */
export const walletTopupRequests = pgTable(
  'wallet_topup_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resellerUserId: uuid('reseller_user_id').notNull(),
    channel: text('channel', { enum: TOPUP_CHANNELS }).notNull().default('manual'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    note: text('note'),
    // Transfer receipt (manual) — optional; the gateway transaction (gateway).
    proofPath: text('proof_path'),
    gatewayTransactionId: uuid('gateway_transaction_id'),
    status: text('status', { enum: TOPUP_STATUSES }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'wallet_topup_requests_membership_fk',
      columns: [t.organizationId, t.resellerUserId],
      foreignColumns: [memberships.organizationId, memberships.userId],
    }),
    index('wallet_topup_requests_org_status_idx').on(t.organizationId, t.status, t.createdAt, t.id),
    index('wallet_topup_requests_org_reseller_idx').on(t.organizationId, t.resellerUserId, t.createdAt, t.id),
    uniqueIndex('wallet_topup_requests_gateway_tx_uq')
      .on(t.gatewayTransactionId)
      .where(sql`${t.gatewayTransactionId} is not null`),
    check('wallet_topup_requests_amount_positive', sql`${t.amount} > 0`),
  ],
);

export type Wallet = typeof wallets.$inferSelect;
export type WalletEntry = typeof walletEntries.$inferSelect;
export type WalletTopupRequest = typeof walletTopupRequests.$inferSelect;
