import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { memberships, organizations, users } from './schema';
import { ROLES } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/users/password';

export const DEMO_PASSWORD = 'jaring123';
export const DEMO_DOMAIN = 'demo.jaring.id';
export const demoEmail = (role: string) => `${role.replace('_', '')}@${DEMO_DOMAIN}`;

/** One demo ISP with a user per role (`admin@demo.jaring.id` …). Does nothing if it exists. */
export async function seedDemo(db: Database) {
  const [existing] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
  if (existing) return { created: false, organizationId: existing.id };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values({ name: 'Jaring Demo Net', slug: 'demo' }).returning();
    for (const role of ROLES) {
      const [user] = await tx
        .insert(users)
        .values({
          email: demoEmail(role),
          name: `Demo ${role.replace('_', ' ')}`,
          passwordHash,
          isSuperAdmin: role === 'super_admin',
        })
        .onConflictDoNothing()
        .returning();
      if (!user) continue;
      // A super admin is a platform flag; in the demo organization they also sit as admin.
      await tx.insert(memberships).values({ organizationId: org!.id, userId: user.id, role: role === 'super_admin' ? 'admin' : role });
    }
    await recordAudit(tx, {
      orgId: org!.id,
      actorUserId: null,
      action: 'organization.created',
      entityType: 'organization',
      entityId: org!.id,
      data: { name: org!.name, slug: 'demo', source: 'demo seed' },
    });
    return { created: true, organizationId: org!.id };
  });
}
