import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables, infraSites, odps, routers } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/**
 * The topology outage impact walks (lib/outages/affected.ts): a site's upstream site and
 * router, a cable's two ends. Choices for the forms, checks before saving (the row is the
 * organization's; a site cannot sit below itself), and detaching a record that is deleted.
 */

/** Sites and routers a site can hang off (the site form). Code order; counts stay small. */
export async function siteTopologyChoices(db: Db, p: { orgId: string }) {
  const [sites, routerRows] = await Promise.all([
    db
      .select({ id: infraSites.id, kind: infraSites.kind, code: infraSites.code, name: infraSites.name })
      .from(infraSites)
      .where(and(eq(infraSites.organizationId, p.orgId), sql`${infraSites.kind} <> 'pole'`))
      .orderBy(asc(infraSites.kind), asc(infraSites.code))
      .limit(2000),
    db
      .select({ id: routers.id, name: routers.name })
      .from(routers)
      .where(eq(routers.organizationId, p.orgId))
      .orderBy(asc(routers.name))
      .limit(500),
  ]);
  return { sites, routers: routerRows };
}

/** The parent and router of a site must be the organization's, and the parent not below the site. */
export async function checkSiteTopology(
  db: Db,
  p: { orgId: string; siteId?: string; parentSiteId: string | null; routerId: string | null },
) {
  if (p.parentSiteId) {
    const [parent] = await db
      .select({ id: infraSites.id })
      .from(infraSites)
      .where(and(eq(infraSites.id, p.parentSiteId), eq(infraSites.organizationId, p.orgId)));
    if (!parent) throw new AppError('validation', {}, { parentSiteId: 'validation.invalid' });
    if (p.siteId) {
      // Walk up from the chosen parent: meeting the site itself would make a loop.
      const [loop] = await db.execute<{ one: number }>(sql`
        with recursive up(id) as (
          select ${p.parentSiteId}::uuid
          union
          select s.parent_site_id from infra_sites s join up on s.id = up.id
          where s.organization_id = ${p.orgId} and s.parent_site_id is not null)
        select 1 as one from up where id = ${p.siteId} limit 1`);
      if (loop) throw new AppError('validation', {}, { parentSiteId: 'validation.topologyLoop' });
    }
  }
  if (p.routerId) {
    const [router] = await db
      .select({ id: routers.id })
      .from(routers)
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
    if (!router) throw new AppError('validation', {}, { routerId: 'validation.invalid' });
  }
}

/** A cable end as typed in the form: the code of a site (POP, OLT, ODC, pole) or of an ODP. */
export const cableEndSchema = z
  .string()
  .trim()
  .max(60, 'validation.tooLong')
  .transform((v) => v || undefined)
  .optional();

export type CableEnds = {
  fromSiteId: string | null;
  fromOdpId: string | null;
  toSiteId: string | null;
  toOdpId: string | null;
};

/** Finds each typed end among the organization's sites and ODPs; unknown or ambiguous codes are field errors. */
export async function resolveCableEnds(db: Db, p: { orgId: string; from?: string; to?: string }): Promise<CableEnds> {
  const [from, to] = await Promise.all([endOf(db, p.orgId, p.from), endOf(db, p.orgId, p.to)]);
  const errors: Record<string, string> = {};
  if (from === 'missing') errors.fromEnd = 'validation.cableEndUnknown';
  if (from === 'ambiguous') errors.fromEnd = 'validation.cableEndAmbiguous';
  if (to === 'missing') errors.toEnd = 'validation.cableEndUnknown';
  if (to === 'ambiguous') errors.toEnd = 'validation.cableEndAmbiguous';
  if (Object.keys(errors).length) throw new AppError('validation', {}, errors);
  const f = typeof from === 'object' ? from : null;
  const t = typeof to === 'object' ? to : null;
  return {
    fromSiteId: f?.kind === 'site' ? f.id : null,
    fromOdpId: f?.kind === 'odp' ? f.id : null,
    toSiteId: t?.kind === 'site' ? t.id : null,
    toOdpId: t?.kind === 'odp' ? t.id : null,
  };
}

async function endOf(db: Db, orgId: string, code: string | undefined) {
  if (!code) return null;
  const rows = await db.execute<{ kind: 'site' | 'odp'; id: string }>(sql`
    select 'site' as kind, id from infra_sites where organization_id = ${orgId} and lower(code) = lower(${code})
    union all
    select 'odp', id from odps where organization_id = ${orgId} and lower(code) = lower(${code})
    limit 2`);
  if (rows.length === 0) return 'missing' as const;
  if (rows.length > 1) return 'ambiguous' as const;
  return rows[0]!;
}

/** The codes of a cable's ends, for its form and page. */
export async function cableEndCodes(db: Db, p: { orgId: string; cable: CableEnds }) {
  const code = async (siteId: string | null, odpId: string | null) => {
    if (siteId) {
      const [s] = await db
        .select({ code: infraSites.code })
        .from(infraSites)
        .where(and(eq(infraSites.id, siteId), eq(infraSites.organizationId, p.orgId)));
      return s?.code ?? null;
    }
    if (odpId) {
      const [o] = await db
        .select({ code: odps.code })
        .from(odps)
        .where(and(eq(odps.id, odpId), eq(odps.organizationId, p.orgId)));
      return o?.code ?? null;
    }
    return null;
  };
  return {
    fromEnd: await code(p.cable.fromSiteId, p.cable.fromOdpId),
    toEnd: await code(p.cable.toSiteId, p.cable.toOdpId),
  };
}

/** Before a site is deleted: sites below it lose their parent, cables lose that end. */
export async function detachSite(db: Db, p: { orgId: string; siteId: string }) {
  await db
    .update(infraSites)
    .set({ parentSiteId: null })
    .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.parentSiteId, p.siteId)));
  await db
    .update(cables)
    .set({ fromSiteId: null })
    .where(and(eq(cables.organizationId, p.orgId), eq(cables.fromSiteId, p.siteId)));
  await db
    .update(cables)
    .set({ toSiteId: null })
    .where(and(eq(cables.organizationId, p.orgId), eq(cables.toSiteId, p.siteId)));
}

/** Before an ODP is deleted: cables lose that end. */
export async function detachOdp(db: Db, p: { orgId: string; odpId: string }) {
  await db
    .update(cables)
    .set({ fromOdpId: null })
    .where(and(eq(cables.organizationId, p.orgId), eq(cables.fromOdpId, p.odpId)));
  await db
    .update(cables)
    .set({ toOdpId: null })
    .where(and(eq(cables.organizationId, p.orgId), eq(cables.toOdpId, p.odpId)));
}
