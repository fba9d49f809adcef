import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * Sign-in limits, kept in Postgres (login_attempts) so they hold across restarts and several
 * web processes. Three kinds of row, by key:
 * - `ip:<address>`            attempts from one address in a fixed window (LOGIN_MAX_PER_IP);
 * - `account:<email>`         failures of one account in a fixed window (LOGIN_MAX_PER_ACCOUNT);
 *                             attempts refused while locked do not move the window, so a lock
 *                             lasts at most one window;
 * - `pair:<email>|<address>`  failures of one account from one address: a growing, capped
 *                             delay (progressiveDelaySeconds) between attempts;
 * - `known:<email>|<address>` an address this account signed in from (kept KNOWN_DAYS): the
 *                             account lock does not apply there, so strangers failing
 *                             elsewhere cannot keep the owner out; the pair delay still does.
 *                             An unknown address (null) is never known.
 * Addresses are limit keys (lib/auth/ip.ts limitKey: an IPv6 address's /64). The caller
 * (authenticate) holds a per-account lock from the gate to the record, so simultaneous
 * attempts are counted one after the other and none slips past a limit.
 */
export const FREE_FAILURES = 3;
export const KNOWN_DAYS = 30;

/**
 * The longest pair delay: half the window. A pair's failures are forgotten a window after
 * its last one, so a delay as long as the window would hand the free failures back.
 */
export function delayCapSeconds(windowMinutes: number): number {
  return Math.floor((windowMinutes * 60) / 2);
}

/** Seconds a (account, address) pair waits after its n-th failure in a row: 0,0,0,2,4,8… capped. */
export function progressiveDelaySeconds(failures: number, capSeconds: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(2 ** Math.min(failures - FREE_FAILURES, 30), capSeconds);
}

/**
 * Fixed-window counter: counts one attempt on `key` and returns how many its window holds now
 * and the seconds until the window turns.
 */
export async function countInWindow(
  db: Db,
  key: string,
  windowMinutes: number,
): Promise<{ count: number; resetInSeconds: number }> {
  const rows = await db.execute<{ count: number; reset_in: number }>(sql`
    insert into login_attempts (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when login_attempts.window_start < now() - make_interval(mins => ${windowMinutes}::int)
                   then 1 else login_attempts.count + 1 end,
      window_start = case when login_attempts.window_start < now() - make_interval(mins => ${windowMinutes}::int)
                   then now() else login_attempts.window_start end
    returning count,
      ceil(extract(epoch from (window_start + make_interval(mins => ${windowMinutes}::int) - now())))::int as reset_in`);
  return { count: Number(rows[0]?.count ?? 0), resetInSeconds: Number(rows[0]?.reset_in ?? windowMinutes * 60) };
}

/** Fixed-window counter: returns false once `key` has used `max` attempts in the window. */
export async function consumeAttempt(db: Db, key: string, max: number, windowMinutes: number): Promise<boolean> {
  return (await countInWindow(db, key, windowMinutes)).count <= max;
}

export type SignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether this account may try from this address now (nothing is counted here). */
export async function checkSignInGate(
  db: Db,
  p: { email: string; ip: string | null; maxPerAccount: number; windowMinutes: number },
): Promise<SignInGate> {
  const capSeconds = delayCapSeconds(p.windowMinutes);
  const [row] = await db.execute<{
    pair_failures: number | null;
    pair_wait: number | null;
    account_failures: number | null;
    account_wait: number | null;
    known: boolean;
  }>(sql`
    select
      pair.count as pair_failures,
      extract(epoch from pair.window_start - now())::float8 as pair_wait,
      account.count as account_failures,
      extract(epoch from account.window_start + make_interval(mins => ${p.windowMinutes}::int) - now())::float8 as account_wait,
      exists (select 1 from login_attempts k where k.key = ${p.ip ? `known:${p.email}|${p.ip}` : null}
              and k.window_start > now() - make_interval(days => ${KNOWN_DAYS}::int)) as known
    from (select 1) one
    left join login_attempts pair on pair.key = ${pairKey(p.email, p.ip)}
    left join login_attempts account on account.key = ${`account:${p.email}`}`);
  // The pair row's window_start is its last failure; it waits the delay that failure earned.
  const pairWait = row?.pair_failures
    ? Number(row.pair_wait) + progressiveDelaySeconds(row.pair_failures, capSeconds)
    : 0;
  if (pairWait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(pairWait) };
  const accountWait = Number(row?.account_wait ?? 0);
  const locked = Number(row?.account_failures ?? 0) >= p.maxPerAccount && accountWait > 0;
  if (locked && !row?.known) return { allowed: false, retryAfterSeconds: Math.ceil(accountWait) };
  return { allowed: true };
}

/** All clients without a known address share one pair: they wait together. */
function pairKey(email: string, ip: string | null) {
  return `pair:${email}|${ip ?? 'unknown'}`;
}

/** A wrong password: one more failure for the account's window and for the pair's delay. */
export async function recordFailure(db: Db, p: { email: string; ip: string | null; windowMinutes: number }) {
  await consumeAttempt(db, `account:${p.email}`, Number.MAX_SAFE_INTEGER, p.windowMinutes);
  // A pair that has not failed for a whole window starts again from its free failures.
  await db.execute(sql`
    insert into login_attempts (key, window_start, count) values (${pairKey(p.email, p.ip)}, now(), 1)
    on conflict (key) do update set
      count = case when login_attempts.window_start < now() - make_interval(mins => ${p.windowMinutes}::int)
                   then 1 else login_attempts.count + 1 end,
      window_start = now()`);
}

/**
 * The right password: the account's and this pair's failures are forgiven; the address
 * becomes known (an unknown address never does: it would vouch for every such client).
 */
export async function recordSuccess(db: Db, p: { email: string; ip: string | null }) {
  await db.execute(sql`delete from login_attempts where key in (${`account:${p.email}`}, ${pairKey(p.email, p.ip)})`);
  if (!p.ip) return;
  await db.execute(sql`
    insert into login_attempts (key, window_start, count) values (${`known:${p.email}|${p.ip}`}, now(), 1)
    on conflict (key) do update set window_start = now(), count = login_attempts.count + 1`);
}

/**
 * Drops rows that no longer limit anything: counters and delays older than a window (a
 * capped delay never outlasts one), known addresses older than KNOWN_DAYS. Cheap enough to
 * run on every attempt; the table only holds recent rows.
 */
export async function pruneAttempts(db: Db, windowMinutes: number) {
  await db.execute(sql`
    delete from login_attempts
    where (key like 'known:%' and window_start < now() - make_interval(days => ${KNOWN_DAYS}::int))
       or (key not like 'known:%' and window_start < now() - make_interval(mins => ${windowMinutes}::int) - interval '1 minute')`);
}
