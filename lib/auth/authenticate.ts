import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { verifyPassword } from '@/lib/users/password';
import { clearAttempts, consumeAttempt } from './rate-limit';
import { checkSecondFactor, type SecondFactorError } from './second-factor';

export type SignInError = 'invalid_credentials' | 'rate_limited' | 'account_disabled' | SecondFactorError;
export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; error: SignInError };

/**
 * Checks email + password, limited per account and per IP. A wrong password and an unknown
 * email get the same answer, so sign-in does not reveal who has an account.
 */
export async function authenticate(db: Db, p: { email: string; password: string; otp?: string; ip: string | null }): Promise<SignInResult> {
  const email = p.email.trim().toLowerCase();
  const { LOGIN_MAX_PER_ACCOUNT, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES } = env();
  const accountKey = `account:${email}`;
  const ipOk = p.ip ? await consumeAttempt(db, `ip:${p.ip}`, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES) : true;
  const accountOk = await consumeAttempt(db, accountKey, LOGIN_MAX_PER_ACCOUNT, LOGIN_WINDOW_MINUTES);
  if (!ipOk || !accountOk) return { ok: false, error: 'rate_limited' };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user || !(await verifyPassword(p.password, user.passwordHash))) return { ok: false, error: 'invalid_credentials' };
  if (!user.active) return { ok: false, error: 'account_disabled' };
  const second = await checkSecondFactor(db, { user, otp: p.otp ?? '', ip: p.ip });
  if (second) return { ok: false, error: second };

  await clearAttempts(db, accountKey);
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
