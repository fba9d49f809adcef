import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
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
import { ROUTER_MODES, ROUTER_STATUSES, type RouterSnapshot, SESSION_KINDS, SPLITTER_RATIOS } from '../enums';
import { oltPonPorts } from './fibre';
import { infraSites } from './infrastructure';
import { organizations } from './organizations';

/** ODP: a splitter box on a pole. Used ports are counted from live subscriptions. */
export const odps = pgTable(
  'odps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    totalPorts: integer('total_ports').notNull().default(8),
    splitterRatio: text('splitter_ratio', { enum: SPLITTER_RATIOS }),
    // The ODC cabinet that feeds this ODP (an infra_sites row of kind 'odc').
    odcId: uuid('odc_id'),
    // The OLT PON port that feeds it directly (else the one feeding its ODC): zero-touch
    // activation registers the customer's ONU there; many LOS behind one port is a fibre cut.
    ponPortId: uuid('pon_port_id').references((): AnyPgColumn => oltPonPorts.id, { onDelete: 'set null' }),
    area: text('area'),
    notes: text('notes'),
    photoPath: text('photo_path'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('odps_org_code_uq').on(t.organizationId, t.code),
    // Target of composite keys (cable ends) that pin rows to one tenant.
    unique('odps_id_org_uq').on(t.id, t.organizationId),
    index('odps_org_idx').on(t.organizationId),
    // Walking the topology downstream from an ODC (lib/outages/affected.ts).
    index('odps_org_odc_idx').on(t.organizationId, t.odcId).where(sql`${t.odcId} is not null`),
    foreignKey({
      name: 'odps_odc_fk',
      columns: [t.odcId, t.organizationId],
      foreignColumns: [infraSites.id, infraSites.organizationId],
    }),
    // Map bounds and nearest-ODP queries (coverage) by index; btree_gist adds the tenant column.
    index('odps_org_point_gist').using('gist', t.organizationId, sql`point(${t.longitude}, ${t.latitude})`),
  ],
);

/**
 * A MikroTik (a "location"): how the worker reaches its API and how it enforces customers.
 * The password is AES-256-GCM ciphertext (lib/crypto.ts); nothing sends it to a browser.
 */
export const routers = pgTable(
  'routers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    host: text('host').notNull(),
    port: integer('port').notNull().default(8728),
    tls: boolean('tls').notNull().default(false),
    username: text('username').notNull(),
    passwordEnc: text('password_enc').notNull(),
    area: text('area'),
    mode: text('mode', { enum: ROUTER_MODES }).notNull().default('api'),
    // RADIUS mode: the shared secret (AES-256-GCM here; FreeRADIUS's `nas` row holds it in
    // clear), the address FreeRADIUS sees the router as (default: host) and its CoA port.
    radiusSecretEnc: text('radius_secret_enc'),
    nasAddress: text('nas_address'),
    coaPort: integer('coa_port').notNull().default(3799),
    // The profile isolated customers are moved to; its address-list feeds the redirect rule.
    isolirProfile: text('isolir_profile').notNull().default('isolir'),
    isolirRateLimit: text('isolir_rate_limit').notNull().default('256k/256k'),
    isolirAddressList: text('isolir_address_list').notNull().default('isolir'),
    // 0 = no scheduled sync.
    syncIntervalMinutes: integer('sync_interval_minutes').notNull().default(60),
    status: text('status', { enum: ROUTER_STATUSES }).notNull().default('unknown'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorKind: text('last_error_kind'),
    lastSnapshot: jsonb('last_snapshot').$type<RouterSnapshot>(),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    // Configuration history (lib/network/config-backups): `/export` over SSH with the API
    // login, daily when enabled, keeping the newest `configBackupKeep` versions.
    sshPort: integer('ssh_port').notNull().default(22),
    configBackupEnabled: boolean('config_backup_enabled').notNull().default(true),
    configBackupKeep: integer('config_backup_keep').notNull().default(30),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('routers_org_name_uq').on(t.organizationId, t.name),
    // Target of composite (router_id, organization_id) keys that pin rows to one tenant.
    unique('routers_id_org_uq').on(t.id, t.organizationId),
  ],
);

/**
 * Who is online, as last read from each router (status monitor or a refresh): a snapshot
 * replaced per router, so the sessions page lists, searches and pages it from Postgres.
 */
export const routerSessions = pgTable(
  'router_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    routerId: uuid('router_id').notNull(),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    // The router's own id (`*1A`) of the active entry, used to kick it.
    itemId: text('item_id').notNull(),
    username: text('username').notNull(),
    address: text('address'),
    callerId: text('caller_id'),
    uptime: text('uptime'),
    bytesIn: bigint('bytes_in', { mode: 'number' }),
    bytesOut: bigint('bytes_out', { mode: 'number' }),
    subscriptionId: uuid('subscription_id'),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'router_sessions_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }).onDelete('cascade'),
    index('router_sessions_org_username_idx').on(t.organizationId, t.username),
    index('router_sessions_router_idx').on(t.routerId, t.kind),
  ],
);

/**
 * What an import read off a router (PPP secrets and hotspot users), kept between the
 * preview and the admin's confirmation. Passwords inside `entries` are encrypted.
 */
export const routerImports = pgTable(
  'router_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    routerId: uuid('router_id').notNull(),
    jobId: uuid('job_id').notNull(),
    entries: jsonb('entries').$type<RouterImportEntry[]>().notNull(),
    importedCount: integer('imported_count'),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'router_imports_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }).onDelete('cascade'),
    uniqueIndex('router_imports_job_uq').on(t.jobId),
  ],
);

export type RouterImportEntry = {
  kind: 'pppoe' | 'hotspot';
  name: string;
  // Null when the router did not list the password (API user without the `sensitive` policy).
  passwordEnc: string | null;
  profile: string;
  disabled: boolean;
  remoteAddress: string | null;
  localAddress: string | null;
  callerId: string | null;
  comment: string | null;
};

export type Odp = typeof odps.$inferSelect;
export type Router = typeof routers.$inferSelect;
export type RouterSession = typeof routerSessions.$inferSelect;
