import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { DEMO_DOMAIN } from '@/lib/platform/demo-constants';
import { hashPassword, verifyPassword } from '@/lib/users/password';
import { limitKey } from './ip';
import { checkSignInGate, consumeAttempt, pruneAttempts, recordFailure, recordSuccess } from './rate-limit';
import { checkSecondFactor, type SecondFactorError } from './second-factor';

export type SignInError = 'invalid_credentials' | 'rate_limited' | 'account_disabled' | SecondFactorError;
export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; error: SignInError };

/**
 * Checks email + password under the limits of ./rate-limit: per address, per account (a
 * lock of at most one window, not applied where the account signed in before) and a growing
 * delay per account + address. Attempts on one account run one at a time (a transaction
 * holding an advisory lock from the gate to the record), so a burst of simultaneous guesses
 * — passwords or two-factor codes — is counted like the same guesses in a row. A wrong
 * password and an unknown email get the same answer after the same bcrypt work, so sign-in
 * does not reveal who has an account. Demo accounts only sign in where the demo is on (never
 * in production). Without a client address (null) the account lock always applies.
 */
export async function authenticate(
  db: Db,
  p: { email: string; password: string; otp?: string; ip: string | null },
): Promise<SignInResult> {
  const email = p.email.trim().toLowerCase();
  const { LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES } = env();
  const address = p.ip ? limitKey(p.ip) : null;
  await pruneAttempts(db, LOGIN_WINDOW_MINUTES);
  const ipOk = address ? await consumeAttempt(db, `ip:${address}`, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MINUTES) : true;
  if (!ipOk) return { ok: false, error: 'rate_limited' };
  try {
    return await db.transaction(async (tx) => {
      // Waiting longer than this means a crowd is trying this account: refuse rather than queue.
      await tx.execute(sql`set local lock_timeout = '10s'`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${email}`}))`);
      return attempt(tx, { email, password: p.password, otp: p.otp, ip: p.ip, address });
    });
  } catch (error) {
    if (
      (error as { code?: string }).code === '55P03' ||
      (error as { cause?: { code?: string } }).cause?.code === '55P03'
    )
      return { ok: false, error: 'rate_limited' };
    throw error;
  }
}

let dummyHash: Promise<string> | undefined;
/** A hash no password matches, so an unknown email costs the same bcrypt work as a known one. */
function nobodysHash() {
  return (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));
}

async function attempt(
  db: Db,
  p: { email: string; password: string; otp?: string; ip: string | null; address: string | null },
): Promise<SignInResult> {
  const { LOGIN_MAX_PER_ACCOUNT, LOGIN_WINDOW_MINUTES, SEED_DEMO } = env();
  const { email, address } = p;
  const gate = await checkSignInGate(db, {
    email,
    ip: address,
    maxPerAccount: LOGIN_MAX_PER_ACCOUNT,
    windowMinutes: LOGIN_WINDOW_MINUTES,
  });
  if (!gate.allowed) return { ok: false, error: 'rate_limited' };

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const demoRefused = !SEED_DEMO && email.endsWith(`@${DEMO_DOMAIN}`);
  const checked = user && !demoRefused ? user.passwordHash : await nobodysHash();
  const passwordOk = await verifyPassword(p.password, checked);
  if (!user || demoRefused || !passwordOk) {
    await recordFailure(db, { email, ip: address, windowMinutes: LOGIN_WINDOW_MINUTES });
    return { ok: false, error: 'invalid_credentials' };
  }
  if (!user.active) return { ok: false, error: 'account_disabled' };
  // Two-factor accounts: a wrong code counts like a wrong password (codes cannot be guessed).
  const second = await checkSecondFactor(db, { user, otp: p.otp ?? '', ip: p.ip });
  if (second === 'otp_invalid') await recordFailure(db, { email, ip: address, windowMinutes: LOGIN_WINDOW_MINUTES });
  if (second) return { ok: false, error: second };

  await recordSuccess(db, { email, ip: address });
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
