import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
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
  type ChecklistItem,
  type InstallationResult,
  WORK_ORDER_EVENT_KINDS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
} from '../enums';
import { customers, leads, subscriptions } from './customers';
import { odps } from './network';
import { organizations, users } from './organizations';
import { tickets } from './support';

/** Gap-free work order (SPK) numbers per organization. */
export const workOrderCounters = pgTable('work_order_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

/** The checklist and required photos per work order type, editable by the organization. */
export const checklistTemplates = pgTable(
  'checklist_templates',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type', { enum: WORK_ORDER_TYPES }).notNull(),
    items: jsonb('items').$type<string[]>().notNull(),
    requiredPhotos: integer('required_photos').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.type] })],
);

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    type: text('type', { enum: WORK_ORDER_TYPES }).notNull(),
    status: text('status', { enum: WORK_ORDER_STATUSES }).notNull().default('open'),
    // Plain keys that go null with their row (a composite key with organization_id would try to
    // null that column too); lib/workorders checks the organization of each.
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    // The visit: a day in the organization's zone and a window ("08:00"–"12:00").
    scheduledDate: date('scheduled_date', { mode: 'string' }),
    windowStart: text('window_start'),
    windowEnd: text('window_end'),
    address: text('address').notNull().default(''),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    odpId: uuid('odp_id').references(() => odps.id, { onDelete: 'set null' }),
    odpPort: integer('odp_port'),
    notes: text('notes'),
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default([]),
    requiredPhotos: integer('required_photos').notNull().default(0),
    // Finishing an installation: what went in (serial, MAC, port, day).
    result: jsonb('result').$type<InstallationResult>(),
    signaturePath: text('signature_path'),
    signedName: text('signed_name'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    checkInAt: timestamp('check_in_at', { withTimezone: true }),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutLng: doublePrecision('check_out_lng'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    finishedBy: uuid('finished_by').references(() => users.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
    // Bumped on every change made in the office (reassign, reschedule, cancel): the phone app
    // sends the version it last saw, and a mismatch is shown to the technician as a conflict.
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('work_orders_org_number_uq').on(t.organizationId, t.number),
    unique('work_orders_id_org_uq').on(t.id, t.organizationId),
    index('work_orders_org_created_idx').on(t.organizationId, t.createdAt, t.id),
    index('work_orders_org_scheduled_idx').on(t.organizationId, t.scheduledDate),
    index('work_orders_ticket_idx').on(t.ticketId),
    index('work_orders_customer_idx').on(t.customerId),
    // One open installation per lead: verifying twice never makes a second SPK.
    uniqueIndex('work_orders_lead_installation_uq')
      .on(t.leadId)
      .where(sql`${t.type} = 'installation' and ${t.status} <> 'cancelled'`),
  ],
);

/** The technicians on a work order (one or more). */
export const workOrderTechnicians = pgTable(
  'work_order_technicians',
  {
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workOrderId, t.userId] }),
    foreignKey({
      name: 'work_order_technicians_wo_fk',
      columns: [t.workOrderId, t.organizationId],
      foreignColumns: [workOrders.id, workOrders.organizationId],
    }).onDelete('cascade'),
    // "My work orders" for a technician.
    index('work_order_technicians_user_idx').on(t.organizationId, t.userId),
  ],
);

/** Photos taken on a visit, under FILES_DIR/<org>/work-orders/<id>/. */
export const workOrderPhotos = pgTable(
  'work_order_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    path: text('path').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    caption: text('caption'),
    takenBy: uuid('taken_by').references(() => users.id, { onDelete: 'set null' }),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'work_order_photos_wo_fk',
      columns: [t.workOrderId, t.organizationId],
      foreignColumns: [workOrders.id, workOrders.organizationId],
    }).onDelete('cascade'),
    index('work_order_photos_wo_idx').on(t.workOrderId),
  ],
);

/**
 * What happened on a work order, in order: the office's changes and the technician's steps
 * (with the phone's GPS and the time on the phone when it was done, which may be earlier than
 * created_at when the phone was offline). The NOC map reads each technician's last position here.
 */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    kind: text('kind', { enum: WORK_ORDER_EVENT_KINDS }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    happenedAt: timestamp('happened_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'work_order_events_wo_fk',
      columns: [t.workOrderId, t.organizationId],
      foreignColumns: [workOrders.id, workOrders.organizationId],
    }).onDelete('cascade'),
    index('work_order_events_wo_idx').on(t.workOrderId, t.happenedAt),
    index('work_order_events_user_idx').on(t.organizationId, t.userId, t.happenedAt),
  ],
);

/**
 * Requests already carried out, by the key the client chose (the phone app's offline queue;
 * later the API's Idempotency-Key): a repeat returns the stored answer instead of acting twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** sha256 of what the key was first used for (kind, work order, body): a key reused for something else is refused. */
    requestHash: text('request_hash'),
    response: jsonb('response').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.scope, t.key] })],
);

export type WorkOrder = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;
export type WorkOrderEvent = typeof workOrderEvents.$inferSelect;
export type WorkOrderPhoto = typeof workOrderPhotos.$inferSelect;
export type ChecklistTemplate = typeof checklistTemplates.$inferSelect;
