import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, portalSettings } from '@/db/schema';

export type PortalOrg = {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  brandColor: string | null;
  logoPath: string | null;
};

/**
 * The organization whose portal `/portal/<slug>` is: active and with its portal on (the
 * default). Null for anything else, so a suspended ISP's portal is simply not there.
 */
export async function portalOrgBySlug(db: Db, slug: string): Promise<PortalOrg | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  const [row] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      timezone: organizations.timezone,
      logoPath: organizations.logoPath,
      brandColor: portalSettings.brandColor,
      portalEnabled: portalSettings.portalEnabled,
    })
    .from(organizations)
    .leftJoin(portalSettings, eq(portalSettings.organizationId, organizations.id))
    .where(and(eq(organizations.slug, slug), eq(organizations.status, 'active')));
  if (!row || row.portalEnabled === false) return null;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timezone: row.timezone ?? 'Asia/Jakarta',
    brandColor: row.brandColor ?? null,
    logoPath: row.logoPath,
  };
}
