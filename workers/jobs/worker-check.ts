import os from 'node:os';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/runtime';

/** Proves the worker is alive and reaches the database; the answer is shown on the jobs page. */
export const workerCheck = defineJob({
  name: 'worker-check',
  payload: z.object({}).passthrough(),
  async handler(ctx) {
    await ctx.progress(0, 2);
    const [row] = await ctx.db.execute<{ now: string; version: string }>(
      sql`select now()::text as now, current_setting('server_version') as version`,
    );
    await ctx.progress(1, 2);
    return {
      host: os.hostname(),
      pid: process.pid,
      node: process.version,
      postgres: row?.version ?? null,
      databaseTime: row?.now ?? null,
    };
  },
});
