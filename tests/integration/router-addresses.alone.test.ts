import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { jobs, routers } from '@/db/schema';
import { transitionSubscriptionOp } from '@/lib/customers/operations';
import { translate } from '@/lib/i18n/translate';
import { getJob } from '@/lib/jobs/queries';
import { subscriptionApply } from '@/lib/network/jobs';
import { checkRouterOp, saveRouterOp } from '@/lib/network/operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { isPrivateAddress } from '@/lib/server/public-address';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, makePlan, makeRouter, makeSubscriber, testDb, waitFor } from '../helpers';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';

/**
 * A hosted platform (PLATFORM_MODE=hosted) whose router VPN is 127.77.0.0/16: routers there
 * or on public addresses are accepted; loopback, private, link-local, metadata, CGNAT and
 * unique-local addresses, in any spelling, are refused on save and again before connecting.
 * The environment is read once per process, on first use: set before anything reads it.
 */
// Runs alone (see scripts/test.ts): its worker, hosted, would refuse other files' loopback routers.
process.env.PLATFORM_MODE = 'hosted';
process.env.ROUTER_PRIVATE_RANGES = '127.77.0.0/16, fd00:77::/64';
// scripts/test.ts turns these on for the self-hosted tests; a hosted platform refuses them.
process.env.ROUTER_ALLOW_LOOPBACK = 'false';
process.env.WHATSAPP_ALLOW_HTTP_GATEWAY = 'false';
process.env.WEBHOOKS_ALLOW_PRIVATE = 'false';

const db = testDb();
let runner: Runner;
const servers: RouterOsServer[] = [];

before(async () => {
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
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

const form = (over: Record<string, unknown>) => ({
  name: `RB-${Math.random().toString(36).slice(2, 8)}`,
  host: '203.0.114.10',
  port: 8728,
  tls: false,
  username: 'admin',
  password: 'secret',
  area: '',
  mode: 'api',
  isolirProfile: 'isolir',
  isolirRateLimit: '256k/256k',
  isolirAddressList: 'isolir',
  syncIntervalMinutes: 60,
  ...over,
});

async function finished(ctx: Ctx, jobId: string) {
  return waitFor(async () => {
    const job = await getJob(db, { orgId: ctx.orgId, jobId });
    return job && (job.state === 'done' || job.state === 'failed') ? job : null;
  });
}

describe('router addresses on a hosted platform', () => {
  let ctx: Ctx;
  before(async () => {
    const { org, admin } = await makeOrg(db, 'rt-hosted');
    ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  });

  test('a host that is, or resolves to, a non-public address outside the router VPN is refused on save', async () => {
    const refused = [
      '127.0.0.1',
      '2130706433',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '0.0.0.0',
      '10.0.0.1',
      '172.16.5.5',
      '192.168.88.1',
      '100.64.0.1',
      '169.254.169.254',
      '::1',
      '::ffff:7f00:1',
      'fd00::1',
      'fe80::1',
      'localhost',
    ];
    // The machine's own name resolves to one of its addresses: refused through DNS, too.
    const own = os.hostname();
    if ((await lookup(own, { all: true })).some((a) => isPrivateAddress(a.address))) refused.push(own);
    for (const host of refused) {
      const r = await executeOperation(saveRouterOp, ctx, form({ host }));
      assert.equal(r.ok, false, host);
      assert.equal(!r.ok && r.fieldErrors?.host, translate('id', 'validation.hostNotAllowed'), host);
    }
    const rows = await db.select().from(routers).where(eq(routers.organizationId, ctx.orgId));
    assert.equal(rows.length, 0);
    // Public addresses and the platform's router VPN are accepted.
    for (const host of ['203.0.114.10', '127.77.3.4', 'fd00:77::9', '2001:4860:4860::8888']) {
      const r = await executeOperation(saveRouterOp, ctx, form({ host }));
      assert.equal(r.ok, true, `${host}: ${JSON.stringify(r)}`);
    }
  });

  test('a RADIUS NAS address must be public or in the router VPN, and never loopback, unspecified or link-local', async () => {
    const radius = (nasAddress: string) => form({ mode: 'radius', radiusSecret: 'rahasia', nasAddress });
    // 127.77.0.5 is inside ROUTER_PRIVATE_RANGES, but loopback: FreeRADIUS would trust the platform host.
    for (const nasAddress of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '::',
      '169.254.169.254',
      'fe80::1',
      '10.0.0.5',
      '192.168.1.1',
      '::ffff:0:7f00:1',
      '127.77.0.5',
    ]) {
      const r = await executeOperation(saveRouterOp, ctx, radius(nasAddress));
      assert.equal(r.ok, false, nasAddress);
      assert.equal(!r.ok && r.fieldErrors?.nasAddress, translate('id', 'validation.nasAddressNotAllowed'), nasAddress);
    }
    for (const nasAddress of ['203.0.114.20', 'fd00:77::5']) {
      const r = await executeOperation(saveRouterOp, ctx, radius(nasAddress));
      assert.equal(r.ok, true, `${nasAddress}: ${JSON.stringify(r)}`);
    }
    // No NAS address typed: the router's host is its NAS address, under the same rule.
    const fromHost = await executeOperation(
      saveRouterOp,
      ctx,
      form({ mode: 'radius', radiusSecret: 'rahasia', host: '127.77.0.6' }),
    );
    assert.equal(!fromHost.ok && fromHost.fieldErrors?.nasAddress, translate('id', 'validation.nasAddressNotAllowed'));
    assert.equal(
      (
        await executeOperation(
          saveRouterOp,
          ctx,
          form({ mode: 'radius', radiusSecret: 'rahasia', host: '203.0.114.21' }),
        )
      ).ok,
      true,
    );
  });

  test('control characters in the router user name or password are refused with a field error', async () => {
    for (const [field, value] of [
      ['username', 'admin\n/user/add name=x'],
      ['username', 'ad\x7fmin'],
      ['password', 'rahasia\x00'],
      ['password', 'a\tb'],
    ] as const) {
      const r = await executeOperation(saveRouterOp, ctx, form({ [field]: value }));
      assert.equal(r.ok, false, JSON.stringify(value));
      assert.equal(!r.ok && r.fieldErrors?.[field], translate('id', 'validation.noControlCharacters'));
    }
  });

  test('the address is checked again before each connection: a stored loopback host is never connected to', async () => {
    const allowed = await startRouterOsServer({ host: '127.77.0.9', identity: 'RB-VPN' });
    const loopback = await startRouterOsServer({ host: '127.0.0.1', identity: 'RB-LOOPBACK' });
    servers.push(allowed, loopback);
    const saved = await executeOperation(saveRouterOp, ctx, form({ host: allowed.host, port: allowed.port }));
    assert.equal(saved.ok, true, JSON.stringify(saved));
    const routerId = (saved as { data: { id: string } }).data.id;
    const check = async () =>
      finished(
        ctx,
        ((await executeOperation(checkRouterOp, ctx, { routerId })) as { data: { jobId: string } }).data.jobId,
      );
    const good = await check();
    assert.equal(good.result?.ok, true, JSON.stringify(good.result));
    assert.equal(good.result?.identity, 'RB-VPN');

    // A row saved before the platform was hosted (or DNS that changed since): the worker
    // refuses to connect, and says why.
    await db.update(routers).set({ host: '127.0.0.1', port: loopback.port }).where(eq(routers.id, routerId));
    const bad = await check();
    assert.equal(bad.result?.ok, false);
    assert.equal(bad.result?.errorKind, 'not_allowed');
    assert.equal(loopback.stats.connections, 0);
    const [row] = await db.select().from(routers).where(eq(routers.id, routerId));
    assert.equal(row!.status, 'offline');
    assert.equal(row!.lastErrorKind, 'not_allowed');
  });

  test('a Disconnect-Request to a RADIUS router is checked the same way: a stored loopback host gets nothing', async () => {
    // The router's RFC 5176 port on loopback records whatever arrives.
    const socket = createSocket('udp4');
    let received = 0;
    socket.on('message', () => received++);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    socket.unref();
    try {
      const plan = await makePlan(db, ctx.orgId, { name: 'Paket 10 Mbps', downloadKbps: 10240, uploadKbps: 5120 });
      const router = await makeRouter(
        db,
        ctx.orgId,
        { host: 'fd00:77::21', port: 8728 },
        { mode: 'radius', radiusSecret: 'rahasia', coaPort: socket.address().port },
      );
      await db.update(routers).set({ host: '127.0.0.1' }).where(eq(routers.id, router.id));
      const { subscription } = await makeSubscriber(db, ctx.orgId, {
        planId: plan.id,
        routerId: router.id,
        username: 'budi',
        password: 'rahasia1',
        status: 'active',
      });
      const moved = await executeOperation(transitionSubscriptionOp, ctx, {
        subscriptionId: subscription.id,
        to: 'isolated',
        reason: 'uji alamat',
      });
      assert.equal(moved.ok, true, JSON.stringify(moved));
      const job = await waitFor(async () => {
        const [row] = await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.organizationId, ctx.orgId), eq(jobs.type, subscriptionApply.name)))
          .orderBy(desc(jobs.createdAt))
          .limit(1);
        return row?.error ? row : null;
      });
      assert.match(String(job.error), /not a public address/);
      assert.equal(received, 0);
    } finally {
      socket.close();
    }
  });
});
