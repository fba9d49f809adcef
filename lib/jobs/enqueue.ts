import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs } from '@/db/schema';

export const DEFAULT_MAX_ATTEMPTS = 5;
/**
 * Jobs that talk to a device wait out an outage instead of failing: graphile-worker's backoff
 * (e^attempt seconds, capped at ~6 h) over 20 attempts spans about three days.
 */
export const DEVICE_MAX_ATTEMPTS = 20;

/**
 * Records a job for the jobs page and hands it to graphile-worker in the same transaction
 * as the caller's change: a rolled-back change leaves no job behind. The worker's payload
 * is only the job id; the organization and the real payload are read from our row.
 */
export async function enqueueJob(
  db: Db,
  p: {
    orgId: string;
    type: string;
    payload?: Record<string, unknown>;
    createdBy?: string | null;
    maxAttempts?: number;
    /** Jobs sharing a queue run one at a time, in order (e.g. one router's changes). */
    queueName?: string | null;
  },
) {
  const maxAttempts = p.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const [job] = await db
    .insert(jobs)
    .values({
      organizationId: p.orgId,
      type: p.type,
      payload: p.payload ?? {},
      maxAttempts,
      createdBy: p.createdBy ?? null,
      queueName: p.queueName ?? null,
    })
    .returning();
  await addWorkerJob(db, job!.id, p.type, maxAttempts, p.queueName ?? null);
  return job!;
}

export async function addWorkerJob(db: Db, jobId: string, type: string, maxAttempts: number, queueName: string | null = null) {
  await db.execute(
    sql`select graphile_worker.add_job(${type}, ${JSON.stringify({ jobId })}::json, queue_name => ${queueName}::text, max_attempts => ${maxAttempts}::int, job_key => ${jobId}::text)`,
  );
}

/**
 * Set-based enqueue: `source` selects rows of (organization_id, type, payload jsonb,
 * queue_name text or null); each becomes a jobs row (what the jobs page shows), and
 * graphile-worker gets one job per batch of BATCH rows of the same organization, type and
 * queue, all in the same statement.
 */
const BATCH = 200;

export async function enqueueJobsFrom(db: Db, source: SQL, maxAttempts = DEFAULT_MAX_ATTEMPTS): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    with src as (${source}),
    ins as (
      insert into jobs (organization_id, type, payload, max_attempts, queue_name)
      select organization_id, type, payload, ${maxAttempts}::int, queue_name from src
      returning id, organization_id, type, max_attempts, queue_name
    ),
    numbered as (
      select id, organization_id, type, max_attempts, queue_name,
        (row_number() over (partition by organization_id, type, queue_name order by id) - 1) / ${BATCH}::int as chunk
      from ins
    ),
    batches as (
      select type, queue_name, max(max_attempts) as max_attempts, json_build_object('jobIds', json_agg(id)) as payload
      from numbered group by organization_id, type, queue_name, chunk
    ),
    added as (
      select 1 from graphile_worker.add_jobs(
        (select coalesce(array_agg(row(type, payload, queue_name, null, max_attempts, null, null, null)::graphile_worker.job_spec), '{}') from batches)
      )
    )
    select (select count(*)::int from ins) as n, (select count(*) from added) as batches`);
  return Number(row?.n ?? 0);
}
