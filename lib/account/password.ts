import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { hashPassword, verifyPassword } from '@/lib/users/password';
import { recordUserAudit } from './audit';

type Self = { userId: string; ip: string | null };

export async function getAccount(db: Db, p: { userId: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user) throw new AppError('not_found');
  return {
    name: user.name,
    email: user.email,
    phone: user.phone,
    twoFactor: user.totpEnabledAt !== null,
    recoveryCodesLeft: user.recoveryCodeHashes.length,
  };
}

/** Bumping the version refuses every session token issued before (lib/auth/session). */
export function bumpSessionVersion() {
  return { sessionVersion: sql`${users.sessionVersion} + 1` };
}

/**
 * The current password proves it is the person, not someone at an unlocked phone. A new
 * password signs out every session, this one included: whoever knew the old one is out.
 */
export async function changePassword(db: Db, p: Self & { currentPassword: string; newPassword: string }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, p.userId)).for('update');
    if (!user) throw new AppError('not_found');
    if (!(await verifyPassword(p.currentPassword, user.passwordHash))) {
      throw new AppError('wrong_password', {}, { currentPassword: 'validation.wrongPassword' });
    }
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(p.newPassword), ...bumpSessionVersion() })
      .where(eq(users.id, user.id));
    await recordUserAudit(tx, { userId: user.id, actorUserId: user.id, action: 'user.password_changed', ip: p.ip });
  });
}

export async function signOutEverywhere(db: Db, p: Self) {
  return db.transaction(async (tx) => {
    await tx.update(users).set(bumpSessionVersion()).where(eq(users.id, p.userId));
    await recordUserAudit(tx, {
      userId: p.userId,
      actorUserId: p.userId,
      action: 'user.signed_out_everywhere',
      ip: p.ip,
    });
  });
}

/** The member's own WhatsApp number, where password reset codes go. */
export async function updateProfile(db: Db, p: Self & { phone: string | null }) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, p.userId));
    if (!before) throw new AppError('not_found');
    await tx.update(users).set({ phone: p.phone }).where(eq(users.id, p.userId));
    if (before.phone !== p.phone) {
      await recordUserAudit(tx, {
        userId: p.userId,
        actorUserId: p.userId,
        action: 'user.phone_changed',
        ip: p.ip,
        data: { phone: p.phone },
      });
    }
  });
}
