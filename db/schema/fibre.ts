import { sql } from 'drizzle-orm';
import {
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
  ACS_DATA_MODELS,
  ACS_TASK_KINDS,
  ACS_TASK_STATUSES,
  ACTIVATION_STATUSES,
  ACTIVATION_STEPS,
  type ActivationStepRecord,
  OLT_STATUSES,
  OLT_TRANSPORTS,
  OLT_VENDORS,
  type OltTemplate,
  ONU_STATES,
  SIGNAL_LEVELS,
  SNMP_VERSIONS,
} from '../enums';
import { subscriptions } from './customers';
import { workOrders } from './field';
import { infraSites } from './infrastructure';
import { stockUnits } from './inventory';
import { organizations, users } from './organizations';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An OLT the worker drives: its command line (telnet or SSH, one session per OLT in the
 * worker) and its SNMP agent (polled for every ONU's state and RX power). Passwords,
 * community and SNMPv3 keys are AES-256-GCM ciphertext (lib/crypto.ts). `siteId` places it
 * on the map (an infra site of kind 'olt').
 */
export const olts = pgTable(
  'olts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    vendor: text('vendor', { enum: OLT_VENDORS }).notNull(),
    model: text('model').notNull().default(''),
    host: text('host').notNull(),
    transport: text('transport', { enum: OLT_TRANSPORTS }).notNull().default('telnet'),
    port: integer('port').notNull(),
    username: text('username').notNull(),
    passwordEnc: text('password_enc').notNull(),
    // ZTE asks for an enable password on some firmware; null: none.
    enablePasswordEnc: text('enable_password_enc'),
    snmpVersion: text('snmp_version', { enum: SNMP_VERSIONS }).notNull().default('2c'),
    snmpPort: integer('snmp_port').notNull().default(161),
    // v2c read community; v3: user, protocols and keys (keys encrypted).
    snmpCommunityEnc: text('snmp_community_enc'),
    snmpV3User: text('snmp_v3_user'),
    snmpV3AuthProtocol: text('snmp_v3_auth_protocol'),
    snmpV3AuthKeyEnc: text('snmp_v3_auth_key_enc'),
    snmpV3PrivProtocol: text('snmp_v3_priv_protocol'),
    snmpV3PrivKeyEnc: text('snmp_v3_priv_key_enc'),
    siteId: uuid('site_id'),
    template: jsonb('template').$type<OltTemplate>().notNull(),
    // Command line reachability (check, registration, reboot) as the worker last saw it.
    status: text('status', { enum: OLT_STATUSES }).notNull().default('unknown'),
    firmware: text('firmware'),
    lastSeenAt: ts('last_seen_at'),
    lastCheckedAt: ts('last_checked_at'),
    lastError: text('last_error'),
    // SNMP polling: every pollMinutes, the outcome of the last walk.
    pollMinutes: integer('poll_minutes').notNull().default(5),
    lastPolledAt: ts('last_polled_at'),
    lastPollMs: integer('last_poll_ms'),
    lastPollError: text('last_poll_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('olts_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('olts_org_name_uq').on(t.organizationId, t.name),
    foreignKey({
      name: 'olts_site_fk',
      columns: [t.siteId, t.organizationId],
      foreignColumns: [infraSites.id, infraSites.organizationId],
    }),
  ],
);

/**
 * One PON port of an OLT (frame/slot/port as the vendor numbers them; `name` as its CLI
 * writes it: ZTE `gpon-olt_1/2/1`, Huawei `0/1/0`). ODCs and ODPs point at the port that
 * feeds them (`pon_port_id` on infra_sites and odps): the map's topology.
 */
export const oltPonPorts = pgTable(
  'olt_pon_ports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    oltId: uuid('olt_id').notNull(),
    frame: integer('frame').notNull().default(0),
    slot: integer('slot').notNull(),
    port: integer('port').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('olt_pon_ports_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('olt_pon_ports_olt_fsp_uq').on(t.oltId, t.frame, t.slot, t.port),
    foreignKey({
      name: 'olt_pon_ports_olt_fk',
      columns: [t.oltId, t.organizationId],
      foreignColumns: [olts.id, olts.organizationId],
    }).onDelete('cascade'),
  ],
);

/**
 * A registered ONU: where it sits (PON port and ONU id on it), whose it is, and its last
 * polled state and optical levels (dBm). `level` is the RX power against the organization's
 * thresholds; the history is in onu_readings.
 */
export const onus = pgTable(
  'onus',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    oltId: uuid('olt_id').notNull(),
    ponPortId: uuid('pon_port_id').notNull(),
    onuIndex: integer('onu_index').notNull(),
    // Upper-cased vendor serial (ZTEG12345678, HWTC1A2B3C4D).
    serial: text('serial').notNull(),
    name: text('name'),
    onuType: text('onu_type'),
    vlan: integer('vlan'),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    stockUnitId: uuid('stock_unit_id').references(() => stockUnits.id, { onDelete: 'set null' }),
    state: text('state', { enum: ONU_STATES }).notNull().default('unknown'),
    level: text('level', { enum: SIGNAL_LEVELS }),
    rxPowerDbm: doublePrecision('rx_power_dbm'),
    txPowerDbm: doublePrecision('tx_power_dbm'),
    oltRxPowerDbm: doublePrecision('olt_rx_power_dbm'),
    stateChangedAt: ts('state_changed_at'),
    lastPolledAt: ts('last_polled_at'),
    // The level or LOS last alerted (NOC told once per change, not every poll).
    alertedState: text('alerted_state'),
    registeredAt: ts('registered_at').notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('onus_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('onus_port_index_uq').on(t.ponPortId, t.onuIndex),
    uniqueIndex('onus_org_serial_uq').on(t.organizationId, t.serial),
    index('onus_org_subscription_idx')
      .on(t.organizationId, t.subscriptionId)
      .where(sql`${t.subscriptionId} is not null`),
    index('onus_org_olt_state_idx').on(t.organizationId, t.oltId, t.state),
    foreignKey({
      name: 'onus_olt_fk',
      columns: [t.oltId, t.organizationId],
      foreignColumns: [olts.id, olts.organizationId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'onus_pon_port_fk',
      columns: [t.ponPortId, t.organizationId],
      foreignColumns: [oltPonPorts.id, oltPonPorts.organizationId],
    }).onDelete('cascade'),
  ],
);

/** Every poll's state and RX power per ONU (the redaman chart); pruned after ONU_READING_DAYS. */
export const onuReadings = pgTable(
  'onu_readings',
  {
    organizationId: uuid('organization_id').notNull(),
    onuId: uuid('onu_id').notNull(),
    at: ts('at').notNull(),
    state: text('state', { enum: ONU_STATES }).notNull(),
    rxPowerDbm: doublePrecision('rx_power_dbm'),
  },
  (t) => [
    primaryKey({ columns: [t.onuId, t.at] }),
    index('onu_readings_org_at_idx').on(t.organizationId, t.at),
    foreignKey({
      name: 'onu_readings_onu_fk',
      columns: [t.onuId, t.organizationId],
      foreignColumns: [onus.id, onus.organizationId],
    }).onDelete('cascade'),
  ],
);

/**
 * The organization's GenieACS: the NBI the worker calls and what modems are given (ACS URL,
 * CWMP credentials). Passwords encrypted. GenieACS has no tenants: acs_devices is the mapping.
 */
export const acsServers = pgTable('acs_servers', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  nbiUrl: text('nbi_url').notNull(),
  nbiUsername: text('nbi_username'),
  nbiPasswordEnc: text('nbi_password_enc'),
  acsUrl: text('acs_url'),
  cwmpUsername: text('cwmp_username'),
  cwmpPasswordEnc: text('cwmp_password_enc'),
  lastCheckedAt: ts('last_checked_at'),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** What Jaring last read of a device (the customer page's modem card). */
export type AcsDeviceSummary = {
  uptimeSeconds?: number | null;
  wanStatus?: string | null;
  wanIp?: string | null;
  pppoeUsername?: string | null;
  rxPowerDbm?: number | null;
  ssid24?: string | null;
  ssid5?: string | null;
  clients?: { host: string | null; mac: string | null; ip: string | null }[];
};

/**
 * A TR-069 device of this organization, by its GenieACS id (`<OUI>-<ProductClass>-<Serial>`).
 * The row is the claim: an organization sees and touches only devices it has a row for, and
 * a device claimed by one organization is never claimed by another on the same NBI.
 */
export const acsDevices = pgTable(
  'acs_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    serial: text('serial').notNull(),
    oui: text('oui'),
    productClass: text('product_class'),
    manufacturer: text('manufacturer'),
    model: text('model'),
    firmware: text('firmware'),
    dataModel: text('data_model', { enum: ACS_DATA_MODELS }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    lastInformAt: ts('last_inform_at'),
    summary: jsonb('summary').$type<AcsDeviceSummary>(),
    summaryAt: ts('summary_at'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('acs_devices_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('acs_devices_org_device_uq').on(t.organizationId, t.deviceId),
    index('acs_devices_org_serial_idx').on(t.organizationId, t.serial),
    index('acs_devices_org_subscription_idx')
      .on(t.organizationId, t.subscriptionId)
      .where(sql`${t.subscriptionId} is not null`),
  ],
);

/**
 * One thing asked of a device through GenieACS (WiFi, PPPoE, reboot, …) and how it ended:
 * 200 done at once, 202 queued until the modem next informs (followed by a job), or a fault.
 * `detail` never holds a password in clear.
 */
export const acsTasks = pgTable(
  'acs_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    acsDeviceId: uuid('acs_device_id').notNull(),
    kind: text('kind', { enum: ACS_TASK_KINDS }).notNull(),
    status: text('status', { enum: ACS_TASK_STATUSES }).notNull().default('sending'),
    genieTaskId: text('genie_task_id'),
    detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>(),
    fault: text('fault'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('acs_tasks_org_device_idx').on(t.organizationId, t.acsDeviceId, t.createdAt),
    foreignKey({
      name: 'acs_tasks_device_fk',
      columns: [t.acsDeviceId, t.organizationId],
      foreignColumns: [acsDevices.id, acsDevices.organizationId],
    }).onDelete('cascade'),
  ],
);

/**
 * Zero-touch activation of an installation work order: the ONU scanned by the technician is
 * registered, measured, configured, the service activated, the unit moved and the customer
 * welcomed, each step a job (lib/fibre/activation). `steps` records each step's outcome.
 * One running activation per work order.
 */
export const activations = pgTable(
  'activations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    serial: text('serial').notNull(),
    oltId: uuid('olt_id'),
    ponPortId: uuid('pon_port_id'),
    onuId: uuid('onu_id'),
    stockUnitId: uuid('stock_unit_id'),
    wifiSsid: text('wifi_ssid'),
    wifiPasswordEnc: text('wifi_password_enc'),
    status: text('status', { enum: ACTIVATION_STATUSES }).notNull().default('running'),
    step: text('step', { enum: ACTIVATION_STEPS }).notNull().default('register_onu'),
    steps: jsonb('steps').$type<ActivationStepRecord[]>().notNull().default([]),
    rxPowerDbm: doublePrecision('rx_power_dbm'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    unique('activations_id_org_uq').on(t.id, t.organizationId),
    uniqueIndex('activations_work_order_running_uq').on(t.workOrderId).where(sql`${t.status} = 'running'`),
    index('activations_org_work_order_idx').on(t.organizationId, t.workOrderId),
    foreignKey({
      name: 'activations_work_order_fk',
      columns: [t.workOrderId, t.organizationId],
      foreignColumns: [workOrders.id, workOrders.organizationId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'activations_subscription_fk',
      columns: [t.subscriptionId, t.organizationId],
      foreignColumns: [subscriptions.id, subscriptions.organizationId],
    }).onDelete('cascade'),
  ],
);

export type Olt = typeof olts.$inferSelect;
export type OltPonPort = typeof oltPonPorts.$inferSelect;
export type Onu = typeof onus.$inferSelect;
export type AcsServer = typeof acsServers.$inferSelect;
export type AcsDevice = typeof acsDevices.$inferSelect;
export type AcsTask = typeof acsTasks.$inferSelect;
export type Activation = typeof activations.$inferSelect;
