import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { COMMISSION_STATUSES } from '../enums';
import { invoices, payments } from './billing';
import { customers } from './customers';
import { memberships, organizations, users } from './organizations';

/**
 * What the organization agreed with one reseller. No row (or inactive) means no commission:
 * an admin sets the rate explicitly. Rate in basis points: 500 = 5 %, 10000 = 100 %.
 */
export const resellerSettings = pgTable(
  'reseller_settings',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resellerUserId: uuid('reseller_user_id').notNull(),
    commissionRateBps: integer('commission_rate_bps').notNull().default(0),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.resellerUserId] }),
    // The reseller is a member of this organization (tenant pinning).
    foreignKey({
      name: 'reseller_settings_membership_fk',
      columns: [t.organizationId, t.resellerUserId],
      foreignColumns: [memberships.organizationId, memberships.userId],
    }).onDelete('cascade'),
    check('reseller_settings_rate_range', sql`${t.commissionRateBps} between 0 and 10000`),
  ],
);

/**
 * One commission per paid invoice of a reseller's customer, booked in the transaction that
 * marked the invoice paid. A refund that reopens the invoice reverses it (status reversed);
 * when the wallet cannot cover the reversal it stays owed (reversal_pending) until it can.
 */
export const resellerCommissions = pgTable(
  'reseller_commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    resellerUserId: uuid('reseller_user_id')
      .notNull()
      .references(() => users.id),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    // The payment that completed the invoice.
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    // Invoice subtotal before PPN (integer rupiah), the rate then, and floor(base * rate / 10000).
    baseAmount: bigint('base_amount', { mode: 'number' }).notNull(),
    rateBps: integer('rate_bps').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    status: text('status', { enum: COMMISSION_STATUSES }).notNull().default('credited'),
    walletEntryId: uuid('wallet_entry_id').notNull(),
    reversalEntryId: uuid('reversal_entry_id'),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'reseller_commissions_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
    unique('reseller_commissions_invoice_payment_uq').on(t.invoiceId, t.paymentId),
    // At most one live commission per invoice, whatever retries or re-payments happen.
    uniqueIndex('reseller_commissions_live_invoice_uq').on(t.invoiceId).where(sql`${t.status} <> 'reversed'`),
    index('reseller_commissions_org_reseller_created_idx').on(t.organizationId, t.resellerUserId, t.createdAt, t.id),
    check('reseller_commissions_amount_positive', sql`${t.amount} > 0`),
  ],
);

export type ResellerSettings = typeof resellerSettings.$inferSelect;
export type ResellerCommission = typeof resellerCommissions.$inferSelect;
