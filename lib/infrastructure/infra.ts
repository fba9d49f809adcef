import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { infraSites, odps } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { latitudeSchema, longitudeSchema } from './coordinates';

/** Who changes infrastructure, for the audit trail. */

/** Form fields shared by ODPs, sites and cables. Empty text means "none". */
export const infraCodeSchema = z.string().trim().min(1, 'validation.required').max(40, 'validation.tooLong');
export const infraNameSchema = z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong');
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .nullish()
    .transform((v) => v || null);
/** A code this organization already uses, said next to the code field. */
export const codeTaken = (code: string, error: 'infra_code_taken' | 'odp_code_taken' = 'infra_code_taken') =>
  new AppError(error, { code }, { code: 'validation.codeTaken' });

export const INFRA_POINT_KINDS = ['odp', 'site'] as const;

export const moveInfraSchema = z.object({
  kind: z.enum(INFRA_POINT_KINDS, 'validation.invalid'),
  id: z.string().uuid('validation.invalid'),
  latitude: latitudeSchema,
  longitude: longitudeSchema,
});

/**
 * Moves an ODP or a site to new coordinates (a drag on the map or a corrected GPS reading).
 * The audit entry keeps both positions, so a slip of the finger can be put back.
 */
export async function moveInfra(db: Db, p: Actor & z.output<typeof moveInfraSchema>) {
  const table = p.kind === 'odp' ? odps : infraSites;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ latitude: table.latitude, longitude: table.longitude, code: table.code })
      .from(table)
      .where(and(eq(table.id, p.id), eq(table.organizationId, p.orgId)))
      .for('update');
    if (!before) throw new AppError('not_found');
    const [row] = await tx
      .update(table)
      .set({ latitude: p.latitude, longitude: p.longitude, updatedAt: sql`now()` })
      .where(and(eq(table.id, p.id), eq(table.organizationId, p.orgId)))
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: `${p.kind}.moved`,
      entityType: p.kind,
      entityId: p.id,
      data: {
        code: before.code,
        from: { latitude: before.latitude, longitude: before.longitude },
        to: { latitude: p.latitude, longitude: p.longitude },
      },
    });
    return row!;
  });
}
