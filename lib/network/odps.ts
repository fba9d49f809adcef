import { and, asc, eq, gte, ilike, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { odps, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { boundingBox, distanceMeters, type LatLng } from './geo';
import { contains } from '@/lib/server/search';

export const latitudeSchema = z.coerce.number('validation.latitude').min(-11.5, 'validation.latitude').max(6.5, 'validation.latitude');
export const longitudeSchema = z.coerce.number('validation.longitude').min(94, 'validation.longitude').max(141.5, 'validation.longitude');

export const odpSchema = z.object({
  code: z.string().trim().min(1, 'validation.required').max(40, 'validation.invalid'),
  name: z.string().trim().min(1, 'validation.required').max(120, 'validation.invalid'),
  latitude: latitudeSchema,
  longitude: longitudeSchema,
  totalPorts: z.coerce.number('validation.ports').int('validation.ports').min(1, 'validation.ports').max(256, 'validation.ports'),
  area: z.string().trim().max(80).optional().transform((v) => v || null),
});
export type OdpInput = z.output<typeof odpSchema>;

/** Ports in use: subscriptions on the ODP that are not terminated. */
const usedPorts = sql<number>`(select count(*)::int from ${subscriptions} s where s.odp_id = "odps"."id" and s.status <> 'terminated')`;

export async function listOdps(db: Db, p: { orgId: string; q?: string }) {
  return db
    .select({
      id: odps.id,
      code: odps.code,
      name: odps.name,
      latitude: odps.latitude,
      longitude: odps.longitude,
      totalPorts: odps.totalPorts,
      area: odps.area,
      usedPorts,
      createdAt: odps.createdAt,
    })
    .from(odps)
    .where(and(eq(odps.organizationId, p.orgId), p.q ? or(ilike(odps.code, contains(p.q)), ilike(odps.name, contains(p.q)), ilike(odps.area, contains(p.q))) : undefined))
    .orderBy(asc(odps.code))
    .limit(1000);
}

type Actor = { orgId: string; actorUserId: string; ip: string | null };

export async function saveOdp(db: Db, p: Actor & { odpId?: string; input: OdpInput }) {
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: odps.id })
      .from(odps)
      .where(and(eq(odps.organizationId, p.orgId), eq(odps.code, p.input.code), p.odpId ? ne(odps.id, p.odpId) : undefined));
    if (clash) throw new AppError('odp_code_taken');
    const [row] = p.odpId
      ? await tx.update(odps).set(p.input).where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId))).returning()
      : await tx.insert(odps).values({ organizationId: p.orgId, ...p.input }).returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, { orgId: p.orgId, actorUserId: p.actorUserId, ip: p.ip, action: p.odpId ? 'odp.updated' : 'odp.created', entityType: 'odp', entityId: row.id, data: p.input });
    return row;
  });
}

export type Coverage =
  | { ok: true; odpId: string; code: string; distanceM: number; freePorts: number; radiusM: number }
  | { ok: false; reason: 'no_odp'; radiusM: number }
  | { ok: false; reason: 'out_of_range'; code: string; distanceM: number; radiusM: number }
  | { ok: false; reason: 'odp_full'; code: string; distanceM: number; totalPorts: number; radiusM: number };

/**
 * Is there an ODP with a free port within `radiusM` of the point? When not, says why:
 * no ODP at all, the nearest is too far, or every ODP in range is full.
 */
export async function checkCoverage(db: Db, p: { orgId: string; point: LatLng; radiusM: number }): Promise<Coverage> {
  const box = boundingBox(p.point, p.radiusM);
  const candidates = await db
    .select({ id: odps.id, code: odps.code, latitude: odps.latitude, longitude: odps.longitude, totalPorts: odps.totalPorts, usedPorts })
    .from(odps)
    .where(
      and(
        eq(odps.organizationId, p.orgId),
        gte(odps.latitude, box.minLat),
        lte(odps.latitude, box.maxLat),
        gte(odps.longitude, box.minLng),
        lte(odps.longitude, box.maxLng),
      ),
    );
  const inRange = candidates
    .map((o) => ({ ...o, distanceM: Math.round(distanceMeters(p.point, o)) }))
    .filter((o) => o.distanceM <= p.radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
  const free = inRange.find((o) => o.usedPorts < o.totalPorts);
  if (free) return { ok: true, odpId: free.id, code: free.code, distanceM: free.distanceM, freePorts: free.totalPorts - free.usedPorts, radiusM: p.radiusM };
  if (inRange[0]) return { ok: false, reason: 'odp_full', code: inRange[0].code, distanceM: inRange[0].distanceM, totalPorts: inRange[0].totalPorts, radiusM: p.radiusM };

  // Nothing in range: name the nearest ODP so sales can tell the prospect how far off it is.
  const cosLat = Math.cos((p.point.latitude * Math.PI) / 180);
  const [nearest] = await db
    .select({ code: odps.code, latitude: odps.latitude, longitude: odps.longitude })
    .from(odps)
    .where(eq(odps.organizationId, p.orgId))
    .orderBy(sql`power(${odps.latitude} - ${p.point.latitude}, 2) + power((${odps.longitude} - ${p.point.longitude}) * ${cosLat}, 2)`)
    .limit(1);
  if (!nearest) return { ok: false, reason: 'no_odp', radiusM: p.radiusM };
  return { ok: false, reason: 'out_of_range', code: nearest.code, distanceM: Math.round(distanceMeters(p.point, nearest)), radiusM: p.radiusM };
}
