import type { Geometry, Position } from 'geojson';
import type { CablePath, CableType, SplitterRatio } from '@/lib/infrastructure/constants';
import { CABLE_MAX_POINTS } from './cable-path';
import { isIndonesianPoint } from './coordinates';
import {
  cableTypeFromWords,
  coreCountFromText,
  htmlToText,
  type ImportKind,
  kindFromPrefix,
  kindFromWords,
  type PointKind,
  portsFromText,
  splitterRatioOf,
} from './geo-io-kind';
import type { SourceFeature } from './geo-io-read';

export const ROW_ERRORS = [
  'geometry',
  'coordinates',
  'outsideIndonesia',
  'missingName',
  'tooLong',
  'pointCable',
  'shortPath',
  'longPath',
  'ports',
  'capacity',
  'coreCount',
  'splitterRatio',
  'duplicateCode',
  'portsInUse',
  // Warnings: the row is saved, but not quite as the file says.
  'cableDefaults',
  'odcUnknown',
] as const;
export type RowIssue = { code: (typeof ROW_ERRORS)[number]; params?: Record<string, string | number> };

/**
 * One feature of the file as it would be saved. Optional numbers are null when the file does
 * not say (an update then keeps the stored value; a new row gets the default).
 */
export type ImportRow = {
  line: number;
  kind: ImportKind;
  code: string;
  name: string;
  /** False when the name is only the code repeated: an update then keeps the stored name. */
  hasName: boolean;
  area: string | null;
  notes: string | null;
  latitude: number | null;
  longitude: number | null;
  path: CablePath | null;
  capacity: number | null;
  totalPorts: number | null;
  splitterRatio: SplitterRatio | null;
  odcCode: string | null;
  cableType: CableType | null;
  coreCount: number | null;
  error: RowIssue | null;
};

const LIMITS = { code: 40, name: 120, area: 80, notes: 1000 };

type Part = { point: Position } | { line: Position[] } | { unsupported: true };

/** Multi-part geometries become one row per part (codes suffixed -1, -2, …). */
function partsOf(g: Geometry | null): Part[] {
  switch (g?.type) {
    case 'Point':
      return [{ point: g.coordinates }];
    case 'MultiPoint':
      return g.coordinates.map((point) => ({ point }));
    case 'LineString':
      return [{ line: g.coordinates }];
    case 'MultiLineString':
      return g.coordinates.map((line) => ({ line }));
    // RFC 7946 advises against nesting collections; refusing it keeps a hostile file from recursing deep.
    case 'GeometryCollection':
      return g.geometries.flatMap((m) =>
        m?.type === 'GeometryCollection' ? [{ unsupported: true as const }] : partsOf(m),
      );
    default:
      return [{ unsupported: true }];
  }
}

/** Property lookup that ignores case, spaces and underscores ("Total Ports" = totalPorts). */
function propertyReader(props: Record<string, unknown>) {
  const index = new Map(Object.entries(props).map(([k, v]) => [k.toLowerCase().replace(/[^a-z0-9]/g, ''), v]));
  const text = (...keys: string[]): string | null => {
    for (const key of keys) {
      const v = index.get(key);
      if (typeof v === 'string' && v.trim() !== '' && v.trim() !== 'null') return v.trim();
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    }
    return null;
  };
  /** undefined = absent; NaN = present but not a whole number. */
  const int = (...keys: string[]): number | undefined => {
    const v = text(...keys);
    if (v === null) return undefined;
    return /^\d+$/.test(v) ? Number(v) : NaN;
  };
  // togeojson gives a CDATA description as { '@type': 'html', value }, plain text as a string.
  const description = index.get('description');
  const html = description && typeof description === 'object' ? (description as { value?: unknown }).value : undefined;
  const notes =
    typeof html === 'string'
      ? htmlToText(html, true)
      : typeof description === 'string'
        ? htmlToText(description)
        : null;
  return { text, int, description: notes || null };
}

const validPosition = (p: Position | undefined) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * Kind, in order: the feature's own kind/type/jenis property; the nearest KML folder whose
 * name says it; the name's prefix; the kind chosen on the form. Lines are always cables.
 */
function kindOf(
  r: ReturnType<typeof propertyReader>,
  folders: string[],
  name: string | null,
  isLine: boolean,
  fallback: PointKind,
) {
  if (isLine) return 'cable' as const;
  const explicit = kindFromWords(r.text('kind', 'type', 'jenis'));
  if (explicit) return explicit;
  for (const folder of [...folders].reverse()) {
    const k = kindFromWords(folder);
    // Poles are often filed in a "Kabel" folder along the route: keep looking.
    if (k && k !== 'cable') return k;
  }
  const prefixed = kindFromPrefix(name);
  return prefixed && prefixed !== 'cable' ? prefixed : fallback;
}

function buildRow(line: number, f: SourceFeature, part: Part, suffix: string, fallback: PointKind): ImportRow {
  const r = propertyReader(f.properties);
  const rawName = r.text('name', 'nama', 'title');
  const rawCode = r.text('code', 'kode');
  const name = (rawName ?? rawCode ?? '') + (suffix ? ` (${suffix.slice(1)})` : '');
  const code = (rawCode ?? rawName ?? '') + suffix;
  const isLine = 'line' in part;
  const context = [...f.folders, rawName ?? ''].join(' ');
  const splitterText = r.text('splitterratio', 'splitter', 'ratio', 'rasio');
  const splitterRatio = splitterRatioOf(splitterText);
  const ports = r.int('totalports', 'ports', 'port', 'jumlahport');
  const capacity = r.int('capacity', 'kapasitas');
  const cores = r.int('corecount', 'core', 'cores', 'jumlahcore');
  const notes = r.text('notes', 'catatan', 'keterangan') ?? r.description;
  const row: ImportRow = {
    line,
    kind: kindOf(r, f.folders, rawName ?? rawCode, isLine, fallback),
    code,
    name,
    hasName: rawName !== null,
    area: r.text('area', 'wilayah'),
    notes: notes ? (notes.length > LIMITS.notes ? `${notes.slice(0, LIMITS.notes - 1)}…` : notes) : null,
    latitude: 'point' in part && validPosition(part.point) ? part.point[1]! : null,
    longitude: 'point' in part && validPosition(part.point) ? part.point[0]! : null,
    path:
      isLine && part.line.every(validPosition)
        ? part.line.map((p) => [Number(p[1]!.toFixed(6)), Number(p[0]!.toFixed(6))])
        : null,
    capacity: capacity ?? null,
    totalPorts: ports ?? (splitterRatio ? Number(splitterRatio.slice(2)) : portsFromText(rawName)),
    splitterRatio,
    odcCode: r.text('odccode', 'odc'),
    cableType: cableTypeFromWords(r.text('cabletype', 'tipekabel', 'jeniskabel')) ?? cableTypeFromWords(context),
    coreCount: cores ?? coreCountFromText(context),
    error: null,
  };
  row.error = problemOf(row, part, r.text('kind', 'type', 'jenis'), splitterText);
  return row;
}

function problemOf(
  row: ImportRow,
  part: Part,
  explicitKind: string | null,
  splitterText: string | null,
): RowIssue | null {
  if ('unsupported' in part) return { code: 'geometry' };
  if (!('line' in part) && kindFromWords(explicitKind) === 'cable') return { code: 'pointCable' };
  if (row.latitude === null && row.path === null) return { code: 'coordinates' };
  if (!row.code.trim()) return { code: 'missingName' };
  for (const field of ['code', 'name', 'area'] as const) {
    if ((row[field]?.length ?? 0) > LIMITS[field]) return { code: 'tooLong', params: { field, max: LIMITS[field] } };
  }
  const points = row.path ?? [[row.latitude!, row.longitude!]];
  if (row.path && row.path.length < 2) return { code: 'shortPath' };
  if (row.path && row.path.length > CABLE_MAX_POINTS) return { code: 'longPath', params: { max: CABLE_MAX_POINTS } };
  if (!points.every(([lat, lng]) => isIndonesianPoint(lat, lng))) return { code: 'outsideIndonesia' };
  const outside = (v: number | null, min: number, max: number) =>
    v !== null && !(Number.isInteger(v) && v >= min && v <= max);
  if (row.kind === 'odp' && outside(row.totalPorts, 1, 256)) return { code: 'ports' };
  if (row.kind === 'odp' && splitterText && !row.splitterRatio) return { code: 'splitterRatio' };
  if (row.kind !== 'odp' && row.kind !== 'cable' && outside(row.capacity, 1, 10_000)) return { code: 'capacity' };
  if (row.kind === 'cable' && outside(row.coreCount, 1, 288)) return { code: 'coreCount' };
  return null;
}

/** The key a code is unique under: ODPs and cables by code, sites by kind and code. */
export const uniqueKey = (row: Pick<ImportRow, 'kind' | 'code'>) =>
  row.kind === 'odp' || row.kind === 'cable' ? `${row.kind}|${row.code}` : `site|${row.kind}|${row.code}`;

/** Every feature of the file as a row to save or an error to show, in file order. */
export function toImportRows(features: SourceFeature[], fallback: PointKind): ImportRow[] {
  const rows = features.flatMap((f, i) => {
    const parts = partsOf(f.geometry);
    return parts.map((part, j) => buildRow(i + 1, f, part, parts.length > 1 ? `-${j + 1}` : '', fallback));
  });
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.error) continue;
    const first = seen.get(uniqueKey(row));
    if (first !== undefined) row.error = { code: 'duplicateCode', params: { line: first } };
    else seen.set(uniqueKey(row), row.line);
  }
  return rows;
}
