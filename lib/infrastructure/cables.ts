import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { CABLE_TYPES, type CableType } from '@/lib/infrastructure/constants';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import { cableGeometry, cablePathSchema } from './cable-path';
import { codeTaken, infraCodeSchema, infraNameSchema, optionalText } from './infra';
import { removeStoredPhoto } from './photo-files';
import { cableEndCodes, cableEndSchema, resolveCableEnds } from './topology';

export const cableSchema = z.object({
  code: infraCodeSchema,
  name: infraNameSchema,
  cableType: z.enum(CABLE_TYPES, 'validation.cableType'),
  // 1 (drop) up to 288 cores (the largest common feeder).
  coreCount: z.coerce
    .number('validation.coreCount')
    .int('validation.coreCount')
    .min(1, 'validation.coreCount')
    .max(288, 'validation.coreCount'),
  path: cablePathSchema,
  area: optionalText(80),
  notes: optionalText(1000),
  // Topology (outage impact): the codes of the site or ODP at each end; a cut takes the `to` end.
  fromEnd: cableEndSchema,
  toEnd: cableEndSchema,
});
export type CableInput = z.output<typeof cableSchema>;

export async function listCables(
  db: Db,
  p: { orgId: string; q?: string; cableType?: CableType; page?: number; pageSize?: number },
) {
  const pageSize = p.pageSize ?? 25;
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(cables.organizationId, p.orgId),
    p.cableType ? eq(cables.cableType, p.cableType) : undefined,
    p.q
      ? or(ilike(cables.code, contains(p.q)), ilike(cables.name, contains(p.q)), ilike(cables.area, contains(p.q)))
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: cables.id,
        code: cables.code,
        name: cables.name,
        cableType: cables.cableType,
        coreCount: cables.coreCount,
        lengthM: cables.lengthM,
        area: cables.area,
        points: sql<number>`jsonb_array_length(${cables.path})`,
      })
      .from(cables)
      .where(where)
      .orderBy(asc(cables.code), asc(cables.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(cables).where(where),
  ]);
  return { items, total: total?.n ?? 0, page, pageSize };
}

export async function getCable(db: Db, p: { orgId: string; cableId: string }) {
  const [row] = await db
    .select()
    .from(cables)
    .where(and(eq(cables.id, p.cableId), eq(cables.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return { ...row, ...(await cableEndCodes(db, { orgId: p.orgId, cable: row })) };
}

/** The audit keeps the route's size and length, not every point of it. */
const summary = (
  c: Pick<CableInput, 'code' | 'name' | 'cableType' | 'coreCount' | 'area' | 'notes' | 'path'> & { lengthM: number },
) => ({
  code: c.code,
  name: c.name,
  cableType: c.cableType,
  coreCount: c.coreCount,
  area: c.area,
  notes: c.notes,
  points: c.path.length,
  lengthM: c.lengthM,
});

/**
 * Creates or updates a cable. Length and bounding box are derived from the route on every
 * save, so the map's "cables crossing this view" query and the shown length never go stale.
 */
export async function saveCable(db: Db, p: Actor & { cableId?: string; input: CableInput }) {
  const geometry = cableGeometry(p.input.path);
  const save = db.transaction(async (tx) => {
    const [before] = p.cableId
      ? await tx
          .select()
          .from(cables)
          .where(and(eq(cables.id, p.cableId), eq(cables.organizationId, p.orgId)))
          .for('update')
      : [];
    if (p.cableId && !before) throw new AppError('not_found');
    const [clash] = await tx
      .select({ id: cables.id })
      .from(cables)
      .where(
        and(
          eq(cables.organizationId, p.orgId),
          eq(cables.code, p.input.code),
          p.cableId ? ne(cables.id, p.cableId) : undefined,
        ),
      );
    if (clash) throw codeTaken(p.input.code);
    const { fromEnd, toEnd, ...fields } = p.input;
    const ends = await resolveCableEnds(tx, { orgId: p.orgId, from: fromEnd, to: toEnd });
    const values = { ...fields, ...geometry, ...ends };
    const [row] = before
      ? await tx
          .update(cables)
          .set({ ...values, updatedAt: sql`now()` })
          .where(and(eq(cables.id, before.id), eq(cables.organizationId, p.orgId)))
          .returning()
      : await tx
          .insert(cables)
          .values({ organizationId: p.orgId, ...values })
          .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: before ? 'cable.updated' : 'cable.created',
      entityType: 'cable',
      entityId: row!.id,
      data: before
        ? { before: summary(before), after: { ...summary(values), fromEnd, toEnd } }
        : { ...summary(values), fromEnd, toEnd },
    });
    return row!;
  });
  return save.catch((error: unknown) => {
    if (uniqueViolation(error) === 'cables_org_code_uq') throw codeTaken(p.input.code);
    throw error;
  });
}

export async function deleteCable(db: Db, p: Actor & { cableId: string; filesDir?: string }) {
  const removed = await db.transaction(async (tx) => {
    const [cable] = await tx
      .delete(cables)
      .where(and(eq(cables.id, p.cableId), eq(cables.organizationId, p.orgId)))
      .returning();
    if (!cable) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'cable.deleted',
      entityType: 'cable',
      entityId: cable.id,
      data: summary(cable),
    });
    return cable;
  });
  await removeStoredPhoto(removed.photoPath, p.filesDir);
  return { cableId: removed.id };
}
