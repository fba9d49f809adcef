import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables, infraSites, odps } from '@/db/schema';
import type { CablePath, CableType, SiteKind, SplitterRatio } from '@/lib/infrastructure/constants';
import { INDONESIA_BOUNDS } from './coordinates';
import { type Bbox, boxSql, pointInBox } from './geo-sql';
import { type CustomerLayer, customerLayer } from './map-customers';
import { usedPortsSql } from './odp-usage';

export const MAP_LAYERS = ['customers', 'odps', 'sites', 'cables'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** Infrastructure layers are capped per answer; the map says which ones were cut. */
export const INFRA_LAYER_LIMIT = 5000;

/** `bbox=<west>,<south>,<east>,<north>` in degrees, as Leaflet's getBounds().toBBoxString() gives it. */
export const bboxSchema = z.string('validation.bbox').transform((raw, ctx): Bbox => {
  const parts = raw.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  const valid = parts.length === 4 && parts.every(Number.isFinite) ? (parts as [number, number, number, number]) : null;
  const [west, south, east, north] = valid ?? [0, 0, 0, 0];
  if (!valid || west < -180 || east > 180 || south < -90 || north > 90 || west >= east || south >= north) {
    ctx.addIssue({ code: 'custom', message: 'validation.bbox' });
    return z.NEVER;
  }
  return { west, south, east, north };
});

/**
 * Every stored coordinate lies inside INDONESIA_BOUNDS (the forms and the importer refuse
 * others), so only the part of a view over Indonesia is looked at. A zoomed-out view (the
 * archipelago on a wide screen spans more than 80 degrees) is then answered like any other,
 * and no query ever walks a box larger than the country. Null: the view misses Indonesia.
 */
export function clampToIndonesia(b: Bbox): Bbox | null {
  const c = {
    west: Math.max(b.west, INDONESIA_BOUNDS.minLng),
    south: Math.max(b.south, INDONESIA_BOUNDS.minLat),
    east: Math.min(b.east, INDONESIA_BOUNDS.maxLng),
    north: Math.min(b.north, INDONESIA_BOUNDS.maxLat),
  };
  return c.west <= c.east && c.south <= c.north ? c : null;
}

/** `layers=customers,odps` (any order); absent or empty means every layer. */
const layersSchema = z
  .string('validation.layers')
  .optional()
  .transform((raw, ctx): MapLayer[] => {
    const list = (raw ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (!list.every((l) => (MAP_LAYERS as readonly string[]).includes(l))) {
      ctx.addIssue({ code: 'custom', message: 'validation.layers' });
      return z.NEVER;
    }
    return list.length > 0 ? [...new Set(list as MapLayer[])] : [...MAP_LAYERS];
  });

export const mapFeaturesSchema = z.object({
  bbox: bboxSchema,
  zoom: z.coerce.number('validation.zoom').int('validation.zoom').min(0, 'validation.zoom').max(22, 'validation.zoom'),
  layers: layersSchema,
});

export type OdpPoint = {
  id: string;
  code: string;
  name: string;
  lat: number;
  lng: number;
  totalPorts: number;
  usedPorts: number;
  splitterRatio: SplitterRatio | null;
  odcCode: string | null;
  area: string | null;
};
export type SitePoint = {
  id: string;
  kind: SiteKind;
  code: string;
  name: string;
  lat: number;
  lng: number;
  capacity: number | null;
  area: string | null;
};
export type CableLine = {
  id: string;
  code: string;
  name: string;
  cableType: CableType;
  coreCount: number;
  lengthM: number;
  path: CablePath;
};

export type MapFeatures = {
  customers?: CustomerLayer;
  odps?: OdpPoint[];
  sites?: SitePoint[];
  cables?: CableLine[];
  truncated?: ('odps' | 'sites' | 'cables')[];
};

type Query = { orgId: string; bbox: Bbox; zoom: number };

/**
 * What the map draws for a view: only rows inside the bounds (cables: whose bounding box
 * meets them), each layer answered from its GiST index. Customers only when the viewer may
 * see customers.
 */
export async function mapFeatures(
  db: Db,
  view: Query & { layers: readonly MapLayer[]; includeCustomers: boolean },
): Promise<MapFeatures> {
  // A view away from Indonesia keeps its own box: nothing is stored there, the index says so at once.
  const p = { ...view, bbox: clampToIndonesia(view.bbox) ?? view.bbox };
  const want = (l: MapLayer) => p.layers.includes(l);
  const [customerRows, odpRows, siteRows, cableRows] = await Promise.all([
    want('customers') && p.includeCustomers ? customerLayer(db, p) : undefined,
    want('odps') ? odpLayer(db, p) : undefined,
    want('sites') ? siteLayer(db, p) : undefined,
    want('cables') ? cableLayer(db, p) : undefined,
  ]);
  const out: MapFeatures = {};
  const truncated: MapFeatures['truncated'] = [];
  const cap = <T>(layer: 'odps' | 'sites' | 'cables', rows: T[]) => {
    if (rows.length > INFRA_LAYER_LIMIT) truncated.push(layer);
    return rows.slice(0, INFRA_LAYER_LIMIT);
  };
  if (customerRows) out.customers = customerRows;
  if (odpRows) out.odps = cap('odps', odpRows);
  if (siteRows) out.sites = cap('sites', siteRows);
  if (cableRows) out.cables = cap('cables', cableRows);
  if (truncated.length > 0) out.truncated = truncated;
  return out;
}

async function odpLayer(db: Db, p: Query): Promise<OdpPoint[]> {
  const rows = await db.execute<OdpPoint>(sql`
    select o.id, o.code, o.name, o.latitude as lat, o.longitude as lng, o.total_ports as "totalPorts",
      u.used as "usedPorts", o.splitter_ratio as "splitterRatio", odc.code as "odcCode", o.area
    from ${odps} o
    left join ${infraSites} odc on odc.id = o.odc_id and odc.organization_id = ${p.orgId}
    cross join lateral (select ${usedPortsSql('o')} as used) u
    where o.organization_id = ${p.orgId} and ${pointInBox(sql`o.latitude`, sql`o.longitude`, p.bbox)}
    order by o.code
    limit ${INFRA_LAYER_LIMIT + 1}`);
  return [...rows];
}

async function siteLayer(db: Db, p: Query): Promise<SitePoint[]> {
  const rows = await db.execute<SitePoint>(sql`
    select s.id, s.kind, s.code, s.name, s.latitude as lat, s.longitude as lng, s.capacity, s.area
    from ${infraSites} s
    where s.organization_id = ${p.orgId} and ${pointInBox(sql`s.latitude`, sql`s.longitude`, p.bbox)}
    order by s.kind, s.code
    limit ${INFRA_LAYER_LIMIT + 1}`);
  return [...rows];
}

async function cableLayer(db: Db, p: Query): Promise<CableLine[]> {
  // Written like the index expression (organization_id, box(point(min_lng, min_lat), …)).
  const rows = await db.execute<CableLine>(sql`
    select k.id, k.code, k.name, k.cable_type as "cableType", k.core_count as "coreCount", k.length_m as "lengthM", k.path
    from ${cables} k
    where k.organization_id = ${p.orgId}
      and box(point(k.min_lng, k.min_lat), point(k.max_lng, k.max_lat)) && ${boxSql(p.bbox)}
    order by k.code
    limit ${INFRA_LAYER_LIMIT + 1}`);
  return [...rows];
}
