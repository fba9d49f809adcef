import { sql } from 'drizzle-orm';
import {
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
import { CONVERSATION_AUTHORS, CONVERSATION_STATUSES } from '../enums';
import { customers } from './customers';
import { messages, whatsappSessions } from './messaging';
import { organizations, users } from './organizations';
import { tickets } from './support';

/** A WiFi change the assistant asked the customer to confirm (lib/assistant/wifi.ts). */
export type AssistantPending = {
  kind: 'wifi';
  ssid: string;
  passwordEnc: string;
  /** The subscription whose modem it is for, once the assistant asked (null: not asked yet). */
  subscriptionId: string | null;
  /** ISO time the customer sent the command. */
  at: string;
};

/**
 * One WhatsApp conversation per number and organization: what customers (and strangers)
 * wrote to the organization's WhatsApp, the assistant's answers and staff replies. The staff
 * inbox lists them; `unread` counts inbound lines no staff member has opened yet.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    // Normalised 62… number.
    phone: text('phone').notNull(),
    // The customer the number matched when the last message came in (null: not a customer).
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    // The session the customer last wrote to: replies go out through it.
    sessionId: uuid('session_id').references(() => whatsappSessions.id, { onDelete: 'set null' }),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    unread: integer('unread').notNull().default(0),
    // Set when the assistant could not answer: the conversation waits for a person.
    needsStaffAt: timestamp('needs_staff_at', { withTimezone: true }),
    // What the assistant waits for the customer to confirm (a WiFi change: reply YA within
    // ten minutes); the password only encrypted. Null: nothing waits.
    assistantPending: jsonb('assistant_pending').$type<AssistantPending>(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastPreview: text('last_preview').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_org_phone_uq').on(t.organizationId, t.phone),
    unique('conversations_id_org_uq').on(t.id, t.organizationId),
    // The inbox, latest first, by keyset.
    index('conversations_org_last_idx').on(t.organizationId, t.lastMessageAt, t.id),
  ],
);

export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    author: text('author', { enum: CONVERSATION_AUTHORS }).notNull(),
    body: text('body').notNull(),
    // Inbound: the transport's id of the message (a redelivered webhook is stored once).
    transportMessageId: text('transport_message_id'),
    // The command the assistant matched (`tagihan`, `lapor`, …); null when none.
    intent: text('intent'),
    // Outbound: the message row it went out as (its delivery status).
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'conversation_messages_conversation_tenant_fk',
      columns: [t.conversationId, t.organizationId],
      foreignColumns: [conversations.id, conversations.organizationId],
    }).onDelete('cascade'),
    index('conversation_messages_conversation_idx').on(t.conversationId, t.createdAt, t.id),
    uniqueIndex('conversation_messages_transport_uq')
      .on(t.organizationId, t.transportMessageId)
      .where(sql`${t.transportMessageId} is not null`),
  ],
);

/** Canned answers staff pick in the inbox. */
export const quickReplies = pgTable(
  'quick_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quick_replies_org_idx').on(t.organizationId, t.title)],
);

export type Conversation = typeof conversations.$inferSelect;
export type ConversationMessage = typeof conversationMessages.$inferSelect;
export type QuickReply = typeof quickReplies.$inferSelect;
