import { eq, sql } from 'drizzle-orm';
import type { JobHelpers, Task } from 'graphile-worker';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { jobs } from '@/db/schema';

export type JobContext = {
  db: Database;
  /** The organization the job belongs to: handlers must scope every lookup by it. */
  orgId: string;
  jobId: string;
  progress: (done: number, total: number) => Promise<void>;
};

export type JobDefinition<S extends z.ZodType> = {
  name: string;
  payload: S;
  handler: (ctx: JobContext, payload: z.output<S>) => Promise<Record<string, unknown> | void>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>) {
  return def;
}

/** A failure that retrying cannot fix (e.g. the router refused the command itself). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

// One graphile-worker job carries one of our jobs, or a batch of them (set-based enqueues).
const workerPayload = z.union([z.object({ jobId: z.string().uuid() }), z.object({ jobIds: z.array(z.string().uuid()).min(1) })]);

/**
 * Wraps a job definition as a graphile-worker task that keeps our `jobs` rows current:
 * running -> done, or retrying -> failed once graphile-worker's attempts are used up.
 * A batch runs its jobs one by one; if any throws, the batch is retried and the jobs already
 * done are skipped.
 */
export function toTask(def: JobDefinition<z.ZodType>, db: Database): Task {
  return async (raw, helpers: JobHelpers) => {
    const parsedRef = workerPayload.safeParse(raw);
    if (!parsedRef.success) {
      helpers.logger.error(`Job ${def.name} has no valid job id; dropped: ${JSON.stringify(raw)}`);
      return;
    }
    const batch = 'jobIds' in parsedRef.data;
    const ids = 'jobIds' in parsedRef.data ? parsedRef.data.jobIds : [parsedRef.data.jobId];
    let firstError: unknown = null;
    for (const jobId of ids) {
      try {
        await runOne(def, db, helpers, jobId, { skipDone: batch });
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError) throw firstError;
  };
}

async function runOne(def: JobDefinition<z.ZodType>, db: Database, helpers: JobHelpers, jobId: string, opts: { skipDone: boolean }) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) {
    helpers.logger.error(`Job ${jobId} (${def.name}) has no record; dropped`);
    return;
  }
  if (opts.skipDone && (job.state === 'done' || job.state === 'failed')) return;
  const attempt = helpers.job.attempts;
  const finalAttempt = attempt >= helpers.job.max_attempts;
  await db
    .update(jobs)
    .set({ state: 'running', attempts: attempt, startedAt: sql`coalesce(${jobs.startedAt}, now())`, updatedAt: sql`now()` })
    .where(eq(jobs.id, jobId));

  const payload = def.payload.safeParse(job.payload);
  if (!payload.success || job.type !== def.name) {
    // A bad payload will not get better by retrying: fail it now and keep the reason.
    await finish(db, jobId, 'failed', { error: `Invalid payload: ${payload.error?.message ?? `type ${job.type}`}` });
    return;
  }
  const ctx: JobContext = {
    db,
    orgId: job.organizationId,
    jobId,
    progress: async (done, total) => {
      await db.update(jobs).set({ progressDone: done, progressTotal: total, updatedAt: sql`now()` }).where(eq(jobs.id, jobId));
    },
  };
  try {
    const result = await def.handler(ctx, payload.data);
    await finish(db, jobId, 'done', { result: result ?? {} });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof PermanentJobError) {
      await finish(db, jobId, 'failed', { error: message });
      return;
    }
    await finish(db, jobId, finalAttempt ? 'failed' : 'retrying', { error: message });
    throw error;
  }
}

async function finish(
  db: Database,
  jobId: string,
  state: 'done' | 'failed' | 'retrying',
  p: { result?: Record<string, unknown>; error?: string },
) {
  await db
    .update(jobs)
    .set({
      state,
      result: p.result ?? null,
      error: p.error ?? null,
      finishedAt: state === 'retrying' ? null : sql`now()`,
      progressDone: state === 'done' ? sql`greatest(${jobs.progressDone}, ${jobs.progressTotal})` : jobs.progressDone,
      updatedAt: sql`now()`,
    })
    .where(eq(jobs.id, jobId));
}
