import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { AppError } from '@/lib/server/errors';

/**
 * How many attempts `key` has used in its current fixed window (the counters of
 * lib/auth/rate-limit.ts consumeAttempt), without counting one: a lock is checked before the
 * attempt, and a refused attempt does not move the window.
 */
export async function attemptsUsed(db: Db, key: string, windowMinutes: number): Promise<number> {
  const rows = await db.execute<{ count: number }>(sql`
    select count from login_attempts
    where key = ${key} and window_start >= now() - make_interval(mins => ${windowMinutes}::int)`);
  return Number(rows[0]?.count ?? 0);
}

/**
 * A signed-in visitor's writes (reports, messages, requests): at most `max` an hour per
 * portal session and four times that per address (an IPv6 /64 counts as one).
 */
export async function limitPortalWrites(
  db: Db,
  ctx: { sessionId: string; ip: string | null },
  what: string,
  max: number,
) {
  const sessionOk = await consumeAttempt(db, `portal-${what}:${ctx.sessionId}`, max, 60);
  const ipOk = ctx.ip ? await consumeAttempt(db, `portal-${what}-ip:${limitKey(ctx.ip)}`, max * 4, 60) : true;
  if (!sessionOk || !ipOk) throw new AppError('portal_too_many');
}
