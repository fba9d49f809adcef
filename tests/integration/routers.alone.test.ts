import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { customers, jobs, routers, subscriptions } from '@/db/schema';
import { transitionSubscriptionOp, updateSubscriptionServiceOp } from '@/lib/customers/operations';
import { getJob } from '@/lib/jobs/queries';
import {
  checkRouterOp,
  confirmRouterImportOp,
  kickSessionOp,
  listSessionsOp,
  pushProfilesOp,
  routerImportPreviewOp,
  saveRouterOp,
  startRouterImportOp,
  syncRouterOp,
} from '@/lib/network/operations';
import type { SyncReport } from '@/lib/network/router-sync';
import { monitorRouters } from '@/lib/network/tick';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { closeRouterPool, routerAccess } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, makePlan, makeRouter, makeSubscriber, testDb, waitFor } from '../helpers';
import { type RouterOsOptions, type RouterOsServer, startRouterOsServer } from '../support/routeros-server';

const db = testDb();
let runner: Runner;
const servers: RouterOsServer[] = [];

before(async () => {
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 4,
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

async function standIn(opts: RouterOsOptions = {}) {
  const r = await startRouterOsServer(opts);
  servers.push(r);
  return r;
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${r.message}`);
  return r.data;
}

async function finished(ctx: Ctx, jobId: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const job = await getJob(db, { orgId: ctx.orgId, jobId });
    return job && (job.state === 'done' || job.state === 'failed') ? job : null;
  }, timeoutMs);
}

/** An organization with a PPPoE plan and a router (stand-in) it manages over the API. */
async function world(label: string, opts: RouterOsOptions = {}) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const plan = await makePlan(db, org.id, { name: 'Paket 20 Mbps', downloadKbps: 20480, uploadKbps: 10240 });
  const server = await standIn(opts);
  server.addProfile({ name: 'Paket 20 Mbps', 'rate-limit': '10240k/20480k' });
  server.addProfile({ name: 'isolir', 'rate-limit': '256k/256k', 'address-list': 'isolir' });
  const router = await makeRouter(db, org.id, server);
  return { org, ctx, plan, server, router };
}

describe('routers: test connection through the worker', () => {
  test('ok shows identity and version and stores status and sessions; a wrong password says so', async () => {
    const w = await world('rt-check', { identity: 'RB-Cibaduyut', version: '7.19.1' });
    w.server.addSecret({ name: 'budi01', password: 'x', profile: 'Paket 20 Mbps', service: 'pppoe' });
    w.server.connectSession('budi01', { address: '10.10.0.5', callerId: 'AA:BB:CC:00:00:01' });
    const { jobId } = await ok(executeOperation(checkRouterOp, w.ctx, { routerId: w.router.id }));
    const job = await finished(w.ctx, jobId);
    assert.equal(job.state, 'done');
    assert.equal(job.result?.ok, true);
    assert.equal(job.result?.identity, 'RB-Cibaduyut');
    assert.match(String(job.result?.version), /^7\.19/);
    assert.equal(job.result?.pppActive, 1);
    const [row] = await db.select().from(routers).where(eq(routers.id, w.router.id));
    assert.equal(row!.status, 'online');
    assert.equal(row!.lastSnapshot?.identity, 'RB-Cibaduyut');
    const sessions = await ok(executeOperation(listSessionsOp, w.ctx, { routerId: w.router.id }));
    assert.equal(sessions.total, 1);
    assert.equal(sessions.items[0]!.username, 'budi01');
    assert.equal(sessions.items[0]!.address, '10.10.0.5');

    // Kick it from the sessions page.
    const kick = await ok(executeOperation(kickSessionOp, w.ctx, { sessionId: sessions.items[0]!.id }));
    assert.equal((await finished(w.ctx, kick.jobId)).state, 'done');
    assert.equal(w.server.list('/ppp/active').length, 0);

    // The router password is encrypted at rest and the wrong one is named as such.
    assert.ok(!row!.passwordEnc.includes('secret'));
    await ok(executeOperation(saveRouterOp, w.ctx, { ...routerForm(row!), routerId: w.router.id, password: 'salah' }));
    const bad = await finished(
      w.ctx,
      (await ok(executeOperation(checkRouterOp, w.ctx, { routerId: w.router.id }))).jobId,
    );
    assert.equal(bad.result?.ok, false);
    assert.equal(bad.result?.errorKind, 'bad_login');
    const [after] = await db.select().from(routers).where(eq(routers.id, w.router.id));
    assert.equal(after!.status, 'offline');
    assert.equal(after!.lastErrorKind, 'bad_login');
  });

  test('RouterOS 7.18+: printing an empty list (!empty) does not crash the worker', async () => {
    const w = await world('rt-empty', { version: '7.19.1', emptyReply: true });
    for (let i = 0; i < 2; i++) {
      const job = await finished(
        w.ctx,
        (await ok(executeOperation(checkRouterOp, w.ctx, { routerId: w.router.id }))).jobId,
      );
      assert.equal(job.result?.ok, true);
      assert.equal(job.result?.pppActive, 0);
      assert.equal(job.result?.hotspotActive, 0);
    }
  });
});

function routerForm(r: typeof routers.$inferSelect) {
  return {
    name: r.name,
    host: r.host,
    port: r.port,
    tls: r.tls,
    username: r.username,
    area: r.area ?? '',
    mode: r.mode,
    isolirProfile: r.isolirProfile,
    isolirRateLimit: r.isolirRateLimit,
    isolirAddressList: r.isolirAddressList,
    syncIntervalMinutes: r.syncIntervalMinutes,
  };
}

describe('routers: import existing PPP secrets and hotspot users', () => {
  test('preview groups by profile and suggests plans; confirm creates customers once', async () => {
    const w = await world('rt-import');
    const hotspotPlan = await makePlan(db, w.org.id, { name: 'Voucher Harian', serviceType: 'hotspot' });
    w.server.addHotspotProfile({ name: 'Voucher Harian' });
    w.server.addSecret({
      name: 'andi',
      password: 'rahasia-andi',
      profile: 'Paket 20 Mbps',
      service: 'pppoe',
      comment: 'Andi Wijaya',
      'remote-address': '10.10.0.20',
      'caller-id': 'AA:BB:CC:00:00:20',
    });
    w.server.addSecret({ name: 'badu', password: 'b1', profile: 'Paket 20 Mbps', service: 'pppoe', disabled: true });
    w.server.addSecret({ name: 'cici', password: 'c1', profile: 'isolir', service: 'pppoe' });
    w.server.addSecret({ name: 'dedi', password: 'd1', profile: 'Lama 5M', service: 'pppoe' });
    w.server.addHotspotUser({ name: 'hs-eka', password: 'e1', profile: 'Voucher Harian' });
    await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: w.router.id, username: 'badu' });

    const start = await ok(executeOperation(startRouterImportOp, w.ctx, { routerId: w.router.id }));
    const job = await finished(w.ctx, start.jobId);
    assert.equal(job.state, 'done');
    assert.deepEqual([job.result?.pppoe, job.result?.hotspot], [4, 1]);
    const preview = await ok(
      executeOperation(routerImportPreviewOp, w.ctx, { importId: String(job.result?.importId) }),
    );
    assert.equal(preview.total, 5);
    assert.equal(preview.existing, 1);
    const byProfile = Object.fromEntries(preview.profiles.map((p) => [`${p.kind}:${p.profile}`, p]));
    assert.equal(byProfile['pppoe:Paket 20 Mbps']!.suggestedPlanId, w.plan.id);
    assert.equal(byProfile['pppoe:Paket 20 Mbps']!.count, 1);
    assert.equal(byProfile['pppoe:isolir']!.isolir, true);
    assert.equal(byProfile['pppoe:Lama 5M']!.suggestedPlanId, null);
    assert.equal(byProfile['hotspot:Voucher Harian']!.suggestedPlanId, hotspotPlan.id);
    assert.ok(!JSON.stringify(preview).includes('rahasia-andi'), 'no password in the preview');

    const mapping = {
      'pppoe:Paket 20 Mbps': w.plan.id,
      'pppoe:isolir': w.plan.id,
      'pppoe:Lama 5M': '',
      'hotspot:Voucher Harian': hotspotPlan.id,
    };
    const done = await ok(
      executeOperation(confirmRouterImportOp, w.ctx, { importId: preview.id, billingType: 'postpaid', mapping }),
    );
    assert.deepEqual(done, { imported: 3, skipped: 2 });
    const subs = await db
      .select({
        username: subscriptions.serviceUsername,
        status: subscriptions.status,
        routerId: subscriptions.routerId,
        remote: subscriptions.remoteAddress,
        callerId: subscriptions.callerId,
        name: customers.name,
      })
      .from(subscriptions)
      .innerJoin(customers, eq(customers.id, subscriptions.customerId))
      .where(
        and(
          eq(subscriptions.organizationId, w.org.id),
          inArray(subscriptions.serviceUsername, ['andi', 'cici', 'dedi', 'hs-eka']),
        ),
      );
    const by = Object.fromEntries(subs.map((s) => [s.username, s]));
    assert.equal(by.andi?.status, 'active');
    assert.equal(by.andi?.name, 'Andi Wijaya');
    assert.equal(by.andi?.remote, '10.10.0.20');
    assert.equal(by.andi?.callerId, 'AA:BB:CC:00:00:20');
    assert.equal(by.andi?.routerId, w.router.id);
    assert.equal(by.cici?.status, 'isolated');
    assert.equal(by['hs-eka']?.status, 'active');
    assert.equal(by.dedi, undefined, 'an unmapped profile is skipped');
    const again = await executeOperation(confirmRouterImportOp, w.ctx, {
      importId: preview.id,
      billingType: 'postpaid',
      mapping,
    });
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.code, 'import_done');
    // Imported entries were kept as they are (passwords included): a sync changes only the
    // customer who already existed, whose database record wins.
    const sync = await finished(
      w.ctx,
      (await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: false }))).jobId,
    );
    const report = sync.result as unknown as SyncReport;
    assert.deepEqual(
      report.changed.map((c) => c.name),
      ['badu'],
    );
    assert.deepEqual(
      report.extra.map((c) => c.name),
      ['dedi'],
    );
  });
});

describe('routers: an API user that may not read passwords', () => {
  test('import refuses entries without a password; sync never blanks a password it cannot see', async () => {
    const w = await world('rt-nosensitive', { sensitive: false });
    w.server.addSecret({ name: 'tanpa', password: 'rahasia-router', profile: 'Paket 20 Mbps', service: 'pppoe' });
    const job = await finished(
      w.ctx,
      (await ok(executeOperation(startRouterImportOp, w.ctx, { routerId: w.router.id }))).jobId,
    );
    const preview = await ok(
      executeOperation(routerImportPreviewOp, w.ctx, { importId: String(job.result?.importId) }),
    );
    assert.equal(preview.withoutPassword, 1);
    const done = await ok(
      executeOperation(confirmRouterImportOp, w.ctx, {
        importId: preview.id,
        billingType: 'postpaid',
        mapping: { 'pppoe:Paket 20 Mbps': w.plan.id },
      }),
    );
    assert.equal(done.imported, 0);

    await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'tanpa',
      password: 'rahasia-db',
    });
    const sync = await finished(
      w.ctx,
      (await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: false }))).jobId,
    );
    assert.equal((sync.result as unknown as SyncReport).counts.changed, 0);
    assert.equal(w.server.find('/ppp/secret', 'tanpa')!.password, 'rahasia-router');
  });
});

describe('routers: reconcile (the database is the source of truth)', () => {
  test('each kind of difference is found, fixed and reported; extra entries only reported unless asked', async () => {
    const w = await world('rt-sync');
    const mk = (
      username: string,
      over: Parameters<typeof makeSubscriber>[2] extends infer P ? Partial<P> : never = {},
    ) =>
      makeSubscriber(db, w.org.id, {
        planId: w.plan.id,
        routerId: w.router.id,
        username,
        password: `pw-${username}`,
        ...over,
      });
    const secret = (name: string, over: Record<string, string> = {}) =>
      w.server.addSecret({ name, password: `pw-${name}`, profile: 'Paket 20 Mbps', service: 'pppoe', ...over });
    await mk('same');
    secret('same');
    await mk('pass');
    secret('pass', { password: 'old' });
    await mk('prof');
    secret('prof', { profile: 'default' });
    await mk('dis');
    secret('dis', { disabled: 'true' });
    await mk('addr', { remoteAddress: '10.10.0.7' });
    secret('addr', { 'remote-address': '10.10.0.99' });
    await mk('mac', { callerId: 'AA:BB:CC:DD:EE:01' });
    secret('mac');
    await mk('iso', { status: 'isolated' });
    secret('iso');
    await mk('gone', { status: 'terminated' });
    secret('gone');
    await mk('new');
    await mk('pend', { status: 'pending' });
    secret('pend');
    secret('stranger', { comment: 'nobody knows' });
    for (const online of ['same', 'iso', 'gone', 'dis']) w.server.connectSession(online);
    w.server.resetStats();

    const first = await finished(
      w.ctx,
      (await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: false }))).jobId,
    );
    assert.equal(first.state, 'done', String(first.error));
    const report = first.result as unknown as SyncReport;
    assert.deepEqual(report.counts, { added: 1, changed: 6, removed: 1, extra: 1, unchanged: 1, failed: 0 });
    const changes = Object.fromEntries(
      report.changed.map((c) => [c.name, c.changes.map((x) => `${x.field}:${x.from}->${x.to}`)]),
    );
    assert.deepEqual(changes.pass, ['password:••••->••••']);
    assert.deepEqual(changes.prof, ['profile:default->Paket 20 Mbps']);
    assert.deepEqual(changes.dis, ['disabled:true->false']);
    assert.deepEqual(changes.addr, ['remoteAddress:10.10.0.99->10.10.0.7']);
    assert.deepEqual(changes.mac, ['callerId:null->AA:BB:CC:DD:EE:01']);
    assert.deepEqual(changes.iso, ['profile:Paket 20 Mbps->isolir']);
    assert.deepEqual(
      report.added.map((a) => a.name),
      ['new'],
    );
    assert.deepEqual(report.removed, [{ kind: 'pppoe', name: 'gone', reason: 'terminated' }]);
    assert.equal(report.extra[0]!.name, 'stranger');
    assert.ok(!JSON.stringify(report).includes('pw-'), 'no password in the report');
    // The router now holds exactly what the database says, read in one print per menu.
    assert.equal(w.server.stats.byCommand['/ppp/secret/print'], 1);
    assert.equal(w.server.stats.logins <= 1, true);
    const s = (name: string) => w.server.find('/ppp/secret', name)!;
    assert.equal(s('pass').password, 'pw-pass');
    assert.equal(s('dis').disabled, 'false');
    assert.equal(s('addr')['remote-address'], '10.10.0.7');
    assert.equal(s('mac')['caller-id'], 'AA:BB:CC:DD:EE:01');
    assert.equal(s('iso').profile, 'isolir');
    assert.equal(s('new').password, 'pw-new');
    assert.equal(w.server.find('/ppp/secret', 'gone'), undefined);
    assert.ok(w.server.find('/ppp/secret', 'stranger'), 'extra entries are not deleted by default');
    // Sessions whose profile or state changed (or whose entry went) are dropped at once.
    assert.equal(report.kicked, 3);
    assert.deepEqual(
      w.server.list('/ppp/active').map((a) => a.name),
      ['same'],
    );

    const second = await finished(
      w.ctx,
      (await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: true }))).jobId,
    );
    const again = second.result as unknown as SyncReport;
    assert.deepEqual(again.counts, { added: 0, changed: 0, removed: 1, extra: 0, unchanged: 8, failed: 0 });
    assert.deepEqual(again.removed, [{ kind: 'pppoe', name: 'stranger', reason: 'extra' }]);
    assert.ok(w.server.find('/ppp/secret', 'pend'), "a pending customer's prepared entry is not extra");
    const [row] = await db.select().from(routers).where(eq(routers.id, w.router.id));
    assert.ok(row!.lastSyncAt, 'the router page shows when it was last synced');
  });

  test('a sync of one customer touches only that customer', async () => {
    const w = await world('rt-sync-one');
    const a = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'satu',
      password: 'p1',
    });
    await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: w.router.id, username: 'dua', password: 'p2' });
    w.server.addSecret({ name: 'satu', password: 'old', profile: 'Paket 20 Mbps', service: 'pppoe' });
    w.server.addSecret({ name: 'dua', password: 'old', profile: 'Paket 20 Mbps', service: 'pppoe' });
    const job = await finished(
      w.ctx,
      (
        await ok(
          executeOperation(syncRouterOp, w.ctx, {
            routerId: w.router.id,
            subscriptionId: a.subscription.id,
            removeExtra: true,
          }),
        )
      ).jobId,
    );
    const report = job.result as unknown as SyncReport;
    assert.equal(report.scope, 'subscription');
    assert.deepEqual(report.counts, { added: 0, changed: 1, removed: 0, extra: 0, unchanged: 0, failed: 0 });
    assert.equal(w.server.find('/ppp/secret', 'satu')!.password, 'p1');
    assert.equal(w.server.find('/ppp/secret', 'dua')!.password, 'old');
  });

  test('push profiles creates the plan profiles and the isolir profile with its address-list', async () => {
    const w = await world('rt-profiles');
    await makePlan(db, w.org.id, {
      name: 'Paket 50 Mbps',
      downloadKbps: 51200,
      uploadKbps: 25600,
      burst: '60M/60M 40M/40M 16/16',
    });
    const job = await finished(
      w.ctx,
      (await ok(executeOperation(pushProfilesOp, w.ctx, { routerId: w.router.id }))).jobId,
    );
    assert.equal(job.state, 'done', String(job.error));
    assert.equal(w.server.find('/ppp/profile', 'Paket 50 Mbps')!['rate-limit'], '25M/50M 60M/60M 40M/40M 16/16');
    assert.equal(w.server.find('/ppp/profile', 'isolir')!['address-list'], 'isolir');
    assert.equal(w.server.find('/ip/hotspot/user/profile', 'isolir')!['rate-limit'], '256k/256k');
  });
});

describe('routers: enforcement of subscription changes', () => {
  test('isolate, reopen, suspend and terminate act on the router and drop the live session', async () => {
    const w = await world('rt-enforce');
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'budi',
      password: 'rahasia1',
    });
    w.server.addSecret({ name: 'budi', password: 'rahasia1', profile: 'Paket 20 Mbps', service: 'pppoe' });
    const move = async (to: 'isolated' | 'active' | 'suspended' | 'terminated') => {
      w.server.connectSession('budi', { address: '10.10.0.5' });
      const r = await ok(
        executeOperation(transitionSubscriptionOp, w.ctx, { subscriptionId: subscription.id, to, reason: 'test' }),
      );
      const job = await finished(w.ctx, r.jobId);
      assert.equal(job.state, 'done', String(job.error));
      assert.equal(job.result?.applied, true);
      assert.equal(
        w.server.list('/ppp/active').filter((a) => a.name === 'budi').length,
        0,
        `session dropped after ${to}`,
      );
      return job;
    };
    w.server.resetStats();
    const isolated = await move('isolated');
    assert.equal(w.server.find('/ppp/secret', 'budi')!.profile, 'isolir');
    assert.ok(Number(isolated.result?.commands) <= 3, 'at most 3 commands per customer');
    await move('active');
    assert.equal(w.server.find('/ppp/secret', 'budi')!.profile, 'Paket 20 Mbps');
    await move('suspended');
    assert.equal(w.server.find('/ppp/secret', 'budi')!.disabled, 'true');
    await move('active');
    assert.equal(w.server.find('/ppp/secret', 'budi')!.disabled, 'false');
    await move('terminated');
    assert.equal(w.server.find('/ppp/secret', 'budi'), undefined);
  });

  test('a missing secret is created; moving to another router removes it from the old one', async () => {
    const w = await world('rt-move');
    const other = await standIn();
    const router2 = await makeRouter(db, w.org.id, other);
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'pindah',
      status: 'pending',
    });
    const act = await ok(
      executeOperation(transitionSubscriptionOp, w.ctx, {
        subscriptionId: subscription.id,
        to: 'active',
        reason: 'test',
      }),
    );
    assert.equal((await finished(w.ctx, act.jobId)).result?.created, true);
    assert.equal(w.server.find('/ppp/secret', 'pindah')!.service, 'pppoe');
    const moved = await ok(
      executeOperation(updateSubscriptionServiceOp, w.ctx, {
        subscriptionId: subscription.id,
        planId: w.plan.id,
        routerId: router2.id,
        remoteAddress: '10.20.0.9',
        localAddress: '',
        callerId: 'aa:bb:cc:dd:ee:09',
      }),
    );
    assert.equal(moved.jobIds.length, 2);
    for (const id of moved.jobIds) assert.equal((await finished(w.ctx, id)).state, 'done');
    assert.equal(w.server.find('/ppp/secret', 'pindah'), undefined);
    const there = other.find('/ppp/secret', 'pindah')!;
    assert.equal(there['remote-address'], '10.20.0.9');
    assert.equal(there['caller-id'], 'AA:BB:CC:DD:EE:09');
    assert.equal(there.profile, 'Paket 20 Mbps', 'the missing profile was created on the new router');
    // Clearing the static address and the MAC lock takes them off the router too.
    const cleared = await ok(
      executeOperation(updateSubscriptionServiceOp, w.ctx, {
        subscriptionId: subscription.id,
        planId: w.plan.id,
        routerId: router2.id,
        remoteAddress: '',
        localAddress: '',
        callerId: '',
      }),
    );
    for (const id of cleared.jobIds) assert.equal((await finished(w.ctx, id)).state, 'done');
    assert.equal(other.find('/ppp/secret', 'pindah')!['remote-address'], undefined);
    assert.equal(other.find('/ppp/secret', 'pindah')!['caller-id'] ?? '', '');
    const bad = await executeOperation(updateSubscriptionServiceOp, w.ctx, {
      subscriptionId: subscription.id,
      planId: w.plan.id,
      routerId: router2.id,
      remoteAddress: '10.20.0.999',
      localAddress: '',
      callerId: 'xx',
    });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.fieldErrors?.remoteAddress && bad.fieldErrors.callerId);
  });

  test('router goes away mid-queue: jobs wait, retry, and complete when it is back; nothing duplicated', async () => {
    const w = await world('rt-outage');
    const subs = [];
    for (let i = 0; i < 12; i++) {
      const s = await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: w.router.id, username: `out${i}` });
      w.server.addSecret({ name: `out${i}`, password: 'rahasia1', profile: 'Paket 20 Mbps', service: 'pppoe' });
      w.server.connectSession(`out${i}`);
      subs.push(s.subscription);
    }
    // A slow router: the link drops mid-command, then the router goes away for a while.
    w.server.setDelay(60);
    w.server.dropAfter(4);
    const jobIds: string[] = [];
    for (const s of subs)
      jobIds.push(
        (
          await ok(
            executeOperation(transitionSubscriptionOp, w.ctx, {
              subscriptionId: s.id,
              to: 'isolated',
              reason: 'unpaid',
            }),
          )
        ).jobId,
      );
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(jobs)
            .where(and(inArray(jobs.id, jobIds), eq(jobs.state, 'done')))
        ).length >= 2,
    );
    await w.server.stop();
    await waitFor(async () => {
      const [r] = await db.select({ status: routers.status }).from(routers).where(eq(routers.id, w.router.id));
      const waiting = await db
        .select()
        .from(jobs)
        .where(and(inArray(jobs.id, jobIds), eq(jobs.state, 'retrying')));
      return r?.status === 'offline' && waiting.length > 0;
    });
    await new Promise((r) => setTimeout(r, 1000));
    w.server.setDelay(0);
    await w.server.start();
    // The minute check sees it back and wakes the waiting jobs instead of leaving them to backoff.
    await monitorRouters(db, routerAccess(db));
    // The check reads every organization's routers in the shared test database (other files'
    // dead ones take their connect timeout), so under a full parallel run this can take a while.
    const done = await waitFor(async () => {
      const rows = await db.select().from(jobs).where(inArray(jobs.id, jobIds));
      return rows.every((j) => j.state === 'done') ? rows : null;
    }, 60_000);
    assert.ok(
      done.some((j) => j.attempts > 1),
      'some jobs needed more than one attempt',
    );
    const secrets = w.server.list('/ppp/secret').filter((s) => s.name!.startsWith('out'));
    assert.equal(secrets.length, 12, 'no duplicates');
    assert.ok(secrets.every((s) => s.profile === 'isolir'));
    assert.equal(w.server.list('/ppp/active').length, 0);
    const [r] = await db.select({ status: routers.status }).from(routers).where(eq(routers.id, w.router.id));
    assert.equal(r!.status, 'online');
  });

  test('a manual sync queued while the router is down outlives the old five-attempt window and runs when it is back', async () => {
    const w = await world('rt-sync-outage');
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'late1',
    });
    await w.server.stop();
    const { jobId } = await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: false }));
    const profiles = await ok(executeOperation(pushProfilesOp, w.ctx, { routerId: w.router.id }));
    // The same retry policy as a customer's own router job (about three days of backoff).
    const apply = await ok(
      executeOperation(transitionSubscriptionOp, w.ctx, {
        subscriptionId: subscription.id,
        to: 'isolated',
        reason: 'test',
      }),
    );
    const rows = await db
      .select({ id: jobs.id, maxAttempts: jobs.maxAttempts, queueName: jobs.queueName })
      .from(jobs)
      .where(inArray(jobs.id, [jobId, profiles.jobId, apply.jobId]));
    const policy = (id: string) => rows.find((r) => r.id === id)!;
    assert.deepEqual(policy(jobId), { ...policy(apply.jobId), id: jobId });
    assert.deepEqual(policy(profiles.jobId), { ...policy(apply.jobId), id: profiles.jobId });
    const [queued] = await db.execute<{ max_attempts: number }>(
      sql`select max_attempts from graphile_worker.jobs where key = ${jobId}`,
    );
    assert.ok(queued!.max_attempts >= 20, `graphile-worker keeps retrying (max ${queued!.max_attempts})`);
    // Time passes: each backoff is cut short until the sync has failed more often than the
    // old limit of 5 attempts allowed (which ended it as failed ~85 s into an outage).
    await waitFor(
      async () => {
        await db.execute(
          sql`update graphile_worker._private_jobs set run_at = now() where key = ${jobId} and locked_at is null`,
        );
        const [j] = await db
          .select({ state: jobs.state, attempts: jobs.attempts })
          .from(jobs)
          .where(eq(jobs.id, jobId));
        assert.notEqual(j!.state, 'failed', 'the sync must not give up during the outage');
        return j!.attempts >= 7;
      },
      30_000,
      200,
    );
    await w.server.start();
    await monitorRouters(db, routerAccess(db));
    const job = await finished(w.ctx, jobId, 30_000);
    assert.equal(job.state, 'done');
    assert.equal((await finished(w.ctx, profiles.jobId, 30_000)).state, 'done');
    assert.ok(
      w.server.list('/ppp/secret').some((s) => s.name === 'late1'),
      'the sync created the missing secret',
    );
  });

  test('one router offline does not hold up another router’s jobs', async () => {
    const w = await world('rt-isolated-queues');
    const healthy = await standIn();
    healthy.addProfile({ name: 'Paket 20 Mbps' });
    const router2 = await makeRouter(db, w.org.id, healthy);
    w.server.hang(true);
    const stuck: string[] = [];
    const fine: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: w.router.id, username: `hang${i}` });
      const b = await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: router2.id, username: `fine${i}` });
      stuck.push(
        (
          await ok(
            executeOperation(transitionSubscriptionOp, w.ctx, {
              subscriptionId: a.subscription.id,
              to: 'isolated',
              reason: 'test',
            }),
          )
        ).jobId,
      );
      fine.push(
        (
          await ok(
            executeOperation(transitionSubscriptionOp, w.ctx, {
              subscriptionId: b.subscription.id,
              to: 'isolated',
              reason: 'test',
            }),
          )
        ).jobId,
      );
    }
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(jobs)
            .where(and(inArray(jobs.id, fine), eq(jobs.state, 'done')))
        ).length === fine.length,
      15_000,
    );
    const stuckDone = await db
      .select()
      .from(jobs)
      .where(and(inArray(jobs.id, stuck), eq(jobs.state, 'done')));
    assert.equal(stuckDone.length, 0);
    assert.equal(healthy.list('/ppp/secret').filter((s) => s.profile === 'isolir').length, 6);
    w.server.hang(false);
  });
});
