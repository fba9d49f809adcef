import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables, infraSites, odps } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Locale } from '@/lib/i18n/config';
import type { CableType, SiteKind } from '@/lib/infrastructure/constants';
import { AppError } from '@/lib/server/errors';
import { cableGeometry } from './cable-path';
import { POINT_KINDS, type PointKind } from './geo-io-kind';
import { type PlannedRow, planImport, readUpload, summarize } from './geo-io-plan';

/**
 * The upload, sent again on confirm: the preview is not kept on the server, so nothing of
 * one organization's file can linger or be confirmed by anyone else.
 */
export const geoImportSchema = z.object({
  file: z.instanceof(File, { message: 'validation.required' }),
  defaultKind: z.enum(POINT_KINDS, 'validation.invalid').default('odp'),
});

type Upload = { orgId: string; file: File; defaultKind: PointKind; locale: Locale };

export async function previewGeoImport(db: Db, p: Upload) {
  return summarize(await planImport(db, { orgId: p.orgId, upload: await readUpload(p.file, p.defaultKind) }), p.locale);
}

const CHUNK = 1000;
const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Saves every valid row in one transaction: sites first (by kind + code), then ODPs (by code,
 * their ODC found by code among the sites just saved), then cables (by code, with length and
 * bounding box computed as the forms do). Rows with errors are skipped, as the preview said.
 */
export async function importGeoFile(db: Db, p: Upload & { actorUserId: string; ip: string | null }) {
  // Parsed before the transaction opens: a big KML takes seconds of CPU, no connection waits on it.
  const upload = await readUpload(p.file, p.defaultKind);
  return db.transaction(async (tx) => {
    const plan = await planImport(tx, { orgId: p.orgId, upload });
    const rows = plan.rows.filter((r) => r.action);
    if (rows.length === 0) throw new AppError('validation', {}, { file: 'networkIo.fileErrors.nothingValid' });
    const of = (pick: (r: PlannedRow) => boolean) => rows.filter(pick);

    for (const part of chunks(of((r) => r.kind !== 'odp' && r.kind !== 'cable'))) {
      await tx
        .insert(infraSites)
        .values(
          part.map((r) => ({
            organizationId: p.orgId,
            kind: r.kind as SiteKind,
            code: r.code,
            name: r.name,
            latitude: r.latitude!,
            longitude: r.longitude!,
            area: r.area,
            capacity: r.capacity,
            notes: r.notes,
          })),
        )
        .onConflictDoUpdate({
          target: [infraSites.organizationId, infraSites.kind, infraSites.code],
          set: {
            name: excluded('name'),
            latitude: excluded('latitude'),
            longitude: excluded('longitude'),
            area: excluded('area'),
            capacity: excluded('capacity'),
            notes: excluded('notes'),
            updatedAt: sql`now()`,
          },
        });
    }

    const odcs = await tx
      .select({ id: infraSites.id, code: infraSites.code })
      .from(infraSites)
      .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'odc')));
    const odcId = new Map(odcs.map((o) => [o.code, o.id]));
    for (const part of chunks(of((r) => r.kind === 'odp'))) {
      await tx
        .insert(odps)
        .values(
          part.map((r) => ({
            organizationId: p.orgId,
            code: r.code,
            name: r.name,
            latitude: r.latitude!,
            longitude: r.longitude!,
            totalPorts: r.totalPorts!,
            splitterRatio: r.splitterRatio,
            odcId: (r.odcCode && odcId.get(r.odcCode)) || null,
            area: r.area,
            notes: r.notes,
          })),
        )
        .onConflictDoUpdate({
          target: [odps.organizationId, odps.code],
          set: {
            name: excluded('name'),
            latitude: excluded('latitude'),
            longitude: excluded('longitude'),
            totalPorts: excluded('total_ports'),
            splitterRatio: excluded('splitter_ratio'),
            odcId: excluded('odc_id'),
            area: excluded('area'),
            notes: excluded('notes'),
            updatedAt: sql`now()`,
          },
        });
    }

    for (const part of chunks(of((r) => r.kind === 'cable'))) {
      await tx
        .insert(cables)
        .values(
          part.map((r) => ({
            organizationId: p.orgId,
            code: r.code,
            name: r.name,
            cableType: r.cableType as CableType,
            coreCount: r.coreCount!,
            path: r.path!,
            ...cableGeometry(r.path!),
            area: r.area,
            notes: r.notes,
          })),
        )
        .onConflictDoUpdate({
          target: [cables.organizationId, cables.code],
          set: {
            name: excluded('name'),
            cableType: excluded('cable_type'),
            coreCount: excluded('core_count'),
            path: excluded('path'),
            lengthM: excluded('length_m'),
            minLat: excluded('min_lat'),
            minLng: excluded('min_lng'),
            maxLat: excluded('max_lat'),
            maxLng: excluded('max_lng'),
            area: excluded('area'),
            notes: excluded('notes'),
            updatedAt: sql`now()`,
          },
        });
    }

    const summary = summarize(plan, p.locale);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'network.imported',
      entityType: 'network',
      data: { file: p.file.name, format: plan.format, counts: summary.counts, skipped: summary.errors },
    });
    return { imported: rows.length, counts: summary.counts, skipped: summary.errors, preview: summary };
  });
}
