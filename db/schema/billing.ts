import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers, subscriptions } from './customers';
import { organizations, users } from './organizations';

export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'carried', 'void'] as const;
export const PAYMENT_METHODS = ['cash', 'transfer', 'gateway'] as const;
// refunded: a gateway payment given back; its allocations were reversed.
export const PAYMENT_STATUSES = ['pending', 'approved', 'rejected', 'refunded'] as const;

/** Per-organization billing rules; a missing row means the defaults below. */
export const billingSettings = pgTable('billing_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  invoiceDay: integer('invoice_day').notNull().default(1),
  dueDay: integer('due_day').notNull().default(20),
  graceDays: integer('grace_days').notNull().default(0),
  // Local time (organization zone) at which unpaid subscriptions are isolated, "HH:MM".
  isolationTime: text('isolation_time').notNull().default('00:01'),
  // Minimum notice: an invoice is never a reason to isolate until it has existed this many
  // hours (a first invoice whose due moment is already past gives the customer no chance).
  isolationNoticeHours: integer('isolation_notice_hours').notNull().default(24),
  prorata: boolean('prorata').notNull().default(true),
  taxPercent: integer('tax_percent').notNull().default(11),
  invoicePrefix: text('invoice_prefix').notNull().default('INV'),
  // Tokens {prefix} {yyyy} {mm} {seq}; {yyyy}, {mm} and {seq} are required (the counter is per month).
  invoiceNumberFormat: text('invoice_number_format').notNull().default('{prefix}/{yyyy}{mm}/{seq}'),
  // Relative to FILES_DIR; shown on invoices and the public invoice page.
  logoPath: text('logo_path'),
  companyAddress: text('company_address'),
  // The number customers call or text, printed on receipts and invoices.
  companyPhone: text('company_phone'),
  bankAccounts: text('bank_accounts'),
  footerNote: text('footer_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Invoice numbers per organization and period, taken in blocks by the billing run. */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    period: date('period').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.period] })],
);

export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Tenancy is enforced by the database: the customer and the subscription must belong to
    // the invoice's organization (composite keys below), which also saves a key check per row.
    organizationId: uuid('organization_id').notNull(),
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    // First day of the month the invoice is for (organization zone).
    period: date('period').notNull(),
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date').notNull(),
    billingType: text('billing_type').notNull(),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    paidAmount: bigint('paid_amount', { mode: 'number' }).notNull().default(0),
    // The invoice's lines as issued: an immutable snapshot (plan, prorata, charges, carried
    // debt), kept on the row so a 100,000-invoice run writes 100,000 rows, not twice that.
    lines: jsonb('lines').$type<InvoiceLine[]>().notNull().default([]),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('unpaid'),
    // Invoice this one's unpaid rest was carried into, when status = carried.
    carriedToId: uuid('carried_to_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'invoices_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'invoices_subscription_tenant_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
    // One invoice per subscription and period: re-running the billing run cannot duplicate.
    uniqueIndex('invoices_subscription_period_uq').on(t.subscriptionId, t.period),
    uniqueIndex('invoices_org_number_uq').on(t.organizationId, t.number),
    index('invoices_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('invoices_customer_idx').on(t.customerId),
    // The dashboard's month figures, its receivables and largest open invoices, read from
    // indexes alone (lib/dashboard/finance.ts):
    // without them a 100,000-customer ISP's dashboard reads a year of invoices from the heap.
    // They cost the payment update its HOT path (status and paid amount are now indexed).
    index('invoices_org_period_money_idx')
      .on(t.organizationId, t.period, t.dueDate, t.total, t.paidAmount, t.paidAt)
      .where(sql`${t.status} <> 'void'`),
    index('invoices_org_open_due_idx')
      .on(t.organizationId, t.dueDate, t.total, t.paidAmount)
      .where(sql`${t.status} in ('unpaid', 'partial')`),
    index('invoices_org_open_owed_idx')
      .on(t.organizationId, sql`(${t.total} - ${t.paidAmount})`, t.id)
      .where(sql`${t.status} in ('unpaid', 'partial')`),
  ],
);

/** One-off lines (installation fee, discount as a negative amount) waiting for the next invoice. */
export const pendingCharges = pgTable(
  'pending_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    taxable: boolean('taxable').notNull().default(false),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('pending_charges_sub_idx').on(t.subscriptionId)],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    reference: text('reference'),
    note: text('note'),
    // Transfers wait for finance to check the proof; only approved payments pay invoices.
    status: text('status', { enum: PAYMENT_STATUSES }).notNull().default('approved'),
    proofPath: text('proof_path'),
    proofType: text('proof_type'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    receivedBy: uuid('received_by').references(() => users.id, { onDelete: 'set null' }),
    // The invoice a customer's slip was sent for (portal): approved, it pays that one first.
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // One slip waiting for finance per invoice: a second upload is refused, not doubled.
    uniqueIndex('payments_pending_invoice_uniq')
      .on(t.invoiceId)
      .where(sql`${t.status} = 'pending' and ${t.invoiceId} is not null`),
    index('payments_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('payments_customer_idx').on(t.customerId),
    index('payments_org_status_idx').on(t.organizationId, t.status),
    // Money collected per month, index-only (the dashboard).
    index('payments_org_approved_created_idx')
      .on(t.organizationId, t.createdAt, t.amount)
      .where(sql`${t.status} = 'approved'`),
  ],
);

export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.invoiceId] })],
);

export type InvoiceLine = {
  kind: 'plan' | 'prorata' | 'charge' | 'carried';
  description: string;
  amount: number;
  taxable: boolean;
};
export type Invoice = typeof invoices.$inferSelect;
export type BillingSettings = typeof billingSettings.$inferSelect;
