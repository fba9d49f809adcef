import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { OUTAGE_ELEMENT_TYPES, OUTAGE_SOURCES, OUTAGE_STATUSES } from '../enums';
import { organizations, users } from './organizations';
import { tickets } from './support';

/**
 * A network element down (marked by NOC, or proposed by detection), the customers behind it
 * computed from the topology, and its incident ticket.
 */
export const outages = pgTable(
  'outages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    elementType: text('element_type', { enum: OUTAGE_ELEMENT_TYPES }).notNull(),
    elementId: uuid('element_id').notNull(),
    // Only for element_type 'odp_port'.
    odpPort: integer('odp_port'),
    // The element's name as it was (the element may be renamed or deleted later).
    elementLabel: text('element_label').notNull(),
    // The element's area, named in the customers' WhatsApp notice ("gangguan di area …").
    area: text('area'),
    status: text('status', { enum: OUTAGE_STATUSES }).notNull(),
    source: text('source', { enum: OUTAGE_SOURCES }).notNull(),
    // Detection: what was seen (how many went offline, within how many minutes, from which signal).
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    cause: text('cause'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    // When NOC dismissed or resolved it: detection's quiet period counts from here (updated_at
    // moves with every later write, e.g. crediting, and would stretch the quiet period).
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    // The incident ticket (a plain key that goes null with the ticket).
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    affectedCount: integer('affected_count').notNull().default(0),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    resolvedNotifiedAt: timestamp('resolved_notified_at', { withTimezone: true }),
    // Downtime credited on the next invoices (pending charges), once.
    creditedAt: timestamp('credited_at', { withTimezone: true }),
    creditedBy: uuid('credited_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('outages_id_org_uq').on(t.id, t.organizationId),
    index('outages_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    // Current outages (a complaint joins one; detection never proposes the same element twice).
    index('outages_org_current_idx')
      .on(t.organizationId, t.elementType, t.elementId)
      .where(sql`${t.status} in ('proposed', 'open')`),
  ],
);

/** The subscriptions an outage affects, computed when it opens. */
export const outageSubscriptions = pgTable(
  'outage_subscriptions',
  {
    organizationId: uuid('organization_id').notNull(),
    outageId: uuid('outage_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    // The plan as it was when the outage was stored: the credit is the price the customer
    // paid during the outage, not the plan they moved to since. Null on rows stored before.
    priceRupiah: bigint('price_rupiah', { mode: 'number' }),
    taxable: boolean('taxable'),
  },
  (t) => [
    primaryKey({ columns: [t.outageId, t.subscriptionId] }),
    foreignKey({
      name: 'outage_subscriptions_outage_fk',
      columns: [t.outageId, t.organizationId],
      foreignColumns: [outages.id, outages.organizationId],
    }).onDelete('cascade'),
    // "Is this customer inside a current outage?" when a complaint comes in.
    index('outage_subscriptions_customer_idx').on(t.organizationId, t.customerId),
  ],
);

export type Outage = typeof outages.$inferSelect;
export type NewOutage = typeof outages.$inferInsert;

/**
 * Sessions that vanished from a router's snapshot (lib/network/router-status.ts writes them
 * as it replaces the snapshot): the outage detection pass reads the last minutes of these,
 * next to RADIUS accounting stops. Pruned after a day.
 */
export const sessionDrops = pgTable(
  'session_drops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    routerId: uuid('router_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    droppedAt: timestamp('dropped_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('session_drops_org_time_idx').on(t.organizationId, t.droppedAt)],
);

export type SessionDrop = typeof sessionDrops.$inferSelect;
