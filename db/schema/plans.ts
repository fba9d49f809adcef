import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { BILLING_TYPES, SERVICE_TYPES } from '../enums';
import { organizations } from './organizations';

/** A paket internet: speed, monthly price and what it maps to on the router / RADIUS. */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    downloadKbps: integer('download_kbps').notNull(),
    uploadKbps: integer('upload_kbps').notNull(),
    // MikroTik burst fields after rx/tx, e.g. "20M/20M 8M/8M 16/16"; empty = no burst.
    burst: text('burst'),
    // Integer rupiah per month, before PPN.
    priceRupiah: bigint('price_rupiah', { mode: 'number' }).notNull(),
    taxable: boolean('taxable').notNull().default(false),
    serviceType: text('service_type', { enum: SERVICE_TYPES }).notNull().default('pppoe'),
    billingType: text('billing_type', { enum: BILLING_TYPES }).notNull().default('postpaid'),
    routerProfile: text('router_profile'),
    radiusGroup: text('radius_group'),
    // Optional RADIUS replies of the plan's group: an IP pool on the router, a session limit.
    framedPool: text('framed_pool'),
    sessionTimeoutMinutes: integer('session_timeout_minutes'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plans_org_name_uq').on(t.organizationId, t.name),
    index('plans_org_idx').on(t.organizationId, t.active),
  ],
);

export type Plan = typeof plans.$inferSelect;
