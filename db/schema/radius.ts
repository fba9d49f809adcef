import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  inet,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * FreeRADIUS 3's own SQL tables (mods-config/sql/main/postgresql/schema.sql), with its column
 * names, so a stock rlm_sql with the postgresql dialect and its default queries reads them.
 * The app adds organization_id / subscription_id / router_id columns of its own: FreeRADIUS
 * names its columns in every query, so extra ones are invisible to it. Usernames carry the
 * organization's realm (`budi@<slug>`), which keeps them unique across organizations.
 */
const checkColumns = {
  id: serial('id').primaryKey(),
  attribute: text('attribute').notNull().default(''),
  value: text('value').notNull().default(''),
};

export const radcheck = pgTable(
  'radcheck',
  {
    ...checkColumns,
    username: text('username').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('=='),
    organizationId: uuid('organization_id'),
    subscriptionId: uuid('subscription_id'),
  },
  (t) => [
    index('radcheck_username').on(t.username, t.attribute),
    index('radcheck_subscription_idx').on(t.subscriptionId),
  ],
);

export const radreply = pgTable(
  'radreply',
  {
    ...checkColumns,
    username: text('username').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('='),
    organizationId: uuid('organization_id'),
    subscriptionId: uuid('subscription_id'),
  },
  (t) => [
    index('radreply_username').on(t.username, t.attribute),
    index('radreply_subscription_idx').on(t.subscriptionId),
  ],
);

export const radgroupcheck = pgTable(
  'radgroupcheck',
  {
    ...checkColumns,
    groupname: text('groupname').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('=='),
    organizationId: uuid('organization_id'),
  },
  (t) => [index('radgroupcheck_groupname').on(t.groupname, t.attribute)],
);

export const radgroupreply = pgTable(
  'radgroupreply',
  {
    ...checkColumns,
    groupname: text('groupname').notNull().default(''),
    op: varchar('op', { length: 2 }).notNull().default('='),
    organizationId: uuid('organization_id'),
  },
  (t) => [index('radgroupreply_groupname').on(t.groupname, t.attribute)],
);

export const radusergroup = pgTable(
  'radusergroup',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().default(''),
    groupname: text('groupname').notNull().default(''),
    priority: integer('priority').notNull().default(0),
    organizationId: uuid('organization_id'),
    subscriptionId: uuid('subscription_id'),
  },
  (t) => [index('radusergroup_username').on(t.username), index('radusergroup_subscription_idx').on(t.subscriptionId)],
);

export const radacct = pgTable(
  'radacct',
  {
    radacctid: bigserial('radacctid', { mode: 'number' }).primaryKey(),
    acctsessionid: text('acctsessionid').notNull(),
    acctuniqueid: text('acctuniqueid').notNull().unique(),
    username: text('username'),
    realm: text('realm'),
    nasipaddress: inet('nasipaddress').notNull(),
    nasportid: text('nasportid'),
    nasporttype: text('nasporttype'),
    acctstarttime: timestamp('acctstarttime', { withTimezone: true }),
    acctupdatetime: timestamp('acctupdatetime', { withTimezone: true }),
    acctstoptime: timestamp('acctstoptime', { withTimezone: true }),
    acctinterval: bigint('acctinterval', { mode: 'number' }),
    acctsessiontime: bigint('acctsessiontime', { mode: 'number' }),
    acctauthentic: text('acctauthentic'),
    connectinfoStart: text('connectinfo_start'),
    connectinfoStop: text('connectinfo_stop'),
    acctinputoctets: bigint('acctinputoctets', { mode: 'number' }),
    acctoutputoctets: bigint('acctoutputoctets', { mode: 'number' }),
    calledstationid: text('calledstationid'),
    callingstationid: text('callingstationid'),
    acctterminatecause: text('acctterminatecause'),
    servicetype: text('servicetype'),
    framedprotocol: text('framedprotocol'),
    framedipaddress: inet('framedipaddress'),
    framedipv6address: inet('framedipv6address'),
    framedipv6prefix: inet('framedipv6prefix'),
    framedinterfaceid: text('framedinterfaceid'),
    delegatedipv6prefix: inet('delegatedipv6prefix'),
    class: text('class'),
  },
  (t) => [
    index('radacct_active_session_idx').on(t.acctuniqueid).where(sql`acctstoptime is null`),
    index('radacct_bulk_close').on(t.nasipaddress, t.acctstarttime).where(sql`acctstoptime is null`),
    index('radacct_start_user_idx').on(t.acctstarttime, t.username),
    index('radacct_calss_idx').on(t.class),
    // The app's reads: one customer's sessions, and who is online now.
    index('radacct_username_start_idx').on(t.username, t.acctstarttime),
    index('radacct_online_idx').on(t.username).where(sql`acctstoptime is null`),
    // Outage detection: the sessions that stopped in the last minutes.
    index('radacct_stop_idx').on(t.acctstoptime).where(sql`acctstoptime is not null`),
  ],
);

export const radpostauth = pgTable(
  'radpostauth',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    pass: text('pass'),
    reply: text('reply'),
    calledstationid: text('calledstationid'),
    callingstationid: text('callingstationid'),
    authdate: timestamp('authdate', { withTimezone: true }).notNull().defaultNow(),
    class: text('class'),
  },
  (t) => [index('radpostauth_username_idx').on(t.username), index('radpostauth_class_idx').on(t.class)],
);

/** RADIUS clients (read_clients = yes): one row per router in RADIUS mode. */
export const nas = pgTable(
  'nas',
  {
    id: serial('id').primaryKey(),
    nasname: text('nasname').notNull(),
    shortname: text('shortname').notNull(),
    type: text('type').notNull().default('other'),
    ports: integer('ports'),
    // FreeRADIUS reads the shared secret from here in clear; the app's own copy
    // (routers.radius_secret_enc) is encrypted.
    secret: text('secret').notNull(),
    server: text('server'),
    community: text('community'),
    description: text('description'),
    organizationId: uuid('organization_id'),
    routerId: uuid('router_id').unique(),
  },
  // Unique (the stock schema's index is not): FreeRADIUS tells clients apart by address.
  (t) => [uniqueIndex('nas_nasname').on(t.nasname)],
);

export const nasreload = pgTable('nasreload', {
  nasipaddress: inet('nasipaddress').primaryKey(),
  reloadtime: timestamp('reloadtime', { withTimezone: true }).notNull(),
});
