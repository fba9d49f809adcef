import 'server-only';
import { eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { organizations, users } from '@/db/schema';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';
import { listUserOrganizations } from '@/lib/organizations/queries';
import type { Ctx } from '@/lib/server/operation';
import { clientIp } from './ip';
import { authOptions } from './options';
import { can, isRole, type Permission, type Role } from './permissions';

export const ORG_COOKIE = 'jaring_org';

export type SessionInfo = {
  user: { id: string; name: string; email: string; isSuperAdmin: boolean };
  org: { id: string; name: string; slug: string; timezone: string } | null;
  /** What the member is allowed to do. */
  role: Role | null;
  /** What the account panel calls them (a demo org's "super admin" acts as its admin). */
  displayRole: Role | null;
  organizations: { id: string; name: string; slug: string; role: string }[];
};

/**
 * The signed-in user and the organization they are working in, re-read from the database on
 * every request: a deactivated member or suspended organization loses access at once.
 */
export const getSessionInfo = cache(async (): Promise<SessionInfo | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !user.active) return null;
  const orgs = await listUserOrganizations(db, user.id);
  const wanted = (await cookies()).get(ORG_COOKIE)?.value;
  const current = orgs.find((o) => o.id === wanted) ?? orgs[0] ?? null;
  const [org] = current ? await db.select().from(organizations).where(eq(organizations.id, current.id)) : [];
  const displayRole: Role | null = !current ? null : user.isSuperAdmin ? 'super_admin' : isRole(current.role) ? current.role : null;
  // Only the platform flag makes a super admin (every organization, the platform pages). A
  // membership role "super_admin" (the demo's) is its organization's admin and no more.
  const role: Role | null = displayRole === 'super_admin' && !user.isSuperAdmin ? 'admin' : displayRole;
  return {
    user: { id: user.id, name: user.name, email: user.email, isSuperAdmin: user.isSuperAdmin },
    org: org ? { id: org.id, name: org.name, slug: org.slug, timezone: org.timezone } : null,
    role,
    displayRole,
    organizations: orgs,
  };
});

export async function getLocale() {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

async function buildCtx(info: SessionInfo): Promise<Ctx | null> {
  if (!info.org || !info.role) return null;
  const h = await headers();
  return {
    db: getDb(),
    userId: info.user.id,
    orgId: info.org.id,
    role: info.role,
    ip: clientIp((name) => h.get(name)),
    locale: await getLocale(),
  };
}

/** For pages: sends visitors to sign-in and refuses members without the permission. */
export async function requirePage(permission?: Permission) {
  const info = await getSessionInfo();
  if (!info) redirect('/login');
  const ctx = await buildCtx(info);
  if (!ctx) redirect('/no-organization');
  if (permission && !can(ctx.role, permission)) forbidden();
  return { info, ctx };
}

/** For server actions and route handlers: null when signed out or without an organization. */
export async function getActionContext(): Promise<Ctx | null> {
  const info = await getSessionInfo();
  return info ? buildCtx(info) : null;
}
