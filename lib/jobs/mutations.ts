import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { addWorkerJob } from './enqueue';
import { PLATFORM_JOB_TYPES } from './platform-jobs';

/** A failed job starts again from its first attempt, with the same payload. */
export async function retryJob(db: Db, p: { orgId: string; jobId: string; actorUserId: string; ip: string | null }) {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, p.jobId), eq(jobs.organizationId, p.orgId)))
      .for('update');
    if (!job || PLATFORM_JOB_TYPES.includes(job.type)) throw new AppError('not_found');
    if (job.state !== 'failed') throw new AppError('job_not_retryable');
    await tx
      .update(jobs)
      .set({
        state: 'queued',
        attempts: 0,
        error: null,
        result: null,
        progressDone: 0,
        startedAt: null,
        finishedAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, job.id));
    await addWorkerJob(tx, job.id, job.type, job.maxAttempts, job.queueName);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'job.retried',
      entityType: 'job',
      entityId: job.id,
      ip: p.ip,
      data: { type: job.type },
    });
  });
}
