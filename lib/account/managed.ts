import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/**
 * A member whose sign-in an admin of this organization may reset (password, two-factor):
 * not the admin themselves, and not an account the organization does not wholly answer for,
 * a super admin or a person who is also a member elsewhere (they use "Forgot password" or
 * ask the platform administrator), or one organization could take over another's account.
 */
export async function loadManagedMember(db: Db, p: { orgId: string; actorUserId: string; membershipId: string }) {
  const [member] = await db
    .select({ userId: users.id, email: users.email, isSuperAdmin: users.isSuperAdmin })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, p.membershipId), eq(memberships.organizationId, p.orgId)));
  if (!member) throw new AppError('not_found');
  if (member.userId === p.actorUserId) throw new AppError('self_change');
  const [elsewhere] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, member.userId), ne(memberships.organizationId, p.orgId)))
    .limit(1);
  if (member.isSuperAdmin || elsewhere) throw new AppError('reset_not_allowed');
  return member;
}
