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
import { CUSTOMER_CHANNELS, SERVICE_REQUEST_KINDS, SERVICE_REQUEST_STATUSES, type ServiceRequestKind } from '../enums';
import { customers, subscriptions } from './customers';
import { organizations, users } from './organizations';

/**
 * The customer portal and the WhatsApp assistant, per organization: the portal's colour
 * (its name and logo are the organization's), a custom domain that opens this organization's
 * portal, and what the assistant answers a number it does not know.
 */
export const portalSettings = pgTable(
  'portal_settings',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    portalEnabled: boolean('portal_enabled').notNull().default(true),
    // #rrggbb; null is Jaring's own brand colour.
    brandColor: text('brand_color'),
    // A host name (portal.myisp.net.id) that serves /portal/<slug> of this organization.
    customDomain: text('custom_domain'),
    assistantEnabled: boolean('assistant_enabled').notNull().default(true),
    // Sent to a WhatsApp number that is no customer's; null is the built-in text.
    contactText: text('contact_text'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('portal_settings_domain_uq').on(t.customDomain)],
);

/** A customer's own portal password (sign-in by customer number + password). */
export const portalAccounts = pgTable(
  'portal_accounts',
  {
    customerId: uuid('customer_id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    passwordHash: text('password_hash').notNull(),
    passwordSetAt: timestamp('password_set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'portal_accounts_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
  ],
);

/**
 * One-time sign-in codes sent by WhatsApp: only the code's hash is kept; a code lives five
 * minutes and dies after a few wrong tries. A row exists whether or not the number is a
 * customer's (no hint is given either way); only a customer's number gets a message.
 */
export const portalCodes = pgTable(
  'portal_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('portal_codes_org_phone_idx').on(t.organizationId, t.phone, t.createdAt)],
);

/**
 * A signed-in portal visitor: a phone number (every customer under it) or one customer
 * (customer number + password). The cookie holds a random token; only its hash is here.
 */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    phone: text('phone'),
    customerId: uuid('customer_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('portal_sessions_token_uq').on(t.tokenHash),
    foreignKey({
      name: 'portal_sessions_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
  ],
);

/** What a request carries, by kind. Amounts are integer rupiah, dates the organization's local days. */
export type ServiceRequestDetails = {
  plan_change: { planId: string; fromPlanId: string; quote: number; effective: 'now' | 'next_period' };
  pause: { days: number; startDate: string };
  move: { address: string; latitude: number | null; longitude: number | null; note: string | null };
  stop: { reason: string; endDate: string };
}[ServiceRequestKind];

/** A customer's request that staff approve (plan change, pause, move, stop). */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    kind: text('kind', { enum: SERVICE_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: SERVICE_REQUEST_STATUSES }).notNull().default('pending'),
    channel: text('channel', { enum: CUSTOMER_CHANNELS }).notNull().default('portal'),
    details: jsonb('details').$type<ServiceRequestDetails>().notNull(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    // After approval: the organization's local day the effect starts (pause start, stop's
    // end date; the decision day otherwise) and, for a pause, the day service comes back.
    effectiveOn: date('effective_on'),
    resumeOn: date('resume_on'),
    // When the effect was carried out (suspended, terminated, plan changed) and when a
    // pause ended; the periodic pass (lib/requests/pass.ts) picks up approved rows without.
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
    // What approval made: the relocation / dismantle work order, the prorata charge.
    workOrderId: uuid('work_order_id'),
    chargeId: uuid('charge_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The periodic pass: approved requests still waiting for their day.
    index('service_requests_due_idx')
      .on(t.effectiveOn, t.resumeOn)
      .where(sql`${t.status} = 'approved' and (${t.appliedAt} is null or ${t.resumedAt} is null)`),
    foreignKey({
      name: 'service_requests_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'service_requests_subscription_tenant_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
    index('service_requests_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    // One pending request of a kind per subscription.
    uniqueIndex('service_requests_pending_uq').on(t.subscriptionId, t.kind).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Traffic per subscription per local day, from the router counters of API-mode routers
 * (router_sessions, refreshed by the sessions poll). RADIUS-mode subscriptions are read
 * from radacct directly and never land here. bytes_in = to the customer (download).
 */
export const usageDays = pgTable(
  'usage_days',
  {
    organizationId: uuid('organization_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    day: date('day').notNull(),
    bytesIn: bigint('bytes_in', { mode: 'number' }).notNull().default(0),
    bytesOut: bigint('bytes_out', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.day] }),
    foreignKey({
      name: 'usage_days_subscription_tenant_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
    index('usage_days_org_day_idx').on(t.organizationId, t.day),
  ],
);

/**
 * The last counter reading per subscription (the router's session entry and its byte
 * counters): the next reading's delta goes to its day; a new session (another item id) or a
 * smaller counter means the router started counting again from zero.
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    subscriptionId: uuid('subscription_id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    sessionKey: text('session_key').notNull(),
    bytesIn: bigint('bytes_in', { mode: 'number' }).notNull(),
    bytesOut: bigint('bytes_out', { mode: 'number' }).notNull(),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({
      name: 'usage_counters_subscription_tenant_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
  ],
);

export type PortalSettings = typeof portalSettings.$inferSelect;
export type PortalSession = typeof portalSessions.$inferSelect;
export type ServiceRequest = typeof serviceRequests.$inferSelect;
