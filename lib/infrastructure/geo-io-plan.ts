import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cables, infraSites, odps } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { AppError } from '@/lib/server/errors';
import { IMPORT_KINDS, type ImportKind, type PointKind } from './geo-io-kind';
import { type ImportRow, type RowIssue, toImportRows, uniqueKey } from './geo-io-parse';
import { GEO_FILE_MAX_FEATURES, GeoFileError, type GeoFormat, readGeoFile } from './geo-io-read';
import { portsNeededSql } from './odp-usage';

/** Defaults for what a new row's file does not say (shown as a warning on cables). */
export const IMPORT_DEFAULTS = { totalPorts: 8, cableType: 'distribution', coreCount: 12 } as const;

export type PlannedRow = ImportRow & { action: 'new' | 'update' | null; warning: RowIssue | null };
export type ImportPlan = { format: GeoFormat; rows: PlannedRow[] };

/**
 * Reads the uploaded file into rows; a file that is not GeoJSON/KML/KMZ is refused with its
 * reason. Multi-part geometries count by their parts, so one MultiPoint of a million points
 * cannot slip past the feature limit.
 */
export type ReadUpload = { format: GeoFormat; rows: ImportRow[] };

export async function readUpload(file: File, defaultKind: PointKind): Promise<ReadUpload> {
  const refuse = (code: string) => new AppError('validation', {}, { file: `networkIo.fileErrors.${code}` });
  let read;
  try {
    read = readGeoFile(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof GeoFileError) throw refuse(error.code);
    throw error;
  }
  const rows = toImportRows(read.features, defaultKind);
  if (rows.length > GEO_FILE_MAX_FEATURES) throw refuse('tooMany');
  return { format: read.format, rows };
}

/**
 * Parses the file and compares it with what the organization has: each valid row becomes a
 * new record or an update of the one with the same code. An update keeps stored values the
 * file does not give (a Google Earth file has positions and names, not splitter ratios).
 */
export async function planImport(db: Db, p: { orgId: string; upload: ReadUpload }): Promise<ImportPlan> {
  const { format } = p.upload;
  const rows: PlannedRow[] = p.upload.rows.map((r) => ({ ...r, action: null, warning: null }));
  const valid = rows.filter((r) => !r.error);
  const codes = (kinds: ImportKind[]) => [...new Set(valid.filter((r) => kinds.includes(r.kind)).map((r) => r.code))];
  const siteKinds: ImportKind[] = ['pop', 'olt', 'odc', 'pole'];
  const [odpRows, siteRows, cableRows, odcRows] = await Promise.all([
    existingOdps(db, p.orgId, codes(['odp'])),
    lookup(db, infraSites, p.orgId, codes(siteKinds)),
    lookup(db, cables, p.orgId, codes(['cable'])),
    db
      .select({ code: infraSites.code })
      .from(infraSites)
      .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'odc'))),
  ]);
  const stored = new Map<string, Record<string, unknown>>([
    ...odpRows.map((o) => [uniqueKey({ kind: 'odp', code: o.code }), o] as const),
    ...siteRows.map((s) => [uniqueKey({ kind: s.kind as ImportKind, code: s.code as string }), s] as const),
    ...cableRows.map((c) => [uniqueKey({ kind: 'cable', code: c.code as string }), c] as const),
  ]);
  const odcCodes = new Set([
    ...odcRows.map((o) => o.code),
    ...valid.filter((r) => r.kind === 'odc').map((r) => r.code),
  ]);
  for (const row of valid) {
    const before = stored.get(uniqueKey(row));
    row.action = before ? 'update' : 'new';
    mergeStored(row, before);
    if (row.kind === 'odp') checkOdp(row, before as ExistingOdp | undefined, odcCodes);
    if (row.kind === 'cable' && row.action === 'new' && (row.cableType === null || row.coreCount === null)) {
      row.warning = {
        code: 'cableDefaults',
        params: { type: row.cableType ?? IMPORT_DEFAULTS.cableType, cores: row.coreCount ?? IMPORT_DEFAULTS.coreCount },
      };
    }
    row.totalPorts ??= row.kind === 'odp' ? IMPORT_DEFAULTS.totalPorts : null;
    row.cableType ??= row.kind === 'cable' ? IMPORT_DEFAULTS.cableType : null;
    row.coreCount ??= row.kind === 'cable' ? IMPORT_DEFAULTS.coreCount : null;
  }
  return { format, rows };
}

type ExistingOdp = Awaited<ReturnType<typeof existingOdps>>[number];

async function existingOdps(db: Db, orgId: string, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      code: odps.code,
      name: odps.name,
      totalPorts: odps.totalPorts,
      splitterRatio: odps.splitterRatio,
      area: odps.area,
      notes: odps.notes,
      odcCode: sql<
        string | null
      >`(select s.code from ${infraSites} s where s.id = "odps"."odc_id" and s.organization_id = ${orgId})`,
      // A smaller ODP must still hold every subscription on it and the highest port in use.
      needsPorts: portsNeededSql(),
    })
    .from(odps)
    .where(and(eq(odps.organizationId, orgId), inArray(odps.code, codes)));
}

async function lookup(
  db: Db,
  table: typeof infraSites | typeof cables,
  orgId: string,
  codes: string[],
): Promise<Record<string, unknown>[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(table)
    .where(and(eq(table.organizationId, orgId), inArray(table.code, codes)));
}

const MERGED = [
  'area',
  'notes',
  'capacity',
  'totalPorts',
  'splitterRatio',
  'odcCode',
  'cableType',
  'coreCount',
] as const;

function mergeStored(row: PlannedRow, before: Record<string, unknown> | undefined) {
  if (!before) return;
  if (!row.hasName && typeof before.name === 'string') row.name = before.name;
  for (const field of MERGED) {
    if (row[field] === null && before[field] !== undefined && before[field] !== null)
      (row as Record<string, unknown>)[field] = before[field];
  }
}

function checkOdp(row: PlannedRow, before: ExistingOdp | undefined, odcCodes: Set<string>) {
  if (row.odcCode && !odcCodes.has(row.odcCode)) {
    row.warning = { code: 'odcUnknown', params: { odc: row.odcCode } };
    row.odcCode = before?.odcCode ?? null;
  }
  if (before && row.totalPorts !== null && row.totalPorts < before.needsPorts) {
    row.error = { code: 'portsInUse', params: { used: before.needsPorts } };
    row.action = null;
  }
}

/** What the import page shows before the operator confirms. */
export function summarize(plan: ImportPlan, locale: Locale) {
  const counts = Object.fromEntries(IMPORT_KINDS.map((k) => [k, { new: 0, update: 0 }])) as Record<
    ImportKind,
    { new: number; update: number }
  >;
  for (const r of plan.rows) if (r.action) counts[r.kind][r.action]++;
  const say = (issue: RowIssue | null) => {
    if (!issue) return null;
    const params = { ...issue.params };
    if (typeof params.field === 'string') params.field = translate(locale, `networkIo.fields.${params.field}`);
    if (typeof params.type === 'string') params.type = translate(locale, `networkIo.cableTypes.${params.type}`);
    return translate(locale, `networkIo.rowErrors.${issue.code}`, params);
  };
  // Problems first: they are what the operator has to read.
  const ordered = [...plan.rows].sort(
    (a, b) => Number(!a.error) - Number(!b.error) || Number(!a.warning) - Number(!b.warning) || a.line - b.line,
  );
  const errors = plan.rows.filter((r) => r.error).length;
  return {
    format: plan.format,
    total: plan.rows.length,
    valid: plan.rows.length - errors,
    errors,
    counts,
    rows: ordered.slice(0, 500).map((r) => ({
      line: r.line,
      kind: r.kind,
      code: r.code,
      name: r.name,
      action: r.action,
      error: say(r.error),
      warning: say(r.warning),
    })),
  };
}
export type GeoImportPreview = ReturnType<typeof summarize>;
