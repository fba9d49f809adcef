import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { verifyPassword } from '@/lib/users/password';
import { DEMO_DOMAIN } from '@/db/seed-constants';
import { checkSignInGate, consumeAttempt, pruneAttempts, recordFailure, recordSuccess } from './rate-limit';
import { checkSecondFactor, type SecondFactorError } from './second-factor';

export type SignInError = 'invalid_credentials' | 'rate_limited' | 'account_disabled' | SecondFactorError;
export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; error: SignInError };

/**
 * Checks email + password under the limits of ./rate-limit: per address, per account (a
 * lock of at most one window, not applied where the account signed in before) and a growing
 * delay per account + address. A wrong password and an unknown email get the same answer,
 * so sign-in does not reveal who has an account. Demo accounts only sign in where the demo
 * is on (never in production).
 */
export async function authenticate(db: Db, p: { email: string; password: string; otp?: string; ip: string | null }): Promise<SignInResult> {
  const email = p.email.trim().toLowerCase();
  const { LOGIN_MAX_PER_ACCOUNT, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES, SEED_DEMO } = env();
  const ip = p.ip ?? 'unknown';
  await pruneAttempts(db, LOGIN_WINDOW_MINUTES);
  const ipOk = p.ip ? await consumeAttempt(db, `ip:${p.ip}`, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES) : true;
  if (!ipOk) return { ok: false, error: 'rate_limited' };
  const gate = await checkSignInGate(db, { email, ip, maxPerAccount: LOGIN_MAX_PER_ACCOUNT, windowMinutes: LOGIN_WINDOW_MINUTES });
  if (!gate.allowed) return { ok: false, error: 'rate_limited' };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const demoRefused = !SEED_DEMO && email.endsWith(`@${DEMO_DOMAIN}`);
  if (!user || demoRefused || !(await verifyPassword(p.password, user.passwordHash))) {
    await recordFailure(db, { email, ip, windowMinutes: LOGIN_WINDOW_MINUTES });
    return { ok: false, error: 'invalid_credentials' };
  }
  if (!user.active) return { ok: false, error: 'account_disabled' };
  // Two-factor accounts: a wrong code counts like a wrong password (codes cannot be guessed).
  const second = await checkSecondFactor(db, { user, otp: p.otp ?? '', ip: p.ip });
  if (second === 'otp_invalid') await recordFailure(db, { email, ip, windowMinutes: LOGIN_WINDOW_MINUTES });
  if (second) return { ok: false, error: second };

  await recordSuccess(db, { email, ip });
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
