import { and, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
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
