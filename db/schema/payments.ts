import {
  bigint,
  bigserial,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { GatewayMode, GatewayName, GatewayStatus, PaymentInstructions } from '../enums';
import { invoices, payments } from './billing';
import { customers } from './customers';
import { organizations, users } from './organizations';

export const FEE_TYPES = ['flat', 'percent'] as const;
export const FEE_BEARERS = ['customer', 'isp'] as const;

/** One enabled method of a gateway with the organization's fee for it. */
export type GatewayMethodSetting = {
  code: string;
  enabled: boolean;
  feeType: (typeof FEE_TYPES)[number];
  /** Rupiah for a flat fee; basis points (1/100 of a percent) for a percent fee. */
  feeValue: number;
  feeBearer: (typeof FEE_BEARERS)[number];
};

/** An organization's account with one gateway. The keys never leave the server in clear. */
export const paymentGateways = pgTable(
  'payment_gateways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    gateway: text('gateway').$type<GatewayName>().notNull(),
    enabled: boolean('enabled').notNull().default(false),
    mode: text('mode').$type<GatewayMode>().notNull().default('sandbox'),
    // AES-256-GCM of the JSON of every credential field (lib/crypto).
    credentialsEnc: text('credentials_enc').notNull(),
    // What screens show: secret fields masked, the others (merchant code) in clear.
    credentialHints: jsonb('credential_hints').$type<Record<string, string>>().notNull().default({}),
    methods: jsonb('methods').$type<GatewayMethodSetting[]>().notNull().default([]),
    lastTestAt: timestamp('last_test_at', { withTimezone: true }),
    lastTestOk: boolean('last_test_ok'),
    lastTestMessage: text('last_test_message'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payment_gateways_org_gateway_uq').on(t.organizationId, t.gateway)],
);

export const GATEWAY_TX_STATUSES = ['pending', 'paid', 'expired', 'failed', 'refunded', 'review'] as const;
export type GatewayTxStatus = (typeof GATEWAY_TX_STATUSES)[number];
export const GATEWAY_TX_PURPOSES = ['invoice', 'wallet_topup'] as const;

/**
 * One payment attempt through a gateway. `orderId` is the merchant order id the gateway
 * knows: unique across organizations, because a callback URL is shared by all of them and
 * the order id is how a callback finds its organization (and so the keys that verify it).
 */
export const gatewayTransactions = pgTable(
  'gateway_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    gateway: text('gateway').$type<GatewayName>().notNull(),
    mode: text('mode').$type<GatewayMode>().notNull(),
    orderId: text('order_id').notNull(),
    reference: text('reference'),
    purpose: text('purpose', { enum: GATEWAY_TX_PURPOSES }).notNull(),
    customerId: uuid('customer_id'),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    method: text('method').notNull(),
    // amount pays invoices; fee is the organization's fee for the method, added to what the
    // gateway charges when the customer bears it; chargedAmount is what the gateway bills.
    amount: bigint('amount', { mode: 'number' }).notNull(),
    fee: bigint('fee', { mode: 'number' }).notNull().default(0),
    feeBearer: text('fee_bearer').notNull().default('customer'),
    chargedAmount: bigint('charged_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('IDR'),
    status: text('status', { enum: GATEWAY_TX_STATUSES }).notNull().default('pending'),
    // Held for review: why, and the amount the gateway said was paid.
    reviewReason: text('review_reason'),
    receivedAmount: bigint('received_amount', { mode: 'number' }),
    instructions: jsonb('instructions').$type<PaymentInstructions>().notNull().default({}),
    createResponse: jsonb('create_response'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'set null' }),
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'gateway_transactions_org_fk',
      columns: [t.organizationId],
      foreignColumns: [organizations.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'gateway_transactions_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
    uniqueIndex('gateway_transactions_order_uq').on(t.gateway, t.orderId),
    index('gateway_transactions_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('gateway_transactions_invoice_idx').on(t.invoiceId),
    index('gateway_transactions_pending_idx').on(t.status, t.createdAt),
  ],
);

/** Every status change of a transaction, and what caused it. */
export const gatewayTransactionEvents = pgTable(
  'gateway_transaction_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => gatewayTransactions.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').$type<GatewayTxStatus>().notNull(),
    // create | callback | check | refund | expire | review
    source: text('source').notNull(),
    gatewayStatus: text('gateway_status'),
    note: text('note'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('gateway_transaction_events_tx_idx').on(t.transactionId, t.id)],
);

export const CALLBACK_OUTCOMES = [
  'settled',
  'duplicate',
  'updated',
  'ignored',
  'mismatch',
  'unconfirmed',
  'forged',
  'unknown_order',
  'malformed',
  'error',
] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/**
 * Every callback as it arrived, accepted or not. A callback that names no known order has
 * no organization (organizationId null) and is seen only in the server's own records.
 */
export const paymentCallbacks = pgTable(
  'payment_callbacks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    transactionId: uuid('transaction_id').references(() => gatewayTransactions.id, { onDelete: 'cascade' }),
    gateway: text('gateway').notNull(),
    orderId: text('order_id'),
    // Headers that carry a secret (Xendit's callback token) are masked before storing.
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    outcome: text('outcome', { enum: CALLBACK_OUTCOMES }).notNull(),
    httpStatus: integer('http_status').notNull(),
    detail: text('detail'),
    remoteIp: text('remote_ip'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_callbacks_tx_idx').on(t.transactionId, t.id),
    index('payment_callbacks_org_created_idx').on(t.organizationId, t.createdAt),
  ],
);

export type PaymentGatewayRow = typeof paymentGateways.$inferSelect;
export type GatewayTransaction = typeof gatewayTransactions.$inferSelect;
export type GatewayTransactionEvent = typeof gatewayTransactionEvents.$inferSelect;
export type PaymentCallback = typeof paymentCallbacks.$inferSelect;
export type { GatewayStatus };
