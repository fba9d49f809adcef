import { foreignKey, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROUTER_CONFIG_ERROR_KINDS, ROUTER_CONFIG_RUN_STATUSES, ROUTER_CONFIG_TRIGGERS } from '../enums';
import { routers } from './network';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One configuration of a router as `/export` printed it. A row is written only when the
 * configuration changed (sha256 of the text without RouterOS's date line and software id);
 * an unchanged run moves `last_seen_at`. The text may name PPP users, addresses and
 * comments, so it is AES-256-GCM ciphertext (lib/crypto.ts) like every other secret.
 */
export const routerConfigVersions = pgTable(
  'router_config_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    routerId: uuid('router_id').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    trigger: text('trigger', { enum: ROUTER_CONFIG_TRIGGERS }).notNull(),
    textEnc: text('text_enc').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    lineCount: integer('line_count').notNull(),
    // Lines added and removed against the version before it (null for a router's first).
    addedLines: integer('added_lines'),
    removedLines: integer('removed_lines'),
    routerosVersion: text('routeros_version'),
  },
  (t) => [
    foreignKey({
      name: 'router_config_versions_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }).onDelete('cascade'),
    // The router page's list (newest first, keyset on taken_at, id), the latest for the
    // unchanged check and retention's "all but the newest N".
    index('router_config_versions_router_idx').on(t.routerId, t.takenAt.desc(), t.id.desc()),
  ],
);

/**
 * Per router: the SSH host key trusted on first use, a different key seen since (waiting for
 * an admin to accept it), and how the last run went, so a failure shows on the router page.
 */
export const routerConfigState = pgTable(
  'router_config_state',
  {
    routerId: uuid('router_id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    // OpenSSH's form (`SHA256:` + base64 of the key's sha256) and the key type (ssh-ed25519, …).
    hostKeyFingerprint: text('host_key_fingerprint'),
    hostKeyType: text('host_key_type'),
    hostKeyTrustedAt: ts('host_key_trusted_at'),
    pendingHostKeyFingerprint: text('pending_host_key_fingerprint'),
    pendingHostKeyType: text('pending_host_key_type'),
    pendingHostKeySeenAt: ts('pending_host_key_seen_at'),
    lastRunAt: ts('last_run_at'),
    lastStatus: text('last_status', { enum: ROUTER_CONFIG_RUN_STATUSES }),
    lastErrorKind: text('last_error_kind', { enum: ROUTER_CONFIG_ERROR_KINDS }),
    lastError: text('last_error'),
    lastSuccessAt: ts('last_success_at'),
    // When the daily pass last queued this router's backup (one a day, at its minute of the night).
    lastScheduledAt: ts('last_scheduled_at'),
    // Failed runs in a row (0 after a success): the page says how long it has been failing.
    failures: integer('failures').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'router_config_state_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }).onDelete('cascade'),
  ],
);

export type RouterConfigVersion = typeof routerConfigVersions.$inferSelect;
export type NewRouterConfigVersion = typeof routerConfigVersions.$inferInsert;
export type RouterConfigState = typeof routerConfigState.$inferSelect;
