import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { createOrganizationWithAdmin } from '@/lib/organizations/mutations';
import type { SignupInput } from '@/lib/organizations/schemas';
import { AppError } from '@/lib/server/errors';

/** A platform owner is a user with the platform flag (super admin of every organization). */
export async function platformOwnerExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.isSuperAdmin, true)).limit(1);
  return Boolean(row);
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

/**
 * First run of an install: the platform owner, with their own organization to work in (the
 * platform pages live inside one). Only while no owner exists; the advisory lock makes two
 * setup forms sent at once create one owner, not two.
 */
export async function createPlatformOwner(db: Db, input: SignupInput & { ip: string | null; source: 'setup' | 'cli' }) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jaring.platform-owner'))`);
    if (await platformOwnerExists(tx)) throw new AppError('setup_done');
    const { organization, user } = await createOrganizationWithAdmin(tx, input);
    await tx.update(users).set({ isSuperAdmin: true }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      orgId: organization.id,
      actorUserId: user.id,
      action: 'platform.owner_created',
      entityType: 'user',
      entityId: user.id,
      ip: input.ip,
      data: { email: user.email, source: input.source },
    });
    return { organization, user };
  });
}
