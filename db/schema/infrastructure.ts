import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
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
import { CABLE_TYPES, type CablePath, SITE_KINDS } from '../enums';
import { oltPonPorts } from './fibre';
import { odps, routers } from './network';
import { organizations } from './organizations';

/**
 * Infrastructure points other than ODPs: POPs, OLTs, ODC cabinets and poles. One table
 * because they share every column; `kind` says which. Photos live under FILES_DIR.
 */
export const infraSites = pgTable(
  'infra_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SITE_KINDS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    area: text('area'),
    // ODC cabinets and OLTs: how many outputs/PON ports (null for poles and POPs).
    capacity: integer('capacity'),
    // Topology (outage impact): the site upstream of this one (POP → OLT → ODC) and the
    // router that serves it. A site down takes every site and ODP below it.
    parentSiteId: uuid('parent_site_id'),
    routerId: uuid('router_id'),
    // ODC cabinets: the OLT PON port that feeds it (its ODPs inherit it).
    ponPortId: uuid('pon_port_id').references((): AnyPgColumn => oltPonPorts.id, { onDelete: 'set null' }),
    notes: text('notes'),
    photoPath: text('photo_path'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('infra_sites_org_kind_code_uq').on(t.organizationId, t.kind, t.code),
    unique('infra_sites_id_org_uq').on(t.id, t.organizationId),
    foreignKey({
      name: 'infra_sites_parent_fk',
      columns: [t.parentSiteId, t.organizationId],
      foreignColumns: [t.id, t.organizationId],
    }),
    foreignKey({
      name: 'infra_sites_router_fk',
      columns: [t.routerId, t.organizationId],
      foreignColumns: [routers.id, routers.organizationId],
    }),
    // Walking the topology downstream (lib/outages/affected.ts).
    index('infra_sites_parent_idx').on(t.organizationId, t.parentSiteId).where(sql`${t.parentSiteId} is not null`),
    index('infra_sites_router_idx').on(t.organizationId, t.routerId).where(sql`${t.routerId} is not null`),
    // Map bounds and nearest-point queries (btree_gist lets the tenant column share the index).
    index('infra_sites_org_point_gist').using('gist', t.organizationId, sql`point(${t.longitude}, ${t.latitude})`),
  ],
);

/**
 * A cable's route. `path` holds [latitude, longitude] pairs; the bounding box columns are
 * derived from it on every save so the map asks for cables crossing its view by index.
 */
export const cables = pgTable(
  'cables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    cableType: text('cable_type', { enum: CABLE_TYPES }).notNull(),
    coreCount: integer('core_count').notNull(),
    path: jsonb('path').$type<CablePath>().notNull(),
    lengthM: integer('length_m').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    minLng: doublePrecision('min_lng').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    maxLng: doublePrecision('max_lng').notNull(),
    area: text('area'),
    // Topology (outage impact): what the cable links, each end a site or an ODP (at most one
    // of each pair is set). A cut takes the `to` end and everything downstream of it.
    fromSiteId: uuid('from_site_id'),
    fromOdpId: uuid('from_odp_id'),
    toSiteId: uuid('to_site_id'),
    toOdpId: uuid('to_odp_id'),
    notes: text('notes'),
    photoPath: text('photo_path'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cables_org_code_uq').on(t.organizationId, t.code),
    unique('cables_id_org_uq').on(t.id, t.organizationId),
    foreignKey({
      name: 'cables_from_site_fk',
      columns: [t.fromSiteId, t.organizationId],
      foreignColumns: [infraSites.id, infraSites.organizationId],
    }),
    foreignKey({
      name: 'cables_to_site_fk',
      columns: [t.toSiteId, t.organizationId],
      foreignColumns: [infraSites.id, infraSites.organizationId],
    }),
    foreignKey({
      name: 'cables_from_odp_fk',
      columns: [t.fromOdpId, t.organizationId],
      foreignColumns: [odps.id, odps.organizationId],
    }),
    foreignKey({
      name: 'cables_to_odp_fk',
      columns: [t.toOdpId, t.organizationId],
      foreignColumns: [odps.id, odps.organizationId],
    }),
    // Walking the topology downstream: the cables leaving a site or an ODP (lib/outages/affected.ts).
    index('cables_from_site_idx').on(t.organizationId, t.fromSiteId).where(sql`${t.fromSiteId} is not null`),
    index('cables_from_odp_idx').on(t.organizationId, t.fromOdpId).where(sql`${t.fromOdpId} is not null`),
    check('cables_from_one_end', sql`${t.fromSiteId} is null or ${t.fromOdpId} is null`),
    check('cables_to_one_end', sql`${t.toSiteId} is null or ${t.toOdpId} is null`),
    index('cables_org_box_gist').using(
      'gist',
      t.organizationId,
      sql`box(point(${t.minLng}, ${t.minLat}), point(${t.maxLng}, ${t.maxLat}))`,
    ),
  ],
);

export type InfraSite = typeof infraSites.$inferSelect;
export type Cable = typeof cables.$inferSelect;
