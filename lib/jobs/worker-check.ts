import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** The `worker-check` job's answer: which process ran it, and that it reaches the database. */
export async function workerReport(db: Db, progress: (done: number, total: number) => Promise<void>) {
  await progress(0, 2);
  const [row] = await db.execute<{ now: string; version: string }>(
    sql`select now()::text as now, current_setting('server_version') as version`,
  );
  await progress(1, 2);
  return {
    host: os.hostname(),
    pid: process.pid,
    node: process.version,
    postgres: row?.version ?? null,
    databaseTime: row?.now ?? null,
  };
}
