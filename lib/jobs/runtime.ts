import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { JobHelpers, Task } from 'graphile-worker';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { jobs } from '@/db/schema';
import { pipelined } from '@/lib/server/pipelined';
import type { JobContract, JobPayload, JobProgress } from './contract';
import { storedJobError } from './error-text';
import { PermanentJobError } from './errors';

export type JobContext = {
  db: Database;
  /** The organization the job belongs to: handlers must scope every lookup by it. */
  orgId: string;
  jobId: string;
  progress: JobProgress;
};

type JobResult = Record<string, unknown> | void;

/** What the worker runs for a contract: its handler, registered with `handle`. */
export type JobHandler = {
  contract: JobContract;
  run: (payload: unknown, job: JobContext) => Promise<JobResult>;
  /**
   * How many jobs of one batch may run at once (default 1). Device jobs wait on the network
   * more than on anything else; on one pooled connection their commands pipeline.
   */
  batchConcurrency?: number;
};

/**
 * The worker's handler for a contract: an adapter that loads, calls lib and returns the
 * result (shown on the jobs page). It gets the payload parsed by the contract's schema; a
 * payload that does not parse fails the job at once, without retries.
 */
export function handle<C extends JobContract>(
  contract: C,
  run: (payload: JobPayload<C>, job: JobContext) => Promise<JobResult>,
  options: { batchConcurrency?: number } = {},
): JobHandler {
  return { contract, run: run as JobHandler['run'], batchConcurrency: options.batchConcurrency };
}

// One graphile-worker job carries one of our jobs, or a batch of them (set-based enqueues).
const workerPayload = z.union([
  z.object({ jobId: z.string().uuid() }),
  z.object({ jobIds: z.array(z.string().uuid()).min(1) }),
]);

/**
 * Where jobs read and write. `bookkeeping` keeps the jobs page's rows (state, progress,
 * result): a pool whose commits do not wait for the WAL flush, because three flushed commits
 * per job would cost more than most jobs. A crash can lose only the last moments of these
 * rows; graphile-worker's own record (flushed) still re-runs an unfinished job, and handlers
 * are idempotent. Handlers get `db`, with normal durable commits.
 */
export type JobStores = { db: Database; bookkeeping: Database };

/**
 * Wraps a job's handler as a graphile-worker task that keeps our `jobs` rows current:
 * running -> done, or retrying -> failed once graphile-worker's attempts are used up.
 * A batch claims its jobs in one statement, runs them (up to `batchConcurrency` at once)
 * and writes their outcomes in groups; if any throws, the batch is retried and the jobs
 * already finished are skipped.
 */
export function toTask(handler: JobHandler, stores: JobStores): Task {
  const { name } = handler.contract;
  return async (raw, helpers: JobHelpers) => {
    const parsedRef = workerPayload.safeParse(raw);
    if (!parsedRef.success) {
      helpers.logger.error(`Job ${name} has no valid job id; dropped: ${JSON.stringify(raw)}`);
      return;
    }
    const batch = 'jobIds' in parsedRef.data;
    const ids = 'jobIds' in parsedRef.data ? parsedRef.data.jobIds : [parsedRef.data.jobId];
    const attempt = helpers.job.attempts;
    const claimed = await stores.bookkeeping
      .update(jobs)
      .set({
        state: 'running',
        attempts: attempt,
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        updatedAt: sql`now()`,
      })
      .where(and(inArray(jobs.id, ids), batch ? notInArray(jobs.state, ['done', 'failed']) : undefined))
      .returning();
    if (!batch && claimed.length === 0) helpers.logger.error(`Job ${ids[0]} (${name}) has no record; dropped`);
    const outcomes = new Outcomes(stores.bookkeeping);
    let firstError: unknown = null;
    try {
      // Every job runs even if one throws; the first error then retries the batch.
      await pipelined(
        claimed.map(
          (job) => () =>
            runOne(handler, stores, outcomes, job, attempt >= helpers.job.max_attempts).catch(
              (error: unknown) => void (firstError ??= error),
            ),
        ),
        handler.batchConcurrency ?? 1,
      );
    } finally {
      await outcomes.flush();
    }
    if (firstError) throw firstError;
  };
}

// Progress is written at most this often; the final figures are written with the result.
const PROGRESS_EVERY_MS = 500;

async function runOne(
  handler: JobHandler,
  stores: JobStores,
  outcomes: Outcomes,
  job: typeof jobs.$inferSelect,
  finalAttempt: boolean,
) {
  const payload = handler.contract.payload.safeParse(job.payload);
  if (!payload.success || job.type !== handler.contract.name) {
    // A bad payload will not get better by retrying: fail it now and keep the reason.
    await outcomes.add({
      id: job.id,
      state: 'failed',
      error: `Invalid payload: ${payload.error?.message ?? `type ${job.type}`}`,
    });
    return;
  }
  let progress: { done: number; total: number } | undefined;
  let written = Date.now();
  const ctx: JobContext = {
    db: stores.db,
    orgId: job.organizationId,
    jobId: job.id,
    progress: async (done, total) => {
      progress = { done, total };
      if (Date.now() - written < PROGRESS_EVERY_MS) return;
      written = Date.now();
      await stores.bookkeeping
        .update(jobs)
        .set({ progressDone: done, progressTotal: total, updatedAt: sql`now()` })
        .where(eq(jobs.id, job.id));
    },
  };
  try {
    const result = await handler.run(payload.data, ctx);
    await outcomes.add({ id: job.id, state: 'done', result: result ?? {}, progress });
  } catch (error) {
    const message = storedJobError(error);
    if (error instanceof PermanentJobError) {
      await outcomes.add({ id: job.id, state: 'failed', error: message, progress });
      return;
    }
    await outcomes.add({ id: job.id, state: finalAttempt ? 'failed' : 'retrying', error: message, progress });
    throw error;
  }
}

type Outcome = {
  id: string;
  state: 'done' | 'failed' | 'retrying';
  result?: Record<string, unknown>;
  error?: string;
  progress?: { done: number; total: number };
};

/**
 * Outcomes of a batch's jobs, written in groups (one UPDATE per group) rather than one
 * statement per job; whatever is left is written before the task returns or throws.
 */
class Outcomes {
  private pending: Outcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  constructor(private readonly db: Database) {}

  async add(outcome: Outcome) {
    this.pending.push(outcome);
    if (this.pending.length >= 100) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush().catch(() => {}), 100);
  }

  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending.splice(0);
    if (rows.length > 0) {
      const values = rows.map((o) => ({
        id: o.id,
        state: o.state,
        result: o.result ?? null,
        error: o.error ?? null,
        done: o.progress?.done ?? null,
        total: o.progress?.total ?? null,
      }));
      // Each group is written even if an earlier one failed; the failure still surfaces.
      this.writing = this.writing.then(
        () => writeOutcomes(this.db, values),
        (earlier: unknown) => writeOutcomes(this.db, values).then(() => Promise.reject(earlier)),
      );
    }
    await this.writing;
  }
}

async function writeOutcomes(db: Database, values: Record<string, unknown>[]) {
  await db.execute(sql`
    update jobs j set
      state = v.state,
      result = v.result,
      error = v.error,
      finished_at = case when v.state = 'retrying' then null else now() end,
      progress_total = coalesce(v.total, j.progress_total),
      progress_done = case when v.state = 'done' then greatest(coalesce(v.done, j.progress_done), coalesce(v.total, j.progress_total))
                      else coalesce(v.done, j.progress_done) end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, state text, result jsonb, error text, done int, total int)
    where j.id = v.id`);
}
