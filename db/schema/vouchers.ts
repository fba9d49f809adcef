import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BATCH_STATUSES, PASSWORD_MODES, VOUCHER_CHARSETS, VOUCHER_DELIVERIES, VOUCHER_STATUSES } from '../enums';
import { routers } from './network';
import { organizations, users } from './organizations';

/** What a hotspot voucher buys: price, validity, quotas, speed, and its names on the network. */
export const voucherProfiles = pgTable(
  'voucher_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Integer rupiah: what a customer pays, and what a reseller pays the ISP.
    priceRupiah: bigint('price_rupiah', { mode: 'number' }).notNull(),
    costRupiah: bigint('cost_rupiah', { mode: 'number' }).notNull(),
    // Counted from the first login (enforced by the status sync and, in RADIUS, Expiration).
    validityMinutes: integer('validity_minutes').notNull(),
    // Total online time / total traffic; null = unlimited within the validity.
    timeQuotaMinutes: integer('time_quota_minutes'),
    dataQuotaBytes: bigint('data_quota_bytes', { mode: 'number' }),
    // MikroTik rate-limit from the router's side, rx/tx (`1M/2M`); null = the profile's own.
    rateLimit: text('rate_limit'),
    sharedUsers: integer('shared_users').notNull().default(1),
    // The hotspot user profile on routers (default: the name) and the RADIUS group.
    routerProfile: text('router_profile'),
    radiusGroup: text('radius_group'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('voucher_profiles_org_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    unique('voucher_profiles_id_org_uq').on(t.id, t.organizationId),
  ],
);

/** One "generate" request: how its codes were made, where they go, and the delivery's state. */
export const voucherBatches = pgTable(
  'voucher_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    profileId: uuid('profile_id').notNull(),
    count: integer('count').notNull(),
    codeLength: integer('code_length').notNull(),
    charset: text('charset', { enum: VOUCHER_CHARSETS }).notNull(),
    prefix: text('prefix').notNull().default(''),
    passwordMode: text('password_mode', { enum: PASSWORD_MODES }).notNull(),
    delivery: text('delivery', { enum: VOUCHER_DELIVERIES }).notNull(),
    routerId: uuid('router_id'),
    // null = the organization's own stock; else the reseller who bought the batch.
    resellerUserId: uuid('reseller_user_id').references(() => users.id, { onDelete: 'set null' }),
    // Prices as they were when the batch was made (the profile may change later).
    priceRupiah: bigint('price_rupiah', { mode: 'number' }).notNull(),
    costRupiah: bigint('cost_rupiah', { mode: 'number' }).notNull(),
    status: text('status', { enum: BATCH_STATUSES }).notNull().default('queued'),
    deliveredCount: integer('delivered_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('voucher_batches_id_org_uq').on(t.id, t.organizationId),
    foreignKey({
      name: 'voucher_batches_profile_fk',
      columns: [t.profileId, t.organizationId],
      foreignColumns: [voucherProfiles.id, voucherProfiles.organizationId],
    }),
    // No cascade: a router with batches is not deleted behind their back.
    foreignKey({
      name: 'voucher_batches_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }),
    index('voucher_batches_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('voucher_batches_router_idx').on(t.routerId),
  ],
);

/**
 * One voucher. `code` is the login; in `separate` mode `password_enc` holds the second half
 * (AES-256-GCM, lib/crypto.ts). profile_id is a copy of the batch's (no key of its own: one
 * foreign-key check per row less when 100,000 are inserted; the batch key pins it).
 */
export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    profileId: uuid('profile_id').notNull(),
    code: text('code').notNull(),
    passwordEnc: text('password_enc'),
    status: text('status', { enum: VOUCHER_STATUSES }).notNull().default('unused'),
    firstLoginAt: timestamp('first_login_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    usedBytes: bigint('used_bytes', { mode: 'number' }).notNull().default(0),
    usedSeconds: integer('used_seconds').notNull().default(0),
    resellerUserId: uuid('reseller_user_id'),
    // When the voucher counts as sold: a reseller's purchase, else its first login.
    soldAt: timestamp('sold_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vouchers_org_code_uq').on(t.organizationId, t.code),
    foreignKey({
      name: 'vouchers_batch_fk',
      columns: [t.batchId, t.organizationId],
      foreignColumns: [voucherBatches.id, voucherBatches.organizationId],
    }).onDelete('cascade'),
    index('vouchers_batch_status_idx').on(t.batchId, t.status),
    index('vouchers_org_status_idx').on(t.organizationId, t.status),
    // The sales report (per day, profile, reseller) and the usage report, index-only.
    index('vouchers_org_sold_idx')
      .on(t.organizationId, t.soldAt, t.profileId, t.resellerUserId)
      .where(sql`${t.soldAt} is not null`),
    index('vouchers_org_login_idx')
      .on(t.organizationId, t.firstLoginAt, t.profileId)
      .where(sql`${t.firstLoginAt} is not null`),
  ],
);

export type VoucherProfile = typeof voucherProfiles.$inferSelect;
export type VoucherBatch = typeof voucherBatches.$inferSelect;
export type Voucher = typeof vouchers.$inferSelect;
