import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { recordUserAudit } from './audit';
import { bumpSessionVersion } from './password';

/** Super admins: every account on the platform, with how many organizations it belongs to. */
export async function listPlatformUsers(db: Db, p: { q?: string; cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      isSuperAdmin: users.isSuperAdmin,
      twoFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
      organizations: sql<number>`(select count(*)::int from ${memberships} m where m.user_id = "users"."id")`,
      lastLoginAt: users.lastLoginAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(
      and(
        p.q ? or(ilike(users.name, contains(p.q)), ilike(users.email, contains(p.q))) : undefined,
        afterCursor(users.createdAt, users.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/**
 * Disables (or re-enables) an account on the whole platform. Its sessions stop at once: the
 * session check refuses an inactive user, and the version bump keeps old tokens dead after a
 * re-enable too.
 */
export async function setUserActive(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; userId: string; active: boolean },
) {
  if (p.userId === p.actorUserId) throw new AppError('self_change');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ active: p.active, ...bumpSessionVersion() })
      .where(eq(users.id, p.userId))
      .returning({ id: users.id, email: users.email });
    if (!row) throw new AppError('not_found');
    await recordUserAudit(tx, {
      userId: row.id,
      actorUserId: p.actorUserId,
      action: p.active ? 'user.enabled' : 'user.disabled',
      ip: p.ip,
      data: { email: row.email },
      orgId: p.orgId,
    });
  });
}
