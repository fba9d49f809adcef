import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  INVENTORY_CATEGORIES,
  INVENTORY_TRACKING,
  INVENTORY_UNITS,
  PURCHASE_ORDER_STATUSES,
  STOCK_COUNT_STATUSES,
  STOCK_LOCATION_KINDS,
  STOCK_MOVE_KINDS,
} from '../enums';
import { subscriptions } from './customers';
import { workOrders } from './field';
import { organizations, users } from './organizations';

/** The catalogue: what the ISP stocks. Money is integer rupiah. */
export const inventoryItems = pgTable(
  'inventory_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category', { enum: INVENTORY_CATEGORIES }).notNull(),
    unit: text('unit', { enum: INVENTORY_UNITS }).notNull().default('pcs'),
    tracking: text('tracking', { enum: INVENTORY_TRACKING }).notNull(),
    // A network device (ONT, router, access point): receiving and installing record its MAC.
    hasMac: boolean('has_mac').notNull().default(false),
    // Below this on hand (warehouses, shelves and bags together) the warehouse is alerted.
    minStock: integer('min_stock').notNull().default(0),
    // The price a purchase order starts from; averageCost is the valuation (moving average).
    costPrice: bigint('cost_price', { mode: 'number' }).notNull().default(0),
    averageCost: bigint('average_cost', { mode: 'number' }).notNull().default(0),
    // Set when the low-stock alert went out, cleared when stock is back above the minimum:
    // one alert per shortage, not one a day.
    lowStockAlertedAt: timestamp('low_stock_alerted_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inventory_items_org_sku_uq').on(t.organizationId, sql`lower(${t.sku})`),
    unique('inventory_items_id_org_uq').on(t.id, t.organizationId),
    check('inventory_items_min_stock_nonnegative', sql`${t.minStock} >= 0`),
    check('inventory_items_cost_nonnegative', sql`${t.costPrice} >= 0 and ${t.averageCost} >= 0`),
  ],
);

export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('suppliers_org_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    unique('suppliers_id_org_uq').on(t.id, t.organizationId),
  ],
);

/** Where stock is (see STOCK_LOCATION_KINDS). `code` is what a QR label on a shelf or bag carries. */
export const stockLocations = pgTable(
  'stock_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STOCK_LOCATION_KINDS }).notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    // A shelf's warehouse.
    parentId: uuid('parent_id'),
    // A bag's technician.
    userId: uuid('user_id').references(() => users.id),
    // A customer location's subscription (plain key: set null if the subscription goes, the
    // equipment and its history stay).
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('stock_locations_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('stock_locations_org_code_uq').on(t.organizationId, sql`lower(${t.code})`),
    uniqueIndex('stock_locations_bag_uq').on(t.organizationId, t.userId).where(sql`${t.kind} = 'bag'`),
    uniqueIndex('stock_locations_customer_uq').on(t.subscriptionId).where(sql`${t.kind} = 'customer'`),
    uniqueIndex('stock_locations_system_uq')
      .on(t.organizationId, t.kind)
      .where(sql`${t.kind} in ('faulty', 'written_off')`),
    index('stock_locations_org_kind_idx').on(t.organizationId, t.kind),
    foreignKey({
      name: 'stock_locations_parent_fk',
      columns: [t.parentId, t.organizationId],
      foreignColumns: [t.id, t.organizationId],
    }),
    check('stock_locations_bag_has_user', sql`(${t.kind} = 'bag') = (${t.userId} is not null)`),
    check('stock_locations_shelf_has_parent', sql`(${t.kind} = 'shelf') = (${t.parentId} is not null)`),
  ],
);

/**
 * One serialized unit (a modem, a router). `locationId` is the one place it is: moving it is a
 * conditional update on that column (lib/inventory/ledger.ts), so two technicians installing
 * the same serial at once cannot both succeed.
 */
export const stockUnits = pgTable(
  'stock_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    // Trimmed and upper-cased (lib/inventory/serials.ts) so a scan and a typed entry match.
    serial: text('serial').notNull(),
    // Normalized AA:BB:CC:DD:EE:FF.
    mac: text('mac'),
    locationId: uuid('location_id').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull().default(0),
    purchaseOrderId: uuid('purchase_order_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('stock_units_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('stock_units_org_serial_uq').on(t.organizationId, t.serial),
    uniqueIndex('stock_units_org_mac_uq').on(t.organizationId, t.mac).where(sql`${t.mac} is not null`),
    index('stock_units_location_idx').on(t.organizationId, t.locationId, t.itemId),
    index('stock_units_item_idx').on(t.organizationId, t.itemId),
    foreignKey({
      name: 'stock_units_item_fk',
      columns: [t.itemId, t.organizationId],
      foreignColumns: [inventoryItems.id, inventoryItems.organizationId],
    }),
    foreignKey({
      name: 'stock_units_location_fk',
      columns: [t.locationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
    check('stock_units_cost_nonnegative', sql`${t.unitCost} >= 0`),
  ],
);

/**
 * On hand per item and location, serialized items included (their count of units). Kept in
 * step with the ledger in the same transaction as each move; the CHECK is the last guard that
 * a quantity never goes negative.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    locationId: uuid('location_id').notNull(),
    quantity: integer('quantity').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.itemId] }),
    index('stock_levels_org_item_idx').on(t.organizationId, t.itemId),
    foreignKey({
      name: 'stock_levels_item_fk',
      columns: [t.itemId, t.organizationId],
      foreignColumns: [inventoryItems.id, inventoryItems.organizationId],
    }),
    foreignKey({
      name: 'stock_levels_location_fk',
      columns: [t.locationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
    check('stock_levels_quantity_nonnegative', sql`${t.quantity} >= 0`),
  ],
);

/** Gap-free purchase order numbers per organization. */
export const purchaseOrderCounters = pgTable('purchase_order_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    status: text('status', { enum: PURCHASE_ORDER_STATUSES }).notNull().default('draft'),
    orderedOn: date('ordered_on', { mode: 'string' }),
    expectedOn: date('expected_on', { mode: 'string' }),
    // Where received stock goes unless the receipt says otherwise.
    locationId: uuid('location_id'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('purchase_orders_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('purchase_orders_org_number_uq').on(t.organizationId, t.number),
    index('purchase_orders_org_created_idx').on(t.organizationId, t.createdAt),
    foreignKey({
      name: 'purchase_orders_supplier_fk',
      columns: [t.supplierId, t.organizationId],
      foreignColumns: [suppliers.id, suppliers.organizationId],
    }),
    foreignKey({
      name: 'purchase_orders_location_fk',
      columns: [t.locationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    purchaseOrderId: uuid('purchase_order_id').notNull(),
    itemId: uuid('item_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitCost: bigint('unit_cost', { mode: 'number' }).notNull(),
    receivedQuantity: integer('received_quantity').notNull().default(0),
  },
  (t) => [
    unique('purchase_order_lines_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('purchase_order_lines_po_item_uq').on(t.purchaseOrderId, t.itemId),
    foreignKey({
      name: 'purchase_order_lines_po_fk',
      columns: [t.purchaseOrderId, t.organizationId],
      foreignColumns: [purchaseOrders.id, purchaseOrders.organizationId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'purchase_order_lines_item_fk',
      columns: [t.itemId, t.organizationId],
      foreignColumns: [inventoryItems.id, inventoryItems.organizationId],
    }),
    check('purchase_order_lines_quantity_positive', sql`${t.quantity} > 0`),
    check('purchase_order_lines_cost_nonnegative', sql`${t.unitCost} >= 0`),
    check(
      'purchase_order_lines_received_range',
      sql`${t.receivedQuantity} >= 0 and ${t.receivedQuantity} <= ${t.quantity}`,
    ),
  ],
);

/** A stock opname: one location counted by scanning, posted only after approval. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: STOCK_COUNT_STATUSES }).notNull().default('counting'),
    notes: text('notes'),
    startedBy: uuid('started_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    unique('stock_counts_id_org_uq').on(t.id, t.organizationId),
    index('stock_counts_org_started_idx').on(t.organizationId, t.startedAt),
    // One open count per location at a time.
    uniqueIndex('stock_counts_open_uq').on(t.locationId).where(sql`${t.status} in ('counting', 'submitted')`),
    foreignKey({
      name: 'stock_counts_location_fk',
      columns: [t.locationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
  ],
);

/**
 * What was counted: a scanned serial (known unit or not: `unitId` null and `serial` kept), or
 * a bulk item's counted quantity (set, not added, when counted again).
 */
export const stockCountEntries = pgTable(
  'stock_count_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stockCountId: uuid('stock_count_id').notNull(),
    itemId: uuid('item_id'),
    unitId: uuid('unit_id'),
    serial: text('serial'),
    quantity: integer('quantity').notNull().default(1),
    countedBy: uuid('counted_by').references(() => users.id),
    countedAt: timestamp('counted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'stock_count_entries_count_fk',
      columns: [t.stockCountId, t.organizationId],
      foreignColumns: [stockCounts.id, stockCounts.organizationId],
    }).onDelete('cascade'),
    uniqueIndex('stock_count_entries_serial_uq').on(t.stockCountId, t.serial).where(sql`${t.serial} is not null`),
    uniqueIndex('stock_count_entries_bulk_uq').on(t.stockCountId, t.itemId).where(sql`${t.serial} is null`),
    check('stock_count_entries_quantity_nonnegative', sql`${t.quantity} >= 0`),
    check('stock_count_entries_what', sql`${t.serial} is not null or ${t.itemId} is not null`),
  ],
);

/**
 * The ledger: one row per move of one unit or one quantity, written in the same transaction
 * as what caused it. Append-only: a trigger (migration 0022) refuses UPDATE, and DELETE except
 * when the organization itself is being deleted. On hand is derivable from it (sum of what
 * came into a location minus what left).
 */
export const stockMoves = pgTable(
  'stock_moves',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    // The moves one action made together (a transfer of three modems, a swap's two halves).
    batchId: uuid('batch_id').notNull(),
    kind: text('kind', { enum: STOCK_MOVE_KINDS }).notNull(),
    itemId: uuid('item_id').notNull(),
    unitId: uuid('unit_id'),
    quantity: integer('quantity').notNull(),
    // null from: stock that came in (receive, import, a positive adjustment);
    // null to: stock that left the books (a negative adjustment of a bulk item).
    fromLocationId: uuid('from_location_id'),
    toLocationId: uuid('to_location_id'),
    unitCost: bigint('unit_cost', { mode: 'number' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id),
    purchaseOrderId: uuid('purchase_order_id'),
    stockCountId: uuid('stock_count_id'),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_moves_unit_idx').on(t.unitId, t.id),
    index('stock_moves_org_created_idx').on(t.organizationId, t.createdAt),
    index('stock_moves_work_order_idx').on(t.workOrderId).where(sql`${t.workOrderId} is not null`),
    index('stock_moves_batch_idx').on(t.batchId),
    foreignKey({
      name: 'stock_moves_item_fk',
      columns: [t.itemId, t.organizationId],
      foreignColumns: [inventoryItems.id, inventoryItems.organizationId],
    }),
    foreignKey({
      name: 'stock_moves_unit_fk',
      columns: [t.unitId, t.organizationId],
      foreignColumns: [stockUnits.id, stockUnits.organizationId],
    }),
    foreignKey({
      name: 'stock_moves_from_fk',
      columns: [t.fromLocationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
    foreignKey({
      name: 'stock_moves_to_fk',
      columns: [t.toLocationId, t.organizationId],
      foreignColumns: [stockLocations.id, stockLocations.organizationId],
    }),
    check('stock_moves_quantity_positive', sql`${t.quantity} > 0`),
    check('stock_moves_somewhere', sql`${t.fromLocationId} is not null or ${t.toLocationId} is not null`),
    check('stock_moves_unit_is_one', sql`${t.unitId} is null or ${t.quantity} = 1`),
  ],
);

export type InventoryItem = typeof inventoryItems.$inferSelect;
export type NewInventoryItem = typeof inventoryItems.$inferInsert;
export type Supplier = typeof suppliers.$inferSelect;
export type StockLocation = typeof stockLocations.$inferSelect;
export type StockUnit = typeof stockUnits.$inferSelect;
export type StockLevel = typeof stockLevels.$inferSelect;
export type StockMove = typeof stockMoves.$inferSelect;
export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type StockCount = typeof stockCounts.$inferSelect;
export type StockCountEntry = typeof stockCountEntries.$inferSelect;
