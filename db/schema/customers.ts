import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BILLING_TYPES, LEAD_STATUSES, SUBSCRIPTION_STATUSES } from '../enums';
import { odps, routers } from './network';
import { organizations, users } from './organizations';
import { plans } from './plans';

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    address: text('address').notNull(),
    area: text('area'),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    billingType: text('billing_type', { enum: BILLING_TYPES }).notNull(),
    notes: text('notes'),
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    // The coverage check as it was when the lead was entered (re-checked on conversion).
    coverage: jsonb('coverage').$type<Record<string, unknown>>().notNull(),
    resellerUserId: uuid('reseller_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id'),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('leads_org_created_idx').on(t.organizationId, t.createdAt, t.id)],
);

/** Gap-free customer numbers per organization (C-000001, C-000002, …). */
export const customerCounters = pgTable('customer_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    address: text('address').notNull(),
    area: text('area'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    // Status of the customer's main (latest) subscription, kept here for fast filtering.
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull().default('pending'),
    planId: uuid('plan_id').references(() => plans.id),
    resellerUserId: uuid('reseller_user_id').references(() => users.id, { onDelete: 'set null' }),
    leadId: uuid('lead_id'),
    // Over-payments waiting to be used on the next invoices (integer rupiah).
    creditBalance: bigint('credit_balance', { mode: 'number' }).notNull().default(0),
    // The customer asked not to get WhatsApp messages (automatic ones and broadcasts).
    whatsappOptOut: boolean('whatsapp_opt_out').notNull().default(false),
    // Lower-cased name, phone, number and service usernames: one trigram index serves search.
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Ascending (created_at, id) indexes serve "newest first" by scanning backward; a
  // DESC NULLS LAST index would not match ORDER BY ... DESC and Postgres would sort instead.
  // status is deliberately in no index: isolating or reconnecting thousands of customers is
  // then a HOT update (with the table's free space) instead of touching nine indexes.
  (t) => [
    uniqueIndex('customers_org_number_uq').on(t.organizationId, t.number),
    // Target of composite (customer_id, organization_id) keys that pin rows to one tenant.
    unique('customers_id_org_uq').on(t.id, t.organizationId),
    index('customers_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('customers_org_plan_created_idx').on(t.organizationId, t.planId, t.createdAt, t.id),
    index('customers_org_area_created_idx').on(t.organizationId, t.area, t.createdAt, t.id),
    index('customers_org_reseller_created_idx').on(t.organizationId, t.resellerUserId, t.createdAt, t.id),
    index('customers_org_name_idx').on(t.organizationId, t.name, t.id),
    // The dashboard's customer mix (active and isolated by plan and area), index-only and
    // already in group order: a quarter of the time of reading the wide customer rows.
    index('customers_org_mix_idx')
      .on(t.organizationId, t.planId, t.area, t.status)
      .where(sql`${t.status} in ('active', 'isolated')`),
    index('customers_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The network map's bounds query (customers inside the view) by index.
    index('customers_org_point_gist')
      .using('gist', t.organizationId, sql`point(${t.longitude}, ${t.latitude})`)
      .where(sql`${t.latitude} is not null`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    billingType: text('billing_type', { enum: BILLING_TYPES }).notNull(),
    // Unique per organization; a shared RADIUS sees it as `username@<organization slug>`.
    serviceUsername: text('service_username').notNull(),
    // AES-256-GCM ciphertext (lib/crypto.ts); never sent to the browser in clear by default.
    servicePasswordEnc: text('service_password_enc').notNull(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull().default('pending'),
    odpId: uuid('odp_id').references(() => odps.id, { onDelete: 'set null' }),
    // The splitter port (1..total ports) the drop cable is plugged into. Terminating frees it
    // (sets null); status stays out of every index so isolation runs remain HOT updates.
    odpPort: integer('odp_port'),
    // The router that serves this subscription (API or RADIUS mode); null = not on a router yet.
    routerId: uuid('router_id'),
    // Optional per-subscription network settings written to the PPP secret / hotspot user.
    remoteAddress: text('remote_address'),
    localAddress: text('local_address'),
    // MAC lock: caller-id of the PPP secret, mac-address of the hotspot user.
    callerId: text('caller_id'),
    // The MAC of the modem installed here (lib/inventory: recorded when a work order's finish
    // installs a unit); "Kunci MAC" copies it into callerId for the PPPoE caller-id lock.
    deviceMac: text('device_mac'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    // The first period (1st of a month) this subscription is invoiced for. Imported customers
    // have already paid up to some date ("paid until", by default the end of the import's
    // period): billing them for the running month would cut them off. Null = no such limit.
    billingStartsOn: date('billing_starts_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscriptions_org_username_uq').on(t.organizationId, t.serviceUsername),
    unique('subscriptions_id_org_uq').on(t.id, t.organizationId),
    index('subscriptions_customer_idx').on(t.customerId),
    index('subscriptions_odp_idx').on(t.odpId),
    uniqueIndex('subscriptions_odp_port_uq').on(t.odpId, t.odpPort).where(sql`${t.odpPort} is not null`),
    index('subscriptions_router_idx').on(t.routerId),
    // Who should be online (the dashboard's network section): a count over this index alone.
    index('subscriptions_org_active_idx').on(t.organizationId).where(sql`${t.status} = 'active'`),
    foreignKey({
      name: 'subscriptions_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }),
  ],
);

export const subscriptionHistory = pgTable(
  'subscription_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    fromStatus: text('from_status', { enum: SUBSCRIPTION_STATUSES }),
    toStatus: text('to_status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    reason: text('reason'),
    jobId: uuid('job_id'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'subscription_history_tenant_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
    index('subscription_history_sub_idx').on(t.subscriptionId, t.createdAt),
    // Isolations and terminations per month (the dashboard), counted index-only. No
    // subscription column: the count is of changes, and without it the rows one isolation
    // pass writes (one status, one now()) share an entry (B-tree deduplication): a tenth the
    // size, and a year of isolations about twice as quick to count.
    index('subscription_history_org_status_idx').on(t.organizationId, t.toStatus, t.createdAt),
  ],
);

export type Lead = typeof leads.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
