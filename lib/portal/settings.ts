import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { organizations, portalSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';

/** Jaring's own brand colour (app/globals.css brand-600): the portal's when the organization sets none. */
export const DEFAULT_BRAND_COLOR = '#059669';

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const portalSettingsSchema = z.object({
  portalEnabled: checkbox,
  brandColor: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, 'validation.brandColor')
      .transform((s) => s.toLowerCase())
      .nullable(),
  ),
  // A host name only (no scheme, port or path): what the reverse proxy sends as Host.
  customDomain: z.preprocess(
    (v) => (typeof v === 'string' ? blankToNull(v.trim().toLowerCase().replace(/\.$/, '')) : v),
    z
      .string()
      .max(253, 'validation.hostName')
      .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'validation.hostName')
      .nullable(),
  ),
  assistantEnabled: checkbox,
  contactText: z.preprocess(blankToNull, z.string().trim().max(1000, 'validation.tooLong').nullable()),
});
export type PortalSettingsInput = z.output<typeof portalSettingsSchema>;

export async function getPortalSettings(db: Db, p: { orgId: string }) {
  const [row] = await db
    .select({ settings: portalSettings, slug: organizations.slug })
    .from(organizations)
    .leftJoin(portalSettings, eq(portalSettings.organizationId, organizations.id))
    .where(eq(organizations.id, p.orgId));
  if (!row) throw new AppError('not_found');
  const s = row.settings;
  return {
    portalEnabled: s?.portalEnabled ?? true,
    brandColor: s?.brandColor ?? null,
    customDomain: s?.customDomain ?? null,
    assistantEnabled: s?.assistantEnabled ?? true,
    contactText: s?.contactText ?? null,
    portalUrl: `${env().APP_URL.replace(/\/$/, '')}/portal/${row.slug}`,
  };
}

/** Saves the portal's settings, audited with what changed; a domain another organization uses is refused. */
export async function savePortalSettings(db: Db, p: Actor & { input: PortalSettingsInput }) {
  const { input } = p;
  return db.transaction(async (tx) => {
    // Jaring's own host is nobody's portal: claimed, its `/portal` would send every visitor
    // (any organization's customer following a generic link) to this organization's sign-in.
    if (input.customDomain && input.customDomain === appHost())
      throw new AppError('validation', {}, { customDomain: 'portal.validation.domainIsApp' });
    if (input.customDomain) {
      const [taken] = await tx
        .select({ id: portalSettings.organizationId })
        .from(portalSettings)
        .where(
          sql`${portalSettings.customDomain} = ${input.customDomain} and ${portalSettings.organizationId} <> ${p.orgId}`,
        );
      if (taken) throw new AppError('validation', {}, { customDomain: 'portal.validation.domainTaken' });
    }
    const [before] = await tx
      .select()
      .from(portalSettings)
      .where(eq(portalSettings.organizationId, p.orgId))
      .for('update');
    const values = { ...input, updatedAt: new Date() };
    await tx
      .insert(portalSettings)
      .values({ organizationId: p.orgId, ...values })
      .onConflictDoUpdate({ target: portalSettings.organizationId, set: values });
    const changed = (Object.keys(input) as (keyof PortalSettingsInput)[]).filter(
      (k) => (before ? before[k] : undefined) !== input[k],
    );
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'portal.settings_saved',
      entityType: 'organization',
      entityId: p.orgId,
      data: { changed, portalEnabled: input.portalEnabled, customDomain: input.customDomain },
    });
    return { saved: true };
  });
}

const appHost = () => new URL(env().APP_URL).hostname.toLowerCase().replace(/\.$/, '');

/** The organization whose custom domain `host` is (port stripped), for /portal; null otherwise. */
export async function portalSlugByDomain(db: Db, host: string | null) {
  const name = host?.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (!name || name.length > 253) return null;
  const [row] = await db
    .select({ slug: organizations.slug })
    .from(portalSettings)
    .innerJoin(organizations, eq(organizations.id, portalSettings.organizationId))
    .where(
      sql`${portalSettings.customDomain} = ${name} and ${organizations.status} = 'active' and ${portalSettings.portalEnabled}`,
    );
  return row?.slug ?? null;
}
