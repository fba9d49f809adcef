import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type User, users } from '@/db/schema';
import { recordUserAudit } from '@/lib/account/audit';
import { decryptSecret } from '@/lib/crypto';
import { verifyTotp } from './totp';

export type SecondFactorError = 'otp_required' | 'otp_invalid';

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Codes are read from paper: case, spaces and dashes do not matter. */
export function hashRecoveryCode(code: string) {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}

/** Ten one-time codes shown once (xxxxx-xxxxx, ~50 bits each); only their hashes are kept. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/**
 * Checks the authenticator code; the step is recorded in the same statement, so a code is
 * accepted once even when two requests race.
 */
export async function acceptTotp(
  db: Db,
  user: Pick<User, 'id' | 'totpSecretEnc' | 'totpLastStep'>,
  code: string,
): Promise<boolean> {
  if (!user.totpSecretEnc) return false;
  const step = await verifyTotp({ secret: decryptSecret(user.totpSecretEnc), code, afterStep: user.totpLastStep });
  if (step === null) return false;
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** A recovery code works once: it is removed from the list in the statement that accepts it. */
async function acceptRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const hash = hashRecoveryCode(code);
  const rows = await db
    .update(users)
    .set({ recoveryCodeHashes: sql`${users.recoveryCodeHashes} - ${hash}::text` })
    .where(and(eq(users.id, userId), sql`${users.recoveryCodeHashes} ? ${hash}::text`))
    .returning({ left: sql<number>`jsonb_array_length(${users.recoveryCodeHashes})` });
  return rows.length === 1;
}

/**
 * The sign-in step after the password, for users with two-factor on: a 6-digit authenticator
 * code or one of their recovery codes. Wrong codes count against the account's sign-in limit
 * (the caller consumed an attempt), so codes cannot be guessed.
 */
export async function checkSecondFactor(
  db: Db,
  p: { user: User; otp: string; ip: string | null },
): Promise<SecondFactorError | null> {
  if (!p.user.totpEnabledAt) return null;
  const otp = p.otp.trim();
  if (!otp) return 'otp_required';
  if (/^\d[\d\s]{5,7}$/.test(otp)) return (await acceptTotp(db, p.user, otp)) ? null : 'otp_invalid';
  if (!(await acceptRecoveryCode(db, p.user.id, otp))) return 'otp_invalid';
  await recordUserAudit(db, { userId: p.user.id, actorUserId: p.user.id, action: 'user.recovery_code_used', ip: p.ip });
  return null;
}
