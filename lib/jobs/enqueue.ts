import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs } from '@/db/schema';
import {
  DEFAULT_MAX_ATTEMPTS,
  type JobContract,
  type JobPayloadInput,
  OLT_QUEUE_PREFIX,
  oltQueue,
  ROUTER_QUEUE_PREFIX,
  routerQueue,
} from './contract';

type EnqueueInput<C extends JobContract> = {
  orgId: string;
  payload: JobPayloadInput<C>;
  createdBy?: string | null;
  /** Instead of the contract's attempts, for this one job (e.g. a test that must not retry). */
  maxAttempts?: number;
  /** Not before then (a step that waits for a device is queued again after a pause). */
  runAt?: Date;
} & (C['queue'] extends 'router'
  ? {
      /** The router whose queue the job waits in; null: the job has no router (no queue). */
      routerId: string | null;
      oltId?: never;
    }
  : C['queue'] extends 'olt'
    ? {
        /** The OLT whose queue the job waits in. */
        oltId: string;
        routerId?: never;
      }
    : { routerId?: never; oltId?: never });

/**
 * Records a job for the jobs page and hands it to graphile-worker in the same transaction
 * as the caller's change: a rolled-back change leaves no job behind. The worker's payload
 * is only the job id; the organization and the real payload are read from our row.
 * The queue and the attempts come from the contract: a router-queued job without a router
 * has no device outage to wait out and gets the default attempts.
 */
export async function enqueue<C extends JobContract>(db: Db, contract: C, p: EnqueueInput<C>) {
  const routerId = contract.queue === 'router' ? (p.routerId ?? null) : null;
  const queueName = routerId ? routerQueue(routerId) : contract.queue === 'olt' && p.oltId ? oltQueue(p.oltId) : null;
  const maxAttempts =
    p.maxAttempts ?? (contract.queue === 'router' && !routerId ? DEFAULT_MAX_ATTEMPTS : contract.maxAttempts);
  const [job] = await db
    .insert(jobs)
    .values({
      organizationId: p.orgId,
      type: contract.name,
      payload: p.payload as Record<string, unknown>,
      maxAttempts,
      createdBy: p.createdBy ?? null,
      queueName,
    })
    .returning();
  await addWorkerJob(db, job!.id, contract.name, maxAttempts, queueName, p.runAt);
  return job!;
}

export async function addWorkerJob(
  db: Db,
  jobId: string,
  type: string,
  maxAttempts: number,
  queueName: string | null = null,
  runAt?: Date,
) {
  await db.execute(
    sql`select graphile_worker.add_job(${type}, ${JSON.stringify({ jobId })}::json, queue_name => ${queueName}::text, run_at => ${runAt?.toISOString() ?? null}::timestamptz, max_attempts => ${maxAttempts}::int, job_key => ${jobId}::text)`,
  );
}

/**
 * Set-based enqueue of one contract's jobs: `source` selects rows of (organization_id,
 * payload jsonb) and, for a router-queued contract, router_id (null: no queue). Each row
 * becomes a jobs row (what the jobs page shows) with the contract's attempts (a row without
 * a router too, unlike `enqueue`: the isolation pass has always queued them so), and
 * graphile-worker gets one job per batch of BATCH rows of the same organization and queue,
 * all in the same statement.
 */
const BATCH = 200;

export async function enqueueFrom(
  db: Db,
  contract: JobContract,
  source: SQL,
  opts: { maxAttempts?: number; createdBy?: string | null } = {},
): Promise<number> {
  const queueName =
    contract.queue === 'router'
      ? sql`${ROUTER_QUEUE_PREFIX}::text || src.router_id`
      : contract.queue === 'olt'
        ? sql`${OLT_QUEUE_PREFIX}::text || src.olt_id`
        : sql`null::text`;
  const [row] = await db.execute<{ n: number }>(sql`
    with src as (${source}),
    ins as (
      insert into jobs (organization_id, type, payload, max_attempts, queue_name, created_by)
      select src.organization_id, ${contract.name}::text, src.payload, ${opts.maxAttempts ?? contract.maxAttempts}::int, ${queueName},
        ${opts.createdBy ?? null}::uuid from src
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
