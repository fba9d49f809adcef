import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, users } from '@/db/schema';
import { listUserOrganizations } from '@/lib/organizations/queries';
import { isRole, type Role } from './permissions';

export type SessionInfo = {
  user: { id: string; name: string; email: string; isSuperAdmin: boolean; twoFactor: boolean };
  /** `logo`: the stored logo's file name (it changes on every upload), or null. */
  org: { id: string; name: string; slug: string; timezone: string; logo: string | null } | null;
  /** What the member is allowed to do. */
  role: Role | null;
  /** What the account panel calls them (a demo org's "super admin" acts as its admin). */
  displayRole: Role | null;
  organizations: { id: string; name: string; slug: string; role: string }[];
  /** The organization requires an authenticator for this role and the user has none yet. */
  mustEnrolTwoFactor: boolean;
};

/**
 * Roles that hold the keys (members, money, network): an organization may require 2FA of
 * them, and of a super admin working in it, who can do more than its admins.
 */
export const TWO_FACTOR_ROLES: readonly Role[] = ['super_admin', 'admin', 'finance', 'noc'];

/**
 * Who a session token belongs to, re-read from the database on every request. A disabled
 * account, or a token older than the user's session version (signed out everywhere,
 * password reset), is no session at all. Tokens from before versions existed count as 0.
 */
export async function loadSessionInfo(
  db: Db,
  p: { userId: string; sessionVersion: number | undefined; wantedOrgId: string | undefined },
): Promise<SessionInfo | null> {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user?.active || (p.sessionVersion ?? 0) !== user.sessionVersion) return null;
  const orgs = await listUserOrganizations(db, user.id);
  const current = orgs.find((o) => o.id === p.wantedOrgId) ?? orgs[0] ?? null;
  const [org] = current ? await db.select().from(organizations).where(eq(organizations.id, current.id)) : [];
  const displayRole: Role | null = !current
    ? null
    : user.isSuperAdmin
      ? 'super_admin'
      : isRole(current.role)
        ? current.role
        : null;
  // Only the platform flag makes a super admin (every organization, the platform pages). A
  // membership role "super_admin" (the demo's) is its organization's admin and no more.
  const role: Role | null = displayRole === 'super_admin' && !user.isSuperAdmin ? 'admin' : displayRole;
  const twoFactor = user.totpEnabledAt !== null;
  return {
    user: { id: user.id, name: user.name, email: user.email, isSuperAdmin: user.isSuperAdmin, twoFactor },
    org: org
      ? {
          id: org.id,
          name: org.name,
          slug: org.slug,
          timezone: org.timezone,
          logo: org.logoPath?.split('/').pop() ?? null,
        }
      : null,
    role,
    displayRole,
    organizations: orgs,
    mustEnrolTwoFactor: Boolean(org?.requireTwoFactor && role && TWO_FACTOR_ROLES.includes(role) && !twoFactor),
  };
}
