import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations } from '@/db/schema';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';

export async function getOrganization(db: Db, orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  return org ?? null;
}

/** The organizations a user can switch to: active memberships in active organizations. */
export async function listUserOrganizations(db: Db, userId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.name));
}

/** Platform view for super admins: every organization with its member count. */
export async function listAllOrganizations(db: Db, p: { q?: string; cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const cursor = decodeCursor(p.cursor);
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      status: organizations.status,
      createdAt: organizations.createdAt,
      members: sql<number>`(select count(*)::int from ${memberships} m where m.organization_id = "organizations"."id")`,
    })
    .from(organizations)
    .where(
      and(
        p.q ? or(ilike(organizations.name, contains(p.q)), ilike(organizations.slug, contains(p.q))) : undefined,
        afterCursor(organizations.createdAt, organizations.id, cursor),
      ),
    )
    .orderBy(desc(organizations.createdAt), desc(organizations.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}
