import 'server-only';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/auth/ip';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';
import { portalCodeAvailable } from './codes';
import type { PortalCtx } from './operation';
import { portalOrgBySlug } from './orgs';
import { PORTAL_COOKIE, portalVisitor } from './session';
import { portalSlugByDomain } from './settings';

/** The portal's organization for a page of `/portal/<slug>`; a 404 when there is none. */
export const requirePortalOrg = cache(async (slug: string) => {
  const org = await portalOrgBySlug(getDb(), slug);
  if (!org) notFound();
  return org;
});

/** The signed-in customer's context on `/portal/<slug>`, or null (signed out, other organization). */
export const getPortalCtx = cache(async (slug: string): Promise<PortalCtx | null> => {
  const org = await portalOrgBySlug(getDb(), slug);
  if (!org) return null;
  const jar = await cookies();
  const visitor = await portalVisitor(getDb(), { orgId: org.id, token: jar.get(PORTAL_COOKIE)?.value });
  if (!visitor) return null;
  const h = await headers();
  return {
    db: getDb(),
    orgId: org.id,
    sessionId: visitor.sessionId,
    customerIds: visitor.customerIds,
    phone: visitor.phone,
    ip: clientIp((name) => h.get(name)),
    locale: toLocale(jar.get(LOCALE_COOKIE)?.value),
  };
});

/** For portal pages behind sign-in: the visitor's context, else to the sign-in page. */
export async function requirePortal(slug: string) {
  const org = await requirePortalOrg(slug);
  const ctx = await getPortalCtx(slug);
  if (!ctx) redirect(`/portal/${org.slug}/login`);
  return { org, ctx };
}

/** For the sign-in page: whether this organization can send a WhatsApp code now. */
export async function portalCodeOffered(orgId: string) {
  return portalCodeAvailable(getDb(), { orgId });
}

/** For `/portal`: the slug of the organization whose custom domain this request came in on. */
export async function portalSlugForRequestHost() {
  return portalSlugByDomain(getDb(), (await headers()).get('host'));
}
