import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * Fixed-window counter in Postgres, so the limit holds across restarts and several web
 * processes. Returns false once `key` has used `max` attempts in the current window.
 */
export async function consumeAttempt(db: Db, key: string, max: number, windowMinutes: number): Promise<boolean> {
  const rows = await db.execute<{ count: number }>(sql`
    insert into login_attempts (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when login_attempts.window_start < now() - make_interval(mins => ${windowMinutes}::int)
                   then 1 else login_attempts.count + 1 end,
      window_start = case when login_attempts.window_start < now() - make_interval(mins => ${windowMinutes}::int)
                   then now() else login_attempts.window_start end
    returning count`);
  return Number(rows[0]?.count ?? 0) <= max;
}

export async function clearAttempts(db: Db, key: string) {
  await db.execute(sql`delete from login_attempts where key = ${key}`);
}
