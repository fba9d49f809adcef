import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  TICKET_CATEGORIES,
  TICKET_KINDS,
  TICKET_MESSAGE_KINDS,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
  TICKET_TEAMS,
  type WorkingHours,
} from '../enums';
import { customers, subscriptions } from './customers';
import { messages } from './messaging';
import { organizations, users } from './organizations';

/** Gap-free ticket numbers per organization (shown as T-000123). */
export const ticketCounters = pgTable('ticket_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

/**
 * Helpdesk settings per organization: the working hours SLA timers count in (the
 * organization's time zone) and who hears about a breach (the NOC lead).
 */
export const supportSettings = pgTable('support_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  workingHours: jsonb('working_hours')
    .$type<WorkingHours>()
    .notNull()
    .default({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:00' }),
  escalationUserId: uuid('escalation_user_id').references(() => users.id, { onDelete: 'set null' }),
  // Ask the customer for a 1–5 rating on WhatsApp when a ticket is resolved.
  askRating: boolean('ask_rating').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** First-response and resolution targets per priority, in working minutes. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull(),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.priority] })],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: TICKET_KINDS }).notNull().default('complaint'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    category: text('category', { enum: TICKET_CATEGORIES }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    source: text('source', { enum: TICKET_SOURCES }).notNull().default('staff'),
    // Plain keys (not pinned with organization_id like most links): a composite key cannot set
    // only its own column to null when the customer goes; lib/tickets checks the organization.
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    // Who reported it when no customer record matched (public form): name and WhatsApp number.
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    team: text('team', { enum: TICKET_TEAMS }),
    // The outage this complaint belongs to (its incident ticket holds the conversation).
    outageId: uuid('outage_id'),
    // SLA: targets fixed when the ticket opens (working hours), met when first answered / resolved.
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    // The customer's 1–5 rating after resolution; the token is the rating link's secret.
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratingToken: text('rating_token'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_org_number_uq').on(t.organizationId, t.number),
    unique('tickets_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('tickets_rating_token_uq').on(t.ratingToken),
    // The list, newest first, by keyset (created_at, id).
    index('tickets_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('tickets_customer_idx').on(t.customerId),
    index('tickets_outage_idx').on(t.outageId),
    // Open work (dashboards, the SLA pass): only tickets not yet resolved.
    index('tickets_org_open_idx')
      .on(t.organizationId, t.status, t.resolutionDueAt)
      .where(sql`${t.status} in ('open', 'in_progress', 'waiting')`),
  ],
);

/** The conversation: internal notes, replies sent to the customer, the customer's words, events. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    kind: text('kind', { enum: TICKET_MESSAGE_KINDS }).notNull(),
    body: text('body').notNull(),
    // Events: a code and values the screen turns into a sentence in the viewer's language.
    event: jsonb('event').$type<{ code: string; values?: Record<string, string | number> }>(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    // The WhatsApp message a reply went out as (its delivery status).
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'ticket_messages_ticket_fk',
      columns: [t.ticketId, t.organizationId],
      foreignColumns: [tickets.id, tickets.organizationId],
    }).onDelete('cascade'),
    index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt),
  ],
);

/** Photos and files on a ticket, stored under FILES_DIR/<org>/tickets/. */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    ticketMessageId: uuid('ticket_message_id'),
    path: text('path').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'ticket_attachments_ticket_fk',
      columns: [t.ticketId, t.organizationId],
      foreignColumns: [tickets.id, tickets.organizationId],
    }).onDelete('cascade'),
    index('ticket_attachments_ticket_idx').on(t.ticketId),
  ],
);

export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketMessage = typeof ticketMessages.$inferSelect;
export type TicketAttachment = typeof ticketAttachments.$inferSelect;
export type SlaPolicy = typeof slaPolicies.$inferSelect;
