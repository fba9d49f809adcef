import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { acceptTotp, newRecoveryCodes } from '@/lib/auth/second-factor';
import { newTotpSecret, totpUri } from '@/lib/auth/totp';
import { encryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/server/errors';
import { verifyPassword } from '@/lib/users/password';
import { recordUserAudit } from './audit';
import { loadManagedMember } from './managed';
import { bumpSessionVersion } from './password';

type Self = { userId: string; ip: string | null };
const ISSUER = 'Jaring';

/**
 * Step 1: a new secret, kept encrypted but not yet in force, and the otpauth URI the page
 * draws as a QR (and shows as text for typing in). Two-factor already on must be switched off first.
 */
export async function startTwoFactor(db: Db, p: Self) {
  const [user] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!user) throw new AppError('not_found');
  if (user.totpEnabledAt) throw new AppError('two_factor_on');
  const secret = newTotpSecret();
  await db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(secret), totpLastStep: null })
    .where(eq(users.id, user.id));
  return { secret, uri: totpUri({ secret, email: user.email, issuer: ISSUER }) };
}

/**
 * Step 2: a code from the app proves it holds the secret; two-factor is on from now, and the
 * ten recovery codes are returned this once (only their hashes are kept).
 */
export async function confirmTwoFactor(db: Db, p: Self & { code: string }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, p.userId)).for('update');
    if (!user) throw new AppError('not_found');
    if (user.totpEnabledAt) throw new AppError('two_factor_on');
    if (!user.totpSecretEnc) throw new AppError('two_factor_not_started');
    if (!(await acceptTotp(tx, user, p.code))) throw new AppError('otp_invalid', {}, { code: 'validation.otpWrong' });
    const { codes, hashes } = newRecoveryCodes();
    await tx.update(users).set({ totpEnabledAt: new Date(), recoveryCodeHashes: hashes }).where(eq(users.id, user.id));
    await recordUserAudit(tx, { userId: user.id, actorUserId: user.id, action: 'user.two_factor_enabled', ip: p.ip });
    return { recoveryCodes: codes };
  });
}

/**
 * Switching off asks for the password again; the secret and recovery codes are erased.
 * (Switching on again gives a new secret and new recovery codes.)
 */
export async function disableTwoFactor(db: Db, p: Self & { password: string }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, p.userId)).for('update');
    if (!user) throw new AppError('not_found');
    if (!(await verifyPassword(p.password, user.passwordHash)))
      throw new AppError('wrong_password', {}, { password: 'validation.wrongPassword' });
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] })
      .where(eq(users.id, user.id));
    if (user.totpEnabledAt)
      await recordUserAudit(tx, {
        userId: user.id,
        actorUserId: user.id,
        action: 'user.two_factor_disabled',
        ip: p.ip,
      });
  });
}

/**
 * An admin switches two-factor off for a member who lost their phone and their recovery
 * codes; the member's sessions end, and they set it up again at their next sign-in (at once,
 * where the organization requires it).
 */
export async function resetMemberTwoFactor(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; membershipId: string },
) {
  return db.transaction(async (tx) => {
    const member = await loadManagedMember(tx, p);
    await tx
      .update(users)
      .set({
        totpSecretEnc: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        ...bumpSessionVersion(),
      })
      .where(eq(users.id, member.userId));
    await recordUserAudit(tx, {
      userId: member.userId,
      actorUserId: p.actorUserId,
      action: 'user.two_factor_reset',
      ip: p.ip,
      data: { email: member.email },
      orgId: p.orgId,
    });
  });
}
