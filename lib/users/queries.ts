import { and, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import { can, type Permission, type Role } from '@/lib/auth/permissions';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';

export async function listMembers(db: Db, p: { orgId: string; q?: string; cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      active: memberships.active,
      lastLoginAt: users.lastLoginAt,
      twoFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, p.orgId),
        p.q ? or(ilike(users.name, contains(p.q)), ilike(users.email, contains(p.q))) : undefined,
        afterCursor(memberships.createdAt, memberships.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(memberships.createdAt), desc(memberships.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** Invitations still waiting: not accepted, not revoked, not expired. */
export async function listPendingInvitations(db: Db, p: { orgId: string }) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, p.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}

/** The organization's active members whose role holds `permission` (who work may be assigned to), by name. */
export async function activeMembersWith(db: Db, p: { orgId: string; permission: Permission }) {
  const rows = await db.execute<{ id: string; name: string; role: Role }>(sql`
    select u.id, u.name, m.role from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${p.orgId} and m.active order by u.name`);
  return [...rows].filter((r) => can(r.role, p.permission));
}

/** Whether `userId` is an active member of the organization whose role holds `permission`. */
export async function isActiveMemberWith(db: Db, p: { orgId: string; userId: string; permission: Permission }) {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.organizationId, p.orgId), eq(memberships.userId, p.userId), eq(memberships.active, true)),
    );
  return Boolean(m && can(m.role as Role, p.permission));
}
