import { sql } from 'drizzle-orm';
import {
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
import type { TransportKind } from '../enums';
import { customers } from './customers';
import { organizations, users } from './organizations';

export const SESSION_STATUSES = [
  'new',
  'qr',
  'connecting',
  'connected',
  'disconnected',
  'logged_out',
  'failed',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * A way out for an organization's messages. Baileys sessions are linked devices the worker
 * keeps connected (its auth state below); Cloud API and HTTP gateway sessions are accounts
 * (their keys in `configEnc`). Messages go through the connected session with the lowest
 * priority number first.
 */
export const whatsappSessions = pgTable(
  'whatsapp_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    transport: text('transport').$type<TransportKind>().notNull().default('baileys'),
    priority: integer('priority').notNull().default(1),
    enabled: boolean('enabled').notNull().default(true),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('new'),
    phone: text('phone'),
    // The pairing QR the worker received (Baileys), shown on the sessions page until it expires.
    qr: text('qr'),
    qrAt: timestamp('qr_at', { withTimezone: true }),
    // Cloud API / HTTP gateway keys, AES-256-GCM JSON (lib/crypto).
    configEnc: text('config_enc'),
    configHints: jsonb('config_hints').$type<Record<string, string>>().notNull().default({}),
    // Sending limits: messages per minute (with random spacing) and per day.
    perMinute: integer('per_minute').notNull().default(10),
    dailyCap: integer('daily_cap').notNull().default(500),
    sentDay: date('sent_day'),
    sentToday: integer('sent_today').notNull().default(0),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    lastError: text('last_error'),
    // Set by the web app; the worker logs the device out and clears the auth state.
    logoutRequestedAt: timestamp('logout_requested_at', { withTimezone: true }),
    // Which worker holds the linked device, until when (renewed every poll): with several
    // workers only one connects it, and another takes over when that one stops answering.
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('whatsapp_sessions_org_idx').on(t.organizationId, t.priority)],
);

/**
 * Baileys' auth state (credentials and Signal keys), one row per key, encrypted: a restart
 * or another worker machine resumes the session without scanning again.
 */
export const whatsappAuthState = pgTable(
  'whatsapp_auth_state',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => whatsappSessions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    valueEnc: text('value_enc').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.key] })],
);

export const TEMPLATE_CATEGORIES = [
  'welcome',
  'invoice',
  'payment_received',
  'due_reminder',
  'isolation',
  'reconnection',
  'voucher',
  'support',
  'broadcast',
  'visit_scheduled',
  'technician_on_the_way',
  'outage',
  'outage_resolved',
  'welcome_wifi',
  'portal_code',
  'assistant',
  'inbox',
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** An organization's wording for a category and language; a missing row means the built-in text. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    category: text('category', { enum: TEMPLATE_CATEGORIES }).notNull(),
    locale: text('locale').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('message_templates_org_category_locale_uq').on(t.organizationId, t.category, t.locale)],
);

export const AUTO_MESSAGES = [
  'invoice',
  'reminder_h3',
  'reminder_h1',
  'isolation',
  'payment_received',
  'reconnection',
  'welcome',
  'visit_scheduled',
  'technician_on_the_way',
] as const;
export type AutoMessage = (typeof AUTO_MESSAGES)[number];

/** Which automatic messages an organization sends, and in which language; a missing row: all on, Indonesian. */
export const messagingSettings = pgTable('messaging_settings', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  locale: text('locale').notNull().default('id'),
  disabled: jsonb('disabled').$type<AutoMessage[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const BROADCAST_STATUSES = ['sending', 'paused', 'done', 'cancelled'] as const;

export type BroadcastFilter = { status?: string; planId?: string; area?: string; odpId?: string };

export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    filter: jsonb('filter').$type<BroadcastFilter>().notNull().default({}),
    total: integer('total').notNull().default(0),
    status: text('status', { enum: BROADCAST_STATUSES }).notNull().default('sending'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('broadcasts_org_created_idx').on(t.organizationId, t.createdAt, t.id)],
);

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Every message, automatic or broadcast, from queued to read or failed. `eventKey` makes an
 * automatic message happen once per event (`invoice:<id>`, `reminder_h3:<id>`, …).
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    customerId: uuid('customer_id'),
    broadcastId: uuid('broadcast_id').references(() => broadcasts.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => whatsappSessions.id, { onDelete: 'set null' }),
    toPhone: text('to_phone').notNull(),
    category: text('category', { enum: TEMPLATE_CATEGORIES }).notNull(),
    eventKey: text('event_key'),
    // What the log shows. A message carrying a secret (the welcome's service password) shows
    // it masked here; the text actually sent is kept encrypted in bodyEnc.
    body: text('body').notNull(),
    bodyEnc: text('body_enc'),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    error: text('error'),
    transportMessageId: text('transport_message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'messages_org_fk', columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'messages_customer_tenant_fk',
      columns: [t.customerId, t.organizationId],
      foreignColumns: [customers.id, customers.organizationId],
    }).onDelete('cascade'),
    uniqueIndex('messages_org_event_uq').on(t.organizationId, t.eventKey),
    index('messages_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    // The dispatcher's queue: only queued rows are in this index.
    index('messages_queue_idx').on(t.organizationId, t.nextAttemptAt).where(sql`status = 'queued'`),
    index('messages_broadcast_idx').on(t.broadcastId, t.status),
    index('messages_transport_id_idx').on(t.transportMessageId),
  ],
);

export type WhatsappSession = typeof whatsappSessions.$inferSelect;
export type MessageTemplate = typeof messageTemplates.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Broadcast = typeof broadcasts.$inferSelect;
