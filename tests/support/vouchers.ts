import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import type { Database } from '@/db/client';
import { jobs, voucherBatches, voucherProfiles, vouchers } from '@/db/schema';
import { JOB_TYPES } from '@/lib/job-contracts';
import { getJob } from '@/lib/jobs/queries';
import { type Ctx, executeOperation, type Operation, type Result } from '@/lib/server/operation';
import { generateBatch } from '@/lib/vouchers/batches';
import * as voucherOps from '@/lib/vouchers/operations';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import { voucherProfileSchema } from '@/lib/vouchers/schemas';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, makeRouter, waitFor } from '../helpers';
import { type RouterOsServer, startRouterOsServer } from './routeros-server';

/** The voucher part of the tenant-isolation and permission-matrix tests (kept here, small). */
export const VOUCHER_PROFILE_FORM = {
  name: 'Voucher 1 Hari',
  priceRupiah: '5000',
  costRupiah: '4000',
  validityMinutes: '1440',
  timeQuotaMinutes: '',
  dataQuotaMb: '',
  rateLimit: '2M/2M',
  sharedUsers: '1',
  routerProfile: '',
  radiusGroup: '',
};

/** The data of a successful operation; a failed one fails the test with its whole result. */
export async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${JSON.stringify(r)}`);
  return r.data;
}

/** What a voucher suite's worker runs: the vouchers' jobs and the router's. */
const VOUCHER_SUITE_JOBS = JOB_TYPES.filter(
  (name) => /^(voucher|router|subscription|session)-/.test(name) && name !== 'router-config-backup',
);

/**
 * The set-up of the voucher tests that deliver to a router: a worker for the suite (started
 * in `before`, stopped with the router pool and the stand-ins in `after`), `finished` to wait
 * for a job, and `world`: an organization with a hotspot router (stand-in) and a voucher profile.
 */
export function voucherRouterSuite(db: Database, profileForm: Record<string, string> = VOUCHER_PROFILE_FORM) {
  let runner: Runner;
  const servers: RouterOsServer[] = [];

  before(async () => {
    runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      db,
      concurrency: 4,
      // The router's jobs only: files running beside these queue OLT, ACS and backup jobs whose
      // dead stand-ins take their timeouts, and taken here they held up the voucher jobs.
      only: VOUCHER_SUITE_JOBS,
      log: false,
      schedule: false,
      networkSchedule: false,
    });
  });
  after(async () => {
    await runner.stop();
    await closeRouterPool();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function finished(ctx: Ctx, jobId: string, timeoutMs = 30_000) {
    return waitFor(async () => {
      const job = await getJob(db, { orgId: ctx.orgId, jobId });
      return job && (job.state === 'done' || job.state === 'failed') ? job : null;
    }, timeoutMs);
  }

  async function world(label: string) {
    const { org, admin } = await makeOrg(db, label);
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const server = await startRouterOsServer();
    servers.push(server);
    const router = await makeRouter(db, org.id, server);
    const profile = await ok(executeOperation(voucherOps.saveVoucherProfileOp, ctx, profileForm));
    return { org, admin, ctx, server, router, profile };
  }

  return { finished, world };
}

/** A profile and a delivered-later batch (RADIUS: no router needed) in an organization. */
export async function makeVoucherBatch(
  db: Database,
  orgId: string,
  actorUserId: string,
  name = `Voucher ${randomUUID().slice(0, 6)}`,
) {
  const actor = { orgId, actorUserId, ip: null };
  const profile = await saveVoucherProfile(db, {
    ...actor,
    input: voucherProfileSchema.parse({ ...VOUCHER_PROFILE_FORM, name }),
  });
  const batch = await generateBatch(db, {
    ...actor,
    input: {
      profileId: profile.id,
      count: 5,
      codeLength: 8,
      charset: 'numeric',
      prefix: '',
      passwordMode: 'separate',
      delivery: 'radius',
      routerId: null,
      resellerUserId: null,
    },
  });
  const rows = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id));
  return { profile, batch, codes: rows.map((v) => v.code) };
}

/** A batch whose delivery job gave up (as if the router had refused it). */
export async function failedBatch(db: Database, orgId: string, actorUserId: string) {
  const { batch } = await makeVoucherBatch(db, orgId, actorUserId);
  // Its queued delivery goes too: a worker of another test file would otherwise take it and
  // mark the job running again.
  await db.execute(sql`select graphile_worker.remove_job(${batch.jobId!}::text)`);
  await db
    .update(jobs)
    .set({ state: 'failed', error: 'Router refused: invalid value' })
    .where(eq(jobs.id, batch.jobId!));
  return batch;
}

/** Inputs every role's run of the permission matrix uses (each must succeed for an allowed role). */
export async function voucherMatrixInputs(
  db: Database,
  orgId: string,
  actorUserId: string,
  routerId: string,
): Promise<Record<string, unknown>> {
  const { profile, batch } = await makeVoucherBatch(db, orgId, actorUserId);
  const spare = await makeVoucherBatch(db, orgId, actorUserId);
  const u = randomUUID().slice(0, 8);
  return {
    'vouchers.listProfiles': {},
    'vouchers.saveProfile': { ...VOUCHER_PROFILE_FORM, name: `Voucher ${u}` },
    'vouchers.setProfileActive': { profileId: spare.profile.id, active: false },
    'vouchers.generate': {
      profileId: profile.id,
      count: '10',
      codeLength: '8',
      charset: 'numeric',
      delivery: 'router',
      routerId,
    },
    'vouchers.generateChoices': {},
    'vouchers.listBatches': {},
    'vouchers.getBatch': { batchId: batch.id },
    'vouchers.list': { batchId: batch.id },
    'vouchers.sales': { from: '2026-01-01', to: '2026-12-31' },
    'vouchers.salesReport': { from: '2026-01-01', to: '2026-12-31' },
    'vouchers.disable': { batchId: spare.batch.id },
    'vouchers.retryDelivery': { batchId: (await failedBatch(db, orgId, actorUserId)).id },
    'vouchers.print': { batchId: batch.id, perPage: '20' },
  };
}

type Run = <T>(op: Operation<never, T>, input: unknown) => Promise<Result<T>>;
type Sides = {
  db: Database;
  run: Run;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string; routerId: string };
};

const notFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not_found');
};

/** Organization A, an admin, tries every voucher operation on organization B's records. */
export function voucherIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bData: ReturnType<typeof makeVoucherBatch> | undefined;
  let aProfile: Promise<typeof voucherProfiles.$inferSelect> | undefined;
  const bWorld = () => (bData ??= makeVoucherBatch(sides().db, sides().b.orgId, sides().b.userId, 'Voucher B'));
  const aOwn = () =>
    (aProfile ??= makeVoucherBatch(sides().db, sides().a.orgId, sides().a.userId, 'Voucher A').then((w) => w.profile));
  const json = (v: unknown) => JSON.stringify(v);
  const op = <K extends keyof typeof voucherOps>(k: K) => voucherOps[k] as unknown as Operation<never, unknown>;
  return {
    'vouchers.listProfiles': async () => {
      const { profile } = await bWorld();
      const r = await sides().run(op('listVoucherProfilesOp'), { includeInactive: true });
      assert.ok(r.ok && !json(r.data).includes(profile.id));
    },
    'vouchers.saveProfile': async () => {
      const { profile } = await bWorld();
      notFound(
        await sides().run(op('saveVoucherProfileOp'), {
          ...VOUCHER_PROFILE_FORM,
          name: 'Dibajak',
          profileId: profile.id,
        }),
      );
      const [p] = await sides().db.select().from(voucherProfiles).where(eq(voucherProfiles.id, profile.id));
      assert.equal(p!.name, 'Voucher B');
    },
    'vouchers.setProfileActive': async () => {
      const { profile } = await bWorld();
      notFound(await sides().run(op('setVoucherProfileActiveOp'), { profileId: profile.id, active: false }));
      const [p] = await sides().db.select().from(voucherProfiles).where(eq(voucherProfiles.id, profile.id));
      assert.equal(p!.active, true);
    },
    'vouchers.generate': async () => {
      const { profile } = await bWorld();
      const base = { count: '5', codeLength: '8', charset: 'numeric', delivery: 'radius' };
      notFound(await sides().run(op('generateVoucherBatchOp'), { ...base, profileId: profile.id }));
      // A's own profile, B's router.
      notFound(
        await sides().run(op('generateVoucherBatchOp'), {
          ...base,
          profileId: (await aOwn()).id,
          delivery: 'router',
          routerId: sides().b.routerId,
        }),
      );
      const batches = await sides().db.select().from(voucherBatches).where(eq(voucherBatches.profileId, profile.id));
      assert.equal(batches.length, 1);
    },
    'vouchers.generateChoices': async () => {
      const { profile } = await bWorld();
      const r = await sides().run(op('generateChoicesOp'), {});
      assert.ok(r.ok);
      assert.ok(
        ![profile.id, sides().b.routerId].some((id) => json(r.data).includes(id)),
        "B's profiles and routers are not A's choices",
      );
    },
    'vouchers.listBatches': async () => {
      const { batch } = await bWorld();
      const r = await sides().run(op('listVoucherBatchesOp'), {});
      assert.ok(r.ok && !json(r.data).includes(batch.id));
    },
    'vouchers.getBatch': async () =>
      notFound(await sides().run(op('getVoucherBatchOp'), { batchId: (await bWorld()).batch.id })),
    'vouchers.list': async () => {
      const { batch, codes } = await bWorld();
      for (const input of [{}, { batchId: batch.id }, { q: codes[0] }]) {
        const r = await sides().run(op('listVouchersOp'), input);
        assert.ok(r.ok && !codes.some((c) => json(r.data).includes(c)));
      }
    },
    'vouchers.sales': async () => {
      const { batch } = await bWorld();
      await sides().db.update(vouchers).set({ soldAt: new Date() }).where(eq(vouchers.batchId, batch.id));
      const r = await sides().run(op('voucherSalesOp'), { from: '2020-01-01', to: '2099-12-31' });
      assert.ok(r.ok && !json(r.data).includes('Voucher B'));
      const report = await sides().run(op('voucherSalesReportOp'), { from: '2020-01-01', to: '2099-12-31' });
      assert.ok(report.ok && !json(report.data).includes('Voucher B'));
    },
    'vouchers.salesReport': async () => {
      await bWorld();
      const r = await sides().run(op('voucherSalesReportOp'), { from: '2020-01-01', to: '2099-12-31' });
      assert.ok(r.ok && !json(r.data).includes('Voucher B'));
    },
    'vouchers.disable': async () => {
      const { batch } = await bWorld();
      const [v] = await sides().db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(1);
      notFound(await sides().run(op('disableVouchersOp'), { batchId: batch.id }));
      notFound(await sides().run(op('disableVouchersOp'), { batchId: batch.id, voucherId: v!.id }));
      const rows = await sides().db.select().from(vouchers).where(eq(vouchers.batchId, batch.id));
      assert.ok(rows.every((r) => r.status !== 'disabled'));
    },
    'vouchers.retryDelivery': async () => {
      const batch = await failedBatch(sides().db, sides().b.orgId, sides().b.userId);
      notFound(await sides().run(op('retryVoucherDeliveryOp'), { batchId: batch.id }));
      const [job] = await sides().db.select().from(jobs).where(eq(jobs.id, batch.jobId!));
      assert.equal(job!.state, 'failed');
    },
    'vouchers.print': async () => {
      const { batch, codes } = await bWorld();
      const r = await sides().run(op('printVouchersOp'), { batchId: batch.id });
      notFound(r);
      assert.ok(!codes.some((c) => json(r).includes(c)));
    },
  };
}
