import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { auditLogs, routerSessions, routers, voucherBatches, vouchers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import type { JobContract } from '@/lib/jobs/contract';
import { enqueue } from '@/lib/jobs/enqueue';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { voucherDeliver, voucherSync } from '@/lib/vouchers/jobs';
import { generateVoucherBatchOp, getVoucherBatchOp } from '@/lib/vouchers/operations';
import { voucherCards } from '@/lib/vouchers/queries';
import { voucherTick } from '@/lib/vouchers/tick';
import { testDb, waitFor } from '../helpers';
import { ok, voucherRouterSuite } from '../support/vouchers';

const db = testDb();

const PROFILE_FORM = {
  name: 'Voucher 1 Hari',
  priceRupiah: 'Rp 5.000',
  costRupiah: '4.000',
  validityMinutes: '1440',
  timeQuotaMinutes: '180',
  dataQuotaMb: '1024',
  rateLimit: '2M/2M',
  sharedUsers: '2',
  routerProfile: '',
  radiusGroup: '',
};

/** An organization with a hotspot router (stand-in) and a one-day voucher profile. */
const { finished, world } = voucherRouterSuite(db, PROFILE_FORM);

const batchVouchers = (batchId: string) =>
  db.select().from(vouchers).where(eq(vouchers.batchId, batchId)).orderBy(vouchers.code);

async function runJob(
  ctx: Ctx,
  contract: JobContract<z.ZodType, 'router'>,
  payload: Record<string, unknown>,
  routerId: string,
) {
  const job = await enqueue(db, contract, { orgId: ctx.orgId, routerId, payload, maxAttempts: 1 });
  return finished(ctx, job.id);
}

describe('vouchers: generate a batch and deliver it to the router', () => {
  test('N unique codes with the profile settings end up as hotspot users, with progress', async () => {
    const w = await world('v-deliver');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '300',
        codeLength: '6',
        charset: 'upper_numeric',
        prefix: 'HS-',
        passwordMode: 'separate',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    assert.deepEqual([batch.count, batch.priceRupiah, batch.costRupiah, batch.status], [300, 5000, 4000, 'queued']);
    const rows = await batchVouchers(batch.id);
    assert.equal(rows.length, 300);
    assert.equal(new Set(rows.map((v) => v.code)).size, 300);
    for (const v of rows) {
      assert.match(v.code, /^HS-[2-9A-HJ-NP-Z]{6}$/);
      // The second half of the login is encrypted at rest, and is not the code.
      assert.ok(v.passwordEnc && !v.passwordEnc.includes(v.code));
      assert.match(decryptSecret(v.passwordEnc), /^[2-9A-HJ-NP-Z]{6}$/);
      assert.equal(v.status, 'unused');
    }
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'voucher_batch.generated')));
    assert.equal(audit!.entityId, batch.id);

    const job = await finished(w.ctx, batch.jobId!);
    assert.equal(job.state, 'done', job.error ?? '');
    assert.deepEqual([job.progressDone, job.progressTotal], [300, 300]);
    assert.deepEqual([job.result?.added, job.result?.existing, job.result?.failedCount], [300, 0, 0]);
    const users = w.server.list('/ip/hotspot/user');
    assert.equal(users.length, 300);
    const byName = new Map(users.map((u) => [u.name, u]));
    for (const v of rows) {
      const u = byName.get(v.code)!;
      assert.equal(u.password, decryptSecret(v.passwordEnc!));
      assert.deepEqual(
        [u.profile, u['limit-uptime'], u['limit-bytes-total'], u.comment],
        ['Voucher 1 Hari', '180m', String(1024 * 1024 * 1024), `jaring:${batch.id}`],
      );
    }
    // The hotspot user profile was made with the profile's speed and shared users.
    const profile = w.server.find('/ip/hotspot/user/profile', 'Voucher 1 Hari');
    assert.deepEqual([profile?.['rate-limit'], profile?.['shared-users']], ['2M/2M', '2']);
    assert.ok(w.server.stats.maxInFlight > 1, 'adds are pipelined');
    const detail = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
    assert.deepEqual(
      [detail.status, detail.deliveredCount, detail.jobState, detail.byStatus.unused],
      ['delivered', 300, 'done', 300],
    );

    // Printing reads the codes and passwords back in clear.
    const cards = await voucherCards(w.ctx.db, { orgId: w.ctx.orgId, batchId: batch.id });
    assert.equal(cards.cards.length, 300);
    assert.equal(cards.cards[0]!.password, byName.get(cards.cards[0]!.code)!.password);

    // Delivering again adds nothing: what is there (by the batch's comment) is skipped.
    const again = await runJob(w.ctx, voucherDeliver, { batchId: batch.id }, w.router.id);
    assert.deepEqual([again.state, again.result?.added, again.result?.existing], ['done', 0, 300]);
    assert.equal(w.server.list('/ip/hotspot/user').length, 300);
  });

  test('an unreachable router retries and shows why; a name taken by another user is reported, not counted', async () => {
    const w = await world('v-retry');
    await w.server.stop();
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '20',
        codeLength: '8',
        charset: 'lower_numeric',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    const waiting = await waitFor(async () => {
      const b = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
      return b.jobState === 'retrying' ? b : null;
    });
    assert.ok(waiting.jobError, 'the reason is shown');
    assert.equal(waiting.status, 'delivering');
    const [router] = await db.select().from(routers).where(eq(routers.id, w.router.id));
    assert.equal(router!.status, 'offline');

    // Meanwhile someone made a hotspot user with one of the codes by hand.
    const taken = (await batchVouchers(batch.id))[0]!.code;
    w.server.addHotspotUser({ name: taken, password: 'manual', comment: 'dibuat manual' });
    await w.server.start();
    const job = await finished(w.ctx, batch.jobId!, 40_000);
    assert.equal(job.state, 'done');
    assert.ok(job.attempts >= 2);
    assert.deepEqual([job.result?.added, job.result?.failedCount], [19, 1]);
    assert.deepEqual(job.result?.failed, [{ code: taken, error: 'name used by another hotspot user' }]);
    assert.equal(w.server.find('/ip/hotspot/user', taken)?.password, 'manual', 'the other user is left alone');
    const [row] = await db.select().from(voucherBatches).where(eq(voucherBatches.id, batch.id));
    assert.deepEqual([row!.status, row!.deliveredCount, row!.failedCount], ['partial', 19, 1]);
  });
});

describe('vouchers: a router that refuses the profile', () => {
  test("fails at once with the router's reason (retrying cannot help), and the batch shows it", async () => {
    const w = await world('v-refused');
    w.server.trapNext('/ip/hotspot/user/profile/add', 'invalid value for argument rate-limit');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '5',
        codeLength: '8',
        charset: 'numeric',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    const job = await finished(w.ctx, batch.jobId!);
    assert.deepEqual([job.state, job.attempts], ['failed', 1]);
    assert.match(job.error ?? '', /rate-limit/);
    const detail = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
    assert.deepEqual([detail.jobState, detail.deliveredCount], ['failed', 0]);
    assert.equal(w.server.list('/ip/hotspot/user').length, 0);
  });
});

describe('vouchers: status from the router', () => {
  test('uptime on the router makes a voucher active; its validity over, it is disabled there and kicked', async () => {
    const w = await world('v-status');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '5',
        codeLength: '8',
        charset: 'numeric',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    const [a, b, c] = (await batchVouchers(batch.id)).map((v) => v.code);
    w.server.update('/ip/hotspot/user', a!, { uptime: '10m', 'bytes-in': 1000, 'bytes-out': 2000 });
    // Data quota (1 GiB) spent: the router refuses it by itself; the status says so.
    w.server.update('/ip/hotspot/user', b!, { uptime: '1h', 'bytes-in': 2 ** 30, 'bytes-out': 5 });
    const sync = await runJob(w.ctx, voucherSync, { routerId: w.router.id }, w.router.id);
    assert.equal(sync.state, 'done', sync.error ?? '');
    const by = new Map((await batchVouchers(batch.id)).map((v) => [v.code, v]));
    const va = by.get(a!)!;
    assert.deepEqual([va.status, va.usedSeconds, va.usedBytes], ['active', 600, 3000]);
    const startedAgoMin = (Date.now() - va.firstLoginAt!.getTime()) / 60_000;
    assert.ok(startedAgoMin > 9.5 && startedAgoMin < 11, `first login ${startedAgoMin} min ago`);
    assert.equal(va.expiresAt!.getTime() - va.firstLoginAt!.getTime(), 1440 * 60_000);
    assert.ok(va.soldAt, 'an own voucher counts as sold at its first login');
    assert.equal(by.get(b!)!.status, 'used');
    assert.equal(by.get(c!)!.status, 'unused');

    // A day later (moved back in time here) the voucher is expired, disabled and kicked.
    w.server.connectHotspot(a!);
    await db.update(vouchers).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(vouchers.id, va.id));
    const expire = await runJob(w.ctx, voucherSync, { routerId: w.router.id }, w.router.id);
    assert.deepEqual([expire.result?.expired, expire.result?.kicked], [1, 1]);
    assert.equal((await db.select().from(vouchers).where(eq(vouchers.id, va.id)))[0]!.status, 'expired');
    assert.equal(w.server.find('/ip/hotspot/user', a!)?.disabled, 'true');
    assert.equal(w.server.list('/ip/hotspot/active').length, 0);
  });

  test('a voucher marked expired by a run that then lost the router is still disabled there by the retry', async () => {
    const w = await world('v-expired-retry');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '1',
        codeLength: '8',
        charset: 'numeric',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    const [v] = await batchVouchers(batch.id);
    // The earlier run's database update went through; its router call did not.
    await db
      .update(vouchers)
      .set({
        status: 'expired',
        firstLoginAt: sql`now() - interval '25 hours'`,
        expiresAt: sql`now() - interval '1 hour'`,
      })
      .where(eq(vouchers.id, v!.id));
    w.server.connectHotspot(v!.code);
    const retry = await runJob(w.ctx, voucherSync, { routerId: w.router.id }, w.router.id);
    assert.equal(retry.state, 'done', retry.error ?? '');
    assert.equal(w.server.find('/ip/hotspot/user', v!.code)?.disabled, 'true');
    assert.equal(w.server.list('/ip/hotspot/active').length, 0);
  });

  test('the network tick sees a first login in the monitored sessions and queues the router sync', async () => {
    const w = await world('v-tick');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '3',
        codeLength: '8',
        charset: 'numeric',
        delivery: 'router',
        routerId: w.router.id,
      }),
    );
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    const code = (await batchVouchers(batch.id))[0]!.code;
    await db.insert(routerSessions).values({
      organizationId: w.org.id,
      routerId: w.router.id,
      kind: 'hotspot',
      itemId: '*9',
      username: code,
      uptime: '3m20s',
    });
    await voucherTick(db);
    const [v] = await db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.organizationId, w.org.id), eq(vouchers.code, code)));
    assert.equal(v!.status, 'active');
    const ago = (Date.now() - v!.firstLoginAt!.getTime()) / 1000;
    assert.ok(ago >= 199 && ago < 230, `first login ${ago} s ago`);
    const queued = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from jobs where organization_id = ${w.org.id} and type = ${voucherSync.name}`,
    );
    assert.equal([...queued][0]!.n, 1);
    // A second tick right after queues nothing more.
    await voucherTick(db);
    const again = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from jobs where organization_id = ${w.org.id} and type = ${voucherSync.name}`,
    );
    assert.equal([...again][0]!.n, 1);
  });
});
