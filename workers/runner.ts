import { Logger, parseCronItems, run, type Runner, type TaskList } from 'graphile-worker';
import type { z } from 'zod';
import type { Database } from '@/db/client';
import { toTask, type JobDefinition } from '@/lib/jobs/runtime';
import { billingTick } from './billing-tick';
import { JOBS } from './jobs';

export type WorkerOptions = {
  connectionString: string;
  db: Database;
  concurrency?: number;
  /** Tests add jobs of their own (e.g. one that always throws) next to the real ones. */
  extraJobs?: JobDefinition<z.ZodType>[];
  handleSignals?: boolean;
  /** false silences the per-job log lines (tests that fail jobs on purpose). */
  log?: boolean;
  /** The scheduled billing/isolation tick; tests run those passes by hand instead. */
  schedule?: boolean;
};

export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const taskList: TaskList = {};
  for (const def of [...JOBS, ...(options.extraJobs ?? [])]) taskList[def.name] = toTask(def, options.db);
  taskList['billing-tick'] = billingTick(options.db);
  const schedule = options.schedule ?? true;
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: !options.handleSignals,
    pollInterval: 2000,
    parsedCronItems: schedule ? parseCronItems([{ task: 'billing-tick', match: '*/15 * * * *', options: { backfillPeriod: 0 } }]) : [],
    taskList,
    logger: new Logger(() => (level, message) => {
      if (level !== 'debug' && options.log !== false) console.log(`[worker] ${level}: ${message}`);
    }),
  });
}
