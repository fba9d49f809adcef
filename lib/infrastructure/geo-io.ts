import { foldersToKML } from '@placemarkio/tokml';
import type { Folder } from '@tmcw/togeojson';
import { and, asc, eq } from 'drizzle-orm';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Db } from '@/db/client';
import { cables, infraSites, odps, organizations } from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import { AppError } from '@/lib/server/errors';
import { IMPORT_KINDS, type ImportKind } from './geo-io-kind';

export const EXPORT_FORMATS = ['geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Folder names in an exported KML; the importer recognises them again (geo-io-kind). */
export const KML_FOLDERS: Record<ImportKind, string> = {
  pop: 'POP',
  olt: 'OLT',
  odc: 'ODC',
  odp: 'ODP',
  pole: 'Tiang',
  cable: 'Kabel',
};

type Props = Record<string, string | number | null> & { kind: ImportKind };

/**
 * Every site, ODP and cable of the organization as GeoJSON (RFC 7946: [longitude, latitude]),
 * with the fields the importer reads back: kind, code, name, area, notes and per kind
 * capacity / totalPorts, splitterRatio, odcCode / cableType, coreCount.
 */
export async function networkFeatureCollection(db: Db, orgId: string): Promise<FeatureCollection> {
  const [siteRows, odpRows, cableRows] = await Promise.all([
    db
      .select()
      .from(infraSites)
      .where(eq(infraSites.organizationId, orgId))
      .orderBy(asc(infraSites.kind), asc(infraSites.code)),
    db
      .select({ odp: odps, odcCode: infraSites.code })
      .from(odps)
      .leftJoin(infraSites, and(eq(infraSites.id, odps.odcId), eq(infraSites.organizationId, orgId)))
      .where(eq(odps.organizationId, orgId))
      .orderBy(asc(odps.code)),
    db.select().from(cables).where(eq(cables.organizationId, orgId)).orderBy(asc(cables.code)),
  ]);
  const point = (lat: number, lng: number): Geometry => ({ type: 'Point', coordinates: [lng, lat] });
  const feature = (id: string, geometry: Geometry, properties: Props): Feature => ({
    type: 'Feature',
    id,
    geometry,
    properties,
  });
  const common = (r: { code: string; name: string; area: string | null; notes: string | null }) => ({
    code: r.code,
    name: r.name,
    area: r.area,
    notes: r.notes,
  });
  return {
    type: 'FeatureCollection',
    features: [
      ...siteRows.map((s) =>
        feature(s.id, point(s.latitude, s.longitude), { kind: s.kind, ...common(s), capacity: s.capacity }),
      ),
      ...odpRows.map(({ odp: o, odcCode }) =>
        feature(o.id, point(o.latitude, o.longitude), {
          kind: 'odp',
          ...common(o),
          totalPorts: o.totalPorts,
          splitterRatio: o.splitterRatio,
          odcCode,
        }),
      ),
      ...cableRows.map((c) =>
        feature(
          c.id,
          { type: 'LineString', coordinates: c.path.map(([lat, lng]) => [lng, lat]) },
          { kind: 'cable', ...common(c), cableType: c.cableType, coreCount: c.coreCount },
        ),
      ),
    ],
  };
}

/**
 * KML for Google Earth: one folder per kind; notes become the placemark's description (the
 * balloon Google Earth shows); every other field goes to ExtendedData. Empty fields
 * are left out, since KML values are text and "null" would read back as a word.
 */
export function toKml(fc: FeatureCollection): string {
  const folders = IMPORT_KINDS.map(
    (kind): Folder => ({
      type: 'folder',
      meta: { name: KML_FOLDERS[kind] },
      children: fc.features
        .filter((f) => f.properties?.kind === kind)
        .map((f) => {
          const { notes, ...rest } = f.properties ?? {};
          const properties = Object.fromEntries(
            Object.entries(rest).filter(([, v]) => v !== null && v !== undefined && v !== ''),
          );
          return {
            ...f,
            properties:
              typeof notes === 'string' && notes ? { ...properties, description: htmlNotes(notes) } : properties,
          };
        }),
    }),
  ).filter((folder) => folder.children.length > 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${foldersToKML({ type: 'root', children: folders })}`;
}

/** Notes as an HTML balloon (CDATA): line breaks show in Google Earth and read back exactly. */
function htmlNotes(notes: string) {
  const escaped = notes.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return { '@type': 'html', value: escaped.replace(/\n/g, '<br>') };
}

/** The download: file name with the organization's slug and its local date. */
export async function exportNetwork(db: Db, p: { orgId: string; format: ExportFormat }) {
  const [org] = await db
    .select({ slug: organizations.slug, timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  if (!org) throw new AppError('not_found');
  const fc = await networkFeatureCollection(db, p.orgId);
  const base = `jaringan-${org.slug}-${localDate(new Date(), org.timezone)}`;
  return p.format === 'kml'
    ? {
        filename: `${base}.kml`,
        contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8',
        body: toKml(fc),
        count: fc.features.length,
      }
    : {
        filename: `${base}.geojson`,
        contentType: 'application/geo+json; charset=utf-8',
        body: JSON.stringify(fc),
        count: fc.features.length,
      };
}
