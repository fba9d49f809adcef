import { and, asc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { infraSites, odps } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { assertPonPortOfOrg } from '@/lib/fibre/pon-ports';
import { SPLITTER_RATIOS } from '@/lib/infrastructure/constants';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import { latitudeSchema, longitudeSchema } from './coordinates';
import { codeTaken, infraCodeSchema, infraNameSchema, optionalText } from './infra';
import { odpSummaryColumns, portsNeededSql } from './odp-usage';

// Existing callers (customers, leads) import the coordinate fields from here.
export { latitudeSchema, longitudeSchema } from './coordinates';

const blankToNull = (v: unknown) => (v === '' ? null : v);

export const odpSchema = z.object({
  code: infraCodeSchema,
  name: infraNameSchema,
  latitude: latitudeSchema,
  longitude: longitudeSchema,
  totalPorts: z.coerce
    .number('validation.ports')
    .int('validation.ports')
    .min(1, 'validation.ports')
    .max(256, 'validation.ports'),
  // Optional fields: '' (an empty select or input) and absence both mean "none".
  splitterRatio: z
    .preprocess(blankToNull, z.enum(SPLITTER_RATIOS, 'validation.splitterRatio').nullish())
    .transform((v) => v ?? null),
  odcId: z.preprocess(blankToNull, z.string().uuid('validation.odc').nullish()).transform((v) => v ?? null),
  area: optionalText(80),
  notes: optionalText(1000),
  // The OLT PON port feeding it: blank = none, left out = unchanged (forms without the field).
  ponPortId: z.union([z.literal('').transform(() => null), z.null(), z.string().uuid('validation.ponPort')]).optional(),
});
export type OdpInput = z.output<typeof odpSchema>;

export async function listOdps(db: Db, p: { orgId: string; q?: string }) {
  return db
    .select({ ...odpSummaryColumns(), area: odps.area, createdAt: odps.createdAt })
    .from(odps)
    .where(
      and(
        eq(odps.organizationId, p.orgId),
        p.q
          ? or(ilike(odps.code, contains(p.q)), ilike(odps.name, contains(p.q)), ilike(odps.area, contains(p.q)))
          : undefined,
      ),
    )
    .orderBy(asc(odps.code))
    .limit(1000);
}

/**
 * Creates or updates an ODP. Its ODC must be a cabinet of the same organization, and its
 * port count cannot drop below a port a customer is plugged into.
 */
export async function saveOdp(db: Db, p: Actor & { odpId?: string; input: OdpInput }) {
  const save = db.transaction(async (tx) => {
    // Locked so a port assignment (which reads the ODP "for share") cannot slip past the port check.
    const [before] = p.odpId
      ? await tx
          .select()
          .from(odps)
          .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)))
          .for('update')
      : [];
    if (p.odpId && !before) throw new AppError('not_found');
    const [clash] = await tx
      .select({ id: odps.id })
      .from(odps)
      .where(
        and(eq(odps.organizationId, p.orgId), eq(odps.code, p.input.code), p.odpId ? ne(odps.id, p.odpId) : undefined),
      );
    if (clash) throw codeTaken(p.input.code, 'odp_code_taken');
    if (p.input.odcId) {
      const [odc] = await tx
        .select({ id: infraSites.id })
        .from(infraSites)
        .where(
          and(eq(infraSites.id, p.input.odcId), eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'odc')),
        );
      if (!odc) throw new AppError('not_found', {}, { odcId: 'validation.odc' });
    }
    await assertPonPortOfOrg(tx, { orgId: p.orgId, ponPortId: p.input.ponPortId });
    if (before) {
      // Every live customer on it needs a port, numbered or not, and the highest numbered port must exist.
      const [need] = await tx
        .select({ ports: portsNeededSql() })
        .from(odps)
        .where(and(eq(odps.id, before.id), eq(odps.organizationId, p.orgId)));
      if (need && need.ports > p.input.totalPorts)
        throw new AppError('odp_ports_in_use', { port: need.ports }, { totalPorts: 'validation.portsInUse' });
    }
    const [row] = before
      ? await tx
          .update(odps)
          .set({ ...p.input, updatedAt: sql`now()` })
          .where(and(eq(odps.id, before.id), eq(odps.organizationId, p.orgId)))
          .returning()
      : await tx
          .insert(odps)
          .values({ organizationId: p.orgId, ...p.input })
          .returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: before ? 'odp.updated' : 'odp.created',
      entityType: 'odp',
      entityId: row.id,
      data: before
        ? {
            ...p.input,
            before: {
              code: before.code,
              latitude: before.latitude,
              longitude: before.longitude,
              totalPorts: before.totalPorts,
              odcId: before.odcId,
              ponPortId: before.ponPortId,
            },
          }
        : p.input,
    });
    return row;
  });
  return save.catch((error: unknown) => {
    if (uniqueViolation(error) === 'odps_org_code_uq') throw codeTaken(p.input.code, 'odp_code_taken');
    throw error;
  });
}

// Coverage moved to ./coverage (distances in SQL); re-exported for existing callers.
export { type Coverage, checkCoverage } from './coverage';
