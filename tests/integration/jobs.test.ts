import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { z } from 'zod';
import { jobs } from '@/db/schema';
import { defineJob } from '@/lib/jobs/contract';
import { enqueue, enqueueFrom } from '@/lib/jobs/enqueue';
import { workerCheck } from '@/lib/jobs/jobs';
import { getJobOp, listJobsOp, retryJobOp, runWorkerCheckOp } from '@/lib/jobs/operations';
import { PLATFORM_JOB_TYPES } from '@/lib/jobs/platform-jobs';
import { getJob } from '@/lib/jobs/queries';
import { handle } from '@/lib/jobs/runtime';
import { executeOperation } from '@/lib/server/operation';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, testDb, waitFor } from '../helpers';

const db = testDb();
let runner: Runner;

// Jobs that exist only in this test, run by the same worker runner as production.
const alwaysFails = defineJob({ name: 'test-always-fails', payload: z.object({}), maxAttempts: 2 });
const strictPayload = defineJob({ name: 'test-strict-payload', payload: z.object({ count: z.number() }) });
const alwaysFailsHandler = handle(alwaysFails, async (_payload, job) => {
  await job.progress(1, 3);
  throw new Error('Router 10.0.0.1 tidak menjawab (timeout)');
});
const strictPayloadHandler = handle(strictPayload, async () => ({ fine: true }));

before(async () => {
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
    extraJobs: [alwaysFailsHandler, strictPayloadHandler],
    only: [workerCheck.name, alwaysFails.name, strictPayload.name],
    log: false,
    schedule: false,
  });
});
after(async () => {
  await runner.stop();
});

describe('jobs: web app -> queue -> worker -> jobs page', () => {
  test('a worker check queued from the web side runs and shows done with its result', async () => {
    const { org, admin } = await makeOrg(db, 'jobs');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const queued = await executeOperation(runWorkerCheckOp, ctx, {});
    assert.ok(queued.ok);
    const done = await waitFor(async () => {
      const r = await executeOperation(getJobOp, ctx, { jobId: queued.data.jobId });
      return r.ok && r.data.state === 'done' ? r.data : null;
    });
    assert.equal(done.attempts, 1);
    assert.deepEqual([done.progressDone, done.progressTotal], [2, 2]);
    assert.match(String(done.result?.postgres), /^\d+/);
    assert.equal(done.result?.pid !== undefined, true);
    assert.equal(done.error, null);
    // The list the jobs page polls shows the same state.
    const list = await executeOperation(listJobsOp, ctx, {});
    assert.ok(list.ok);
    assert.equal(list.data.items.find((j) => j.id === queued.data.jobId)?.state, 'done');
  });

  test('a job that throws is retried, ends failed with its error kept, and can be retried by hand', async () => {
    const { org, admin } = await makeOrg(db, 'jobs-fail');
    const job = await enqueue(db, alwaysFails, { orgId: org.id, payload: {} });
    const retrying = await waitFor(async () => {
      const j = await getJob(db, { orgId: org.id, jobId: job.id });
      return j?.state === 'retrying' ? j : null;
    });
    assert.equal(retrying.attempts, 1);
    assert.match(retrying.error!, /tidak menjawab/);

    const failed = await waitFor(async () => {
      const j = await getJob(db, { orgId: org.id, jobId: job.id });
      return j?.state === 'failed' ? j : null;
    }, 30_000);
    assert.equal(failed.attempts, 2);
    assert.equal(failed.error, 'Router 10.0.0.1 tidak menjawab (timeout)');
    assert.ok(failed.finishedAt);
    assert.deepEqual([failed.progressDone, failed.progressTotal], [1, 3]);

    const ctx = ctxFor(db, org.id, admin.user.id, 'noc');
    const retried = await executeOperation(retryJobOp, ctx, { jobId: job.id });
    assert.ok(retried.ok);
    // It runs again from its first attempt.
    const again = await waitFor(async () => {
      const j = await getJob(db, { orgId: org.id, jobId: job.id });
      return j && j.state !== 'queued' ? j : null;
    });
    assert.equal(again.attempts, 1);

    const notFailed = await executeOperation(retryJobOp, ctx, { jobId: job.id });
    assert.deepEqual(notFailed, {
      ok: false,
      code: 'job_not_retryable',
      message: 'Hanya pekerjaan yang gagal yang bisa diulang.',
    });
  });

  test('a job with a bad payload fails at once instead of retrying', async () => {
    const { org } = await makeOrg(db, 'jobs-bad');
    // A payload its schema refuses (only a row written by hand, or by an older version, can be so).
    const job = await enqueue(db, strictPayload, {
      orgId: org.id,
      payload: { count: 'tiga' } as unknown as { count: number },
    });
    const failed = await waitFor(async () => {
      const j = await getJob(db, { orgId: org.id, jobId: job.id });
      return j?.state === 'failed' ? j : null;
    });
    assert.equal(failed.attempts, 1);
    assert.match(failed.error!, /Invalid payload/);
  });

  test('set-based enqueues run in batches; each job still ends with its own state', async () => {
    const { org } = await makeOrg(db, 'jobs-batch');
    const n = await enqueueFrom(
      db,
      workerCheck,
      sql`select ${org.id}::uuid as organization_id, jsonb_build_object('i', g) as payload from generate_series(1, 250) g`,
    );
    assert.equal(n, 250);
    await waitFor(async () => {
      const [row] = await db.execute<{ done: number }>(
        sql`select count(*)::int as done from jobs where organization_id = ${org.id} and state = 'done'`,
      );
      return row!.done === 250;
    }, 60_000);
    const failing = await enqueueFrom(
      db,
      alwaysFails,
      sql`select ${org.id}::uuid as organization_id, '{}'::jsonb as payload from generate_series(1, 3)`,
    );
    assert.equal(failing, 3);
    await waitFor(async () => {
      const [row] = await db.execute<{ failed: number }>(
        sql`select count(*)::int as failed from jobs where organization_id = ${org.id} and type = ${alwaysFails.name} and state = 'failed' and attempts = 2`,
      );
      return row!.failed === 3;
    }, 30_000);
  });

  test('a change that rolls back leaves no job behind', async () => {
    const { org } = await makeOrg(db, 'jobs-tx');
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueue(tx, workerCheck, { orgId: org.id, payload: {} });
        throw new Error('the change failed');
      }),
    );
    assert.equal((await db.select().from(jobs).where(eq(jobs.organizationId, org.id))).length, 0);
    const [queued] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker.jobs where key not in (select id::text from jobs)`,
    );
    assert.equal(queued?.n, 0);
  });

  test("the platform's jobs filed under an organization are not its staff's to list or retry", async () => {
    const { org, admin } = await makeOrg(db, 'jobs-platform');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const rows = await db
      .insert(jobs)
      .values(
        [...PLATFORM_JOB_TYPES, workerCheck.name].map((type) => ({
          organizationId: org.id,
          type,
          state: 'failed' as const,
          error: 'x',
        })),
      )
      .returning();
    const listed = await executeOperation(listJobsOp, ctx, {});
    assert.ok(listed.ok);
    assert.deepEqual(
      listed.data.items.map((j) => j.type),
      [workerCheck.name],
    );
    for (const row of rows.filter((r) => r.type !== workerCheck.name)) {
      const r = await executeOperation(retryJobOp, ctx, { jobId: row.id });
      assert.equal(!r.ok && r.code, 'not_found', row.type);
      const [still] = await db.select().from(jobs).where(eq(jobs.id, row.id));
      assert.equal(still?.state, 'failed');
    }
  });
});
