import { z } from 'zod';
import { JOB_STATES } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { defineOperation } from '@/lib/server/operation';
import { enqueue } from './enqueue';
import { workerCheck } from './jobs';
import { retryJob } from './mutations';
import { getJob, listJobs } from './queries';

export const listJobsOp = defineOperation({
  name: 'jobs.list',
  permission: 'jobs.view',
  input: z.object({
    state: z.enum(JOB_STATES).optional(),
    type: z.string().max(60).optional(),
    cursor: z.string().max(200).optional(),
  }),
  run: (ctx, input) => listJobs(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getJobOp = defineOperation({
  name: 'jobs.get',
  permission: 'jobs.view',
  input: z.object({ jobId: z.string().uuid('validation.invalid') }),
  run: async (ctx, input) => {
    const job = await getJob(ctx.db, { orgId: ctx.orgId, jobId: input.jobId });
    if (!job) throw new AppError('not_found');
    return job;
  },
});

export const retryJobOp = defineOperation({
  name: 'jobs.retry',
  permission: 'jobs.retry',
  input: z.object({ jobId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => retryJob(ctx.db, { ...ctx.actor, jobId: input.jobId }),
});

/** Asks the worker to prove it is alive: it answers with its host, versions and the DB clock. */
export const runWorkerCheckOp = defineOperation({
  name: 'jobs.workerCheck',
  permission: 'jobs.run',
  input: z.object({}),
  run: (ctx) =>
    ctx.db.transaction(async (tx) => {
      const job = await enqueue(tx, workerCheck, { orgId: ctx.orgId, payload: {}, createdBy: ctx.userId });
      await recordAudit(tx, {
        ...ctx.actor,
        action: 'job.created',
        entityType: 'job',
        entityId: job.id,
        data: { type: job.type },
      });
      return { jobId: job.id };
    }),
});
