import { is, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import {
  ABSENT_GATEWAY,
  ABSENT_PLACEHOLDER,
  ABSENT_REVOKED_KEY,
  ABSENT_SESSION_CONFIG,
  ABSENT_WEBHOOK,
  type Absent,
} from './absent';

/** A row as row_to_json gives it: column names as in the database. */
export type Row = Record<string, unknown>;

/**
 * How a secret column travels. `encrypted`: ciphertext of lib/crypto.ts (decrypted on export,
 * sealed with the passphrase's key, opened and encrypted with the target's key on import).
 * `hash`: a value that is itself the secret's only form (a bcrypt or SHA-256 hash, a link
 * token): carried as it is, sealed with the passphrase's key. Without a passphrase neither
 * leaves the install.
 */
export type SecretKind = 'encrypted' | 'hash';

export type ExportedTable = {
  table: PgTable;
  /** Rows belong through this column's parent row (no organization_id of their own). */
  through?: string;
  /** Rows belong by another rule than organization_id (accounting by realm). */
  where?: (p: { orgId: string; slug: string }) => SQL;
  secrets?: Record<string, SecretKind>;
  /** jsonb columns whose keys ending in `Enc` hold lib/crypto ciphertext. */
  jsonSecrets?: string[];
  /** What the import fills in when the secrets stayed behind (NOT NULL columns, and what goes with them). */
  absent?: Absent;
  /** State of this install only, written as these values (a pairing QR, a worker's lease). */
  reset?: Record<string, unknown>;
  /** Rows that are nothing but a secret: carried only with a passphrase. */
  passphraseOnly?: boolean;
  /** Also written as csv/<table>.csv for a spreadsheet. */
  csv?: boolean;
  /** Nullable references inserted empty and set after every table is in (they close a cycle). */
  defer?: string[];
  /** Columns holding a user id without a foreign key that says so. */
  userColumns?: string[];
  /**
   * Values that name a user or the slug other than through a key, rewritten on import; false:
   * the row is not this organization's after all and is left out.
   */
  remap?: (row: Row, m: RowMapping) => boolean;
};

/** What the import changes in the rows it reads: who a user is here (if exported), and the slug. */
export type RowMapping = { user: (id: string) => string | undefined; fromSlug: string; toSlug: string };

const s = schema;

/**
 * Every table of an organization that travels, in any order (the plan sorts them by their
 * foreign keys). Everything not here is in NOT_EXPORTED with the reason, and
 * lib/org-transfer/plan.test.ts fails on a table in neither list.
 */
export const EXPORTED: ExportedTable[] = [
  { table: s.memberships },
  { table: s.plans, csv: true },
  {
    table: s.routers,
    secrets: { password_enc: 'encrypted', radius_secret_enc: 'encrypted' },
    absent: ABSENT_PLACEHOLDER,
  },
  // The routers' configuration history: its text is encrypted (it may hold a RouterOS 6 secret
  // the router showed), so it travels only sealed with the passphrase. The trusted SSH host keys go along.
  { table: s.routerConfigVersions, secrets: { text_enc: 'encrypted' }, passphraseOnly: true },
  { table: s.routerConfigState },
  { table: s.odps },
  { table: s.infraSites, defer: ['pon_port_id'] },
  { table: s.cables },
  {
    table: s.olts,
    secrets: {
      password_enc: 'encrypted',
      enable_password_enc: 'encrypted',
      snmp_community_enc: 'encrypted',
      snmp_v3_auth_key_enc: 'encrypted',
      snmp_v3_priv_key_enc: 'encrypted',
    },
    absent: ABSENT_PLACEHOLDER,
  },
  { table: s.oltPonPorts },
  { table: s.leads },
  { table: s.customerCounters },
  { table: s.customers, csv: true },
  {
    table: s.subscriptions,
    csv: true,
    secrets: { service_password_enc: 'encrypted' },
    absent: ABSENT_PLACEHOLDER,
  },
  { table: s.subscriptionHistory },
  { table: s.billingSettings },
  { table: s.invoiceCounters },
  { table: s.invoices, csv: true },
  { table: s.pendingCharges },
  { table: s.payments, csv: true },
  { table: s.paymentAllocations, through: 'payment_id' },
  { table: s.paymentGateways, secrets: { credentials_enc: 'encrypted' }, absent: ABSENT_GATEWAY },
  { table: s.gatewayTransactions },
  { table: s.gatewayTransactionEvents },
  { table: s.paymentCallbacks },
  {
    table: s.auditLogs,
    remap: (row, m) => {
      if (row.entity_type === 'user' && typeof row.entity_id === 'string')
        row.entity_id = m.user(row.entity_id) ?? row.entity_id;
      return true;
    },
  },
  { table: s.inventoryItems, csv: true },
  { table: s.suppliers },
  { table: s.stockLocations },
  { table: s.stockUnits, csv: true },
  { table: s.stockLevels },
  { table: s.purchaseOrderCounters },
  { table: s.purchaseOrders },
  { table: s.purchaseOrderLines },
  { table: s.stockCounts },
  { table: s.stockCountEntries },
  { table: s.stockMoves },
  { table: s.onus },
  { table: s.onuReadings },
  { table: s.acsServers, secrets: { nbi_password_enc: 'encrypted', cwmp_password_enc: 'encrypted' } },
  { table: s.acsDevices },
  { table: s.acsTasks, jsonSecrets: ['detail'] },
  { table: s.activations, secrets: { wifi_password_enc: 'encrypted' } },
  { table: s.workOrderCounters },
  { table: s.checklistTemplates },
  { table: s.workOrders, csv: true },
  { table: s.workOrderTechnicians },
  { table: s.workOrderPhotos },
  { table: s.workOrderEvents },
  {
    table: s.whatsappSessions,
    secrets: { config_enc: 'encrypted' },
    absent: ABSENT_SESSION_CONFIG,
    reset: { qr: null, qr_at: null, lease_owner: null, lease_until: null },
  },
  { table: s.whatsappAuthState, through: 'session_id', secrets: { value_enc: 'encrypted' }, passphraseOnly: true },
  { table: s.messageTemplates },
  { table: s.messagingSettings },
  { table: s.broadcasts },
  { table: s.messages, secrets: { body_enc: 'encrypted' } },
  { table: s.conversations, reset: { assistant_pending: null } },
  { table: s.conversationMessages },
  { table: s.quickReplies },
  { table: s.outages },
  { table: s.outageSubscriptions },
  { table: s.apiKeys, secrets: { secret_hash: 'hash' }, absent: ABSENT_REVOKED_KEY },
  { table: s.apiCalls },
  { table: s.webhookEndpoints, secrets: { secret: 'encrypted' }, absent: ABSENT_WEBHOOK },
  { table: s.pluginInstalls, secrets: { config: 'encrypted' } },
  { table: s.portalSettings },
  { table: s.portalAccounts, secrets: { password_hash: 'hash' }, passphraseOnly: true },
  { table: s.serviceRequests },
  { table: s.usageDays },
  { table: s.usageCounters },
  {
    table: s.radacct,
    // FreeRADIUS's accounting has no organization: its rows are the organization's realm
    // (`budi@<slug>`) from the organization's own routers, as the app reads them.
    where: ({ orgId, slug }) =>
      sql`right(t.username, ${slug.length + 1}::int) = ${`@${slug}`} and ${fromOrganizationNas(orgId, sql`t.nasipaddress`)}`,
    remap: (row, m) => {
      const user = row.username;
      if (m.fromSlug !== m.toSlug && typeof user === 'string' && user.endsWith(`@${m.fromSlug}`))
        row.username = `${user.slice(0, -m.fromSlug.length)}${m.toSlug}`;
      if (m.fromSlug !== m.toSlug && row.realm === m.fromSlug) row.realm = m.toSlug;
      // Only the organization's own realm: an edited ZIP cannot add sessions to another's.
      return typeof row.username === 'string' && row.username.endsWith(`@${m.toSlug}`);
    },
  },
  { table: s.resellerSettings },
  { table: s.resellerCommissions },
  { table: s.wallets },
  { table: s.walletEntries },
  { table: s.walletTopupRequests },
  { table: s.supportSettings },
  { table: s.slaPolicies },
  { table: s.ticketCounters },
  { table: s.tickets, csv: true, secrets: { rating_token: 'hash' } },
  { table: s.ticketMessages },
  { table: s.ticketAttachments },
  { table: s.voucherProfiles },
  { table: s.voucherBatches },
  { table: s.vouchers, csv: true, secrets: { password_enc: 'encrypted' }, userColumns: ['reseller_user_id'] },
];

/** Tables handled by the export itself: the organization's row and the people its rows name. */
export const SPECIAL_TABLES = {
  organizations: 'the organization itself: data/organizations.jsonl, imported first (under a new slug if asked)',
  users: 'platform-wide accounts: the members and every user a row names (data/users.jsonl), linked by email',
} as const;

/** Every other table, and why it stays on the install. */
export const NOT_EXPORTED: Record<string, string> = {
  login_attempts: 'sign-in rate-limit counters of this install',
  password_resets: 'one-time reset links and codes (30 minutes)',
  invitations: 'one-time invitation links to this install; invite again on the new one',
  jobs: "this install's job queue and its history (the worker's own bookkeeping)",
  organization_task_status: "health of this install's periodic passes",
  idempotency_keys: 'replay protection of requests already answered (the phone app, the API)',
  api_idempotency: 'answers kept 24 hours for repeated API requests',
  events: 'the outbox to webhooks and plugins: replayed it would deliver everything twice',
  webhook_deliveries: 'the delivery log of that outbox',
  plugin_runs: "this install's log of plugin hooks",
  router_sessions: 'who is online now: read again from the routers',
  router_imports: 'a preview between reading a router and confirming an import',
  session_drops: 'outage detection input, pruned after a day',
  portal_codes: 'one-time WhatsApp sign-in codes (five minutes)',
  portal_sessions: "customers' signed-in portal sessions",
  radcheck: "FreeRADIUS's copy of the subscriptions (passwords in clear): rebuilt on import",
  radreply: "FreeRADIUS's copy of the subscriptions: rebuilt on import",
  radusergroup: "FreeRADIUS's copy of the subscriptions' groups: rebuilt on import",
  radgroupreply: "FreeRADIUS's copy of the plans: rebuilt on import",
  radgroupcheck: 'not written by Jaring (FreeRADIUS schema)',
  nas: "FreeRADIUS's clients (shared secrets in clear): rebuilt on import from the routers",
  nasreload: "FreeRADIUS's own bookkeeping",
  radpostauth: "FreeRADIUS's sign-in log, with no organization",
  backup_settings: "the platform's backup schedule (lib/backups), no organization's",
  backup_targets: "the platform's backup storage, no organization's",
  backup_runs: "the platform's backups of the whole install",
  backup_copies: "the platform's backup files on each storage",
};

export function tableName(table: PgTable): string {
  return getTableConfig(table).name;
}

/** Every table drizzle knows (db/schema), by name. */
export function schemaTables(): Map<string, PgTable> {
  const out = new Map<string, PgTable>();
  for (const value of Object.values(schema)) if (is(value, PgTable)) out.set(tableName(value), value);
  return out;
}
