import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { hashPassword } from '@/lib/users/password';
import type { SignupInput } from './schemas';

/**
 * Creates an organization and its first admin account. An email that already has an account
 * is refused: that person joins further organizations by invitation, never by someone else
 * typing their address.
 */
export async function createOrganizationWithAdmin(
  db: Db,
  input: SignupInput & { actorUserId?: string | null; ip?: string | null },
) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, input.slug));
    if (taken) throw new AppError('slug_taken');
    const [existing] = await tx.select().from(users).where(eq(users.email, input.email));
    if (existing) throw new AppError('email_taken');
    const [org] = await tx.insert(organizations).values({ name: input.organizationName, slug: input.slug }).returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.adminName, passwordHash: await hashPassword(input.password) })
      .returning();
    await tx.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: 'admin' });
    await recordAudit(tx, {
      orgId: org!.id,
      actorUserId: input.actorUserId ?? user!.id,
      action: 'organization.created',
      entityType: 'organization',
      entityId: org!.id,
      ip: input.ip,
      data: { name: org!.name, slug: org!.slug, adminEmail: user!.email },
    });
    return { organization: org!, user: user! };
  });
}

export async function updateOrganizationSettings(
  db: Db,
  p: {
    orgId: string;
    actorUserId: string;
    ip: string | null;
    name: string;
    timezone: string;
    coverageRadiusM: number;
    hotspotLoginUrl?: string | null;
    requireTwoFactor?: boolean;
  },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, p.orgId));
    if (!before) throw new AppError('not_found');
    const [after] = await tx
      .update(organizations)
      .set({
        name: p.name,
        timezone: p.timezone,
        coverageRadiusM: p.coverageRadiusM,
        // Absent (an older form or API caller) keeps the stored address.
        ...(p.hotspotLoginUrl !== undefined ? { hotspotLoginUrl: p.hotspotLoginUrl } : {}),
        ...(p.requireTwoFactor !== undefined ? { requireTwoFactor: p.requireTwoFactor } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(organizations.id, p.orgId))
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: p.orgId,
      ip: p.ip,
      data: {
        before: {
          name: before.name,
          timezone: before.timezone,
          coverageRadiusM: before.coverageRadiusM,
          hotspotLoginUrl: before.hotspotLoginUrl,
          requireTwoFactor: before.requireTwoFactor,
        },
        after: {
          name: after!.name,
          timezone: after!.timezone,
          coverageRadiusM: after!.coverageRadiusM,
          hotspotLoginUrl: after!.hotspotLoginUrl,
          requireTwoFactor: after!.requireTwoFactor,
        },
      },
    });
    return after!;
  });
}

/** Super admin only: a suspended organization's members cannot sign in to it. */
export async function setOrganizationStatus(
  db: Db,
  p: { orgId: string; status: 'active' | 'suspended'; actorUserId: string; ip: string | null },
) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .update(organizations)
      .set({ status: p.status, updatedAt: sql`now()` })
      .where(eq(organizations.id, p.orgId))
      .returning();
    if (!org) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: org.id,
      actorUserId: p.actorUserId,
      action: p.status === 'suspended' ? 'organization.suspended' : 'organization.reactivated',
      entityType: 'organization',
      entityId: org.id,
      ip: p.ip,
    });
    return org;
  });
}
