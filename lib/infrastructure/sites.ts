import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { infraSites, odps } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { assertPonPortOfOrg } from '@/lib/fibre/pon-ports';
import { SITE_KINDS, type SiteKind } from '@/lib/infrastructure/constants';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import { latitudeSchema, longitudeSchema } from './coordinates';
import { codeTaken, infraCodeSchema, infraNameSchema, optionalText } from './infra';
import { removeStoredPhoto } from './photo-files';
import { checkSiteTopology, detachSite } from './topology';

const topologyLink = z
  .union([z.literal('').transform(() => null), z.null(), z.string().uuid('validation.invalid')])
  .optional();

export const siteSchema = z.object({
  kind: z.enum(SITE_KINDS, 'validation.siteKind'),
  code: infraCodeSchema,
  name: infraNameSchema,
  latitude: latitudeSchema,
  longitude: longitudeSchema,
  // OLT PON ports or ODC outputs; blank for poles and POPs.
  capacity: z
    .preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.coerce
        .number('validation.capacity')
        .int('validation.capacity')
        .min(1, 'validation.capacity')
        .max(10_000, 'validation.capacity')
        .optional(),
    )
    .transform((v) => v ?? null),
  area: optionalText(80),
  notes: optionalText(1000),
  // Topology (outage impact): the site upstream and the router serving it; blank = none,
  // left out = unchanged (callers that do not show these fields keep what was set).
  parentSiteId: topologyLink,
  routerId: topologyLink,
  // ODC cabinets: the OLT PON port feeding it (same rule: blank = none, left out = unchanged).
  ponPortId: topologyLink,
});
export type SiteInput = z.output<typeof siteSchema>;

/** ODPs fed by each ODC (0 for other kinds). */
const feedsOdps = sql<number>`(select count(*)::int from ${odps} o where o.odc_id = "infra_sites"."id" and o.organization_id = "infra_sites"."organization_id")`;

export async function listSites(
  db: Db,
  p: { orgId: string; q?: string; kind?: SiteKind; page?: number; pageSize?: number },
) {
  const pageSize = p.pageSize ?? 25;
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(infraSites.organizationId, p.orgId),
    p.kind ? eq(infraSites.kind, p.kind) : undefined,
    p.q
      ? or(
          ilike(infraSites.code, contains(p.q)),
          ilike(infraSites.name, contains(p.q)),
          ilike(infraSites.area, contains(p.q)),
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: infraSites.id,
        kind: infraSites.kind,
        code: infraSites.code,
        name: infraSites.name,
        latitude: infraSites.latitude,
        longitude: infraSites.longitude,
        area: infraSites.area,
        capacity: infraSites.capacity,
        feedsOdps,
      })
      .from(infraSites)
      .where(where)
      .orderBy(asc(infraSites.kind), asc(infraSites.code), asc(infraSites.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(infraSites).where(where),
  ]);
  return { items, total: total?.n ?? 0, page, pageSize };
}

export async function getSite(db: Db, p: { orgId: string; siteId: string }) {
  const [row] = await db
    .select({ site: infraSites, feedsOdps })
    .from(infraSites)
    .where(and(eq(infraSites.id, p.siteId), eq(infraSites.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return { ...row.site, feedsOdps: row.feedsOdps };
}

/** ODC cabinets to pick as an ODP's feeder (code order; a cabinet count stays small). */
export async function odcChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: infraSites.id, code: infraSites.code, name: infraSites.name })
    .from(infraSites)
    .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'odc')))
    .orderBy(asc(infraSites.code))
    .limit(1000);
}

async function countFedOdps(db: Db, orgId: string, siteId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(odps)
    .where(and(eq(odps.organizationId, orgId), eq(odps.odcId, siteId)));
  return row?.n ?? 0;
}

/** Creates or updates a site; codes are unique per organization and kind. */
export async function saveSite(db: Db, p: Actor & { siteId?: string; input: SiteInput }) {
  const save = db.transaction(async (tx) => {
    const [before] = p.siteId
      ? await tx
          .select()
          .from(infraSites)
          .where(and(eq(infraSites.id, p.siteId), eq(infraSites.organizationId, p.orgId)))
          .for('update')
      : [];
    if (p.siteId && !before) throw new AppError('not_found');
    const [clash] = await tx
      .select({ id: infraSites.id })
      .from(infraSites)
      .where(
        and(
          eq(infraSites.organizationId, p.orgId),
          eq(infraSites.kind, p.input.kind),
          eq(infraSites.code, p.input.code),
          p.siteId ? ne(infraSites.id, p.siteId) : undefined,
        ),
      );
    if (clash) throw codeTaken(p.input.code);
    await checkSiteTopology(tx, {
      orgId: p.orgId,
      siteId: p.siteId,
      parentSiteId: p.input.parentSiteId ?? null,
      routerId: p.input.routerId ?? null,
    });
    await assertPonPortOfOrg(tx, { orgId: p.orgId, ponPortId: p.input.ponPortId });
    // An ODC that feeds ODPs cannot become a pole: the ODPs would point at a non-cabinet.
    if (before?.kind === 'odc' && p.input.kind !== 'odc') {
      const fed = await countFedOdps(tx, p.orgId, before.id);
      if (fed > 0) throw new AppError('odc_in_use', { count: fed }, { kind: 'validation.odcKindInUse' });
    }
    const [row] = before
      ? await tx
          .update(infraSites)
          .set({ ...p.input, updatedAt: sql`now()` })
          .where(and(eq(infraSites.id, before.id), eq(infraSites.organizationId, p.orgId)))
          .returning()
      : await tx
          .insert(infraSites)
          .values({ organizationId: p.orgId, ...p.input })
          .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: before ? 'site.updated' : 'site.created',
      entityType: 'site',
      entityId: row!.id,
      data: before ? { before: pick(before), after: p.input } : { ...p.input },
    });
    return row!;
  });
  return save.catch((error: unknown) => {
    // Two saves raced for one code: the unique index decided.
    if (uniqueViolation(error) === 'infra_sites_org_kind_code_uq') throw codeTaken(p.input.code);
    throw error;
  });
}

const pick = (s: typeof infraSites.$inferSelect) => ({
  kind: s.kind,
  code: s.code,
  name: s.name,
  latitude: s.latitude,
  longitude: s.longitude,
  capacity: s.capacity,
  area: s.area,
  notes: s.notes,
  parentSiteId: s.parentSiteId,
  routerId: s.routerId,
  ponPortId: s.ponPortId,
});

/** Removes a site. An ODC that still feeds ODPs is kept: re-home those ODPs first. */
export async function deleteSite(db: Db, p: Actor & { siteId: string; filesDir?: string }) {
  const removed = await db.transaction(async (tx) => {
    const [site] = await tx
      .select()
      .from(infraSites)
      .where(and(eq(infraSites.id, p.siteId), eq(infraSites.organizationId, p.orgId)))
      .for('update');
    if (!site) throw new AppError('not_found');
    const fed = await countFedOdps(tx, p.orgId, site.id);
    if (fed > 0) throw new AppError('odc_in_use', { count: fed });
    await detachSite(tx, { orgId: p.orgId, siteId: site.id });
    await tx.delete(infraSites).where(and(eq(infraSites.id, site.id), eq(infraSites.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'site.deleted',
      entityType: 'site',
      entityId: site.id,
      data: pick(site),
    });
    return site;
  });
  await removeStoredPhoto(removed.photoPath, p.filesDir);
  return { siteId: removed.id };
}
