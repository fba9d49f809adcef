import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type JobState, jobs, users } from '@/db/schema';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { PLATFORM_JOB_TYPES } from './platform-jobs';

const jobColumns = {
  id: jobs.id,
  type: jobs.type,
  state: jobs.state,
  progressDone: jobs.progressDone,
  progressTotal: jobs.progressTotal,
  result: jobs.result,
  error: jobs.error,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  createdAt: jobs.createdAt,
  startedAt: jobs.startedAt,
  finishedAt: jobs.finishedAt,
  createdByName: users.name,
};

export async function listJobs(
  db: Db,
  p: { orgId: string; state?: JobState; type?: string; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select(jobColumns)
    .from(jobs)
    .leftJoin(users, eq(users.id, jobs.createdBy))
    .where(
      and(
        eq(jobs.organizationId, p.orgId),
        notInArray(jobs.type, [...PLATFORM_JOB_TYPES]),
        p.state ? eq(jobs.state, p.state) : undefined,
        p.type ? eq(jobs.type, p.type) : undefined,
        afterCursor(jobs.createdAt, jobs.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export async function getJob(db: Db, p: { orgId: string; jobId: string }) {
  const [row] = await db
    .select({ ...jobColumns, payload: jobs.payload })
    .from(jobs)
    .leftJoin(users, eq(users.id, jobs.createdBy))
    .where(and(eq(jobs.id, p.jobId), eq(jobs.organizationId, p.orgId)));
  return row ?? null;
}
