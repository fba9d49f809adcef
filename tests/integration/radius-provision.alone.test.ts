import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { nas, radcheck, radgroupreply, radreply, radusergroup, routers, subscriptions } from '@/db/schema';
import { transitionSubscriptionOp, updateSubscriptionServiceOp } from '@/lib/customers/operations';
import { getJob } from '@/lib/jobs/queries';
import { saveRouterOp } from '@/lib/network/operations';
import { decodePacket, verifyRequestAuthenticator } from '@/lib/network/radius/coa';
import { applyRadiusStatus, provisionRouterRadius } from '@/lib/network/radius/provision';
import { updatePlanOp } from '@/lib/plans/operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, makePlan, makeRouter, makeSubscriber, testDb, waitFor } from '../helpers';

const db = testDb();
let runner: Runner;
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
});

/** A router's RFC 5176 listener on loopback: records what arrives, answers ACK or NAK. */
async function nasListener(secret: string, answer: 'ack' | 'nak-offline' = 'ack') {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (msg, from) => {
    received.push(msg);
    const req = decodePacket(msg);
    const ack = answer === 'ack';
    const code = req.code === 40 ? (ack ? 41 : 42) : ack ? 44 : 45;
    // NAK with Error-Cause 503 (Session Context Not Found): the customer is not online.
    const attrs = ack ? Buffer.alloc(0) : Buffer.from([101, 6, 0, 0, 0x01, 0xf7]);
    const head = Buffer.from([code, req.identifier, 0, 0]);
    head.writeUInt16BE(20 + attrs.length, 2);
    const auth = createHash('md5')
      .update(Buffer.concat([head, req.authenticator, attrs, Buffer.from(secret)]))
      .digest();
    socket.send(Buffer.concat([head, auth, attrs]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  // A test that fails before closing it must not keep the test process alive.
  socket.unref();
  return { port: socket.address().port, received, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

async function finished(ctx: Ctx, jobId: string) {
  return waitFor(async () => {
    const job = await getJob(db, { orgId: ctx.orgId, jobId });
    return job && (job.state === 'done' || job.state === 'failed') ? job : null;
  });
}

async function world(label: string, coaPort: number) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const plan = await makePlan(db, org.id, { name: 'Paket 20 Mbps', downloadKbps: 20480, uploadKbps: 10240 });
  // Each RADIUS router needs its own address as FreeRADIUS sees it (all of 127/8 is local).
  const nasAddress = `127.${Math.floor(Math.random() * 100) + 100}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
  const router = await makeRouter(
    db,
    org.id,
    { host: '127.0.0.1', port: 1 },
    { mode: 'radius', radiusSecret: 'rahasia-nas', coaPort, nasAddress },
  );
  return { org, ctx, plan, router };
}

const rows = async (subscriptionId: string) => ({
  check: await db.select().from(radcheck).where(eq(radcheck.subscriptionId, subscriptionId)),
  reply: await db.select().from(radreply).where(eq(radreply.subscriptionId, subscriptionId)),
  groups: (await db.select().from(radusergroup).where(eq(radusergroup.subscriptionId, subscriptionId))).map(
    (g) => g.groupname,
  ),
});

describe('RADIUS mode: rows FreeRADIUS reads, written with the subscription', () => {
  test('a RADIUS router becomes a NAS client; its secret is encrypted in the app and clear for FreeRADIUS', async () => {
    const w = await world('rad-nas', 3799);
    const [client] = await db.select().from(nas).where(eq(nas.routerId, w.router.id));
    assert.match(client!.nasname, /^127\./);
    assert.equal(client!.secret, 'rahasia-nas');
    const [row] = await db.select().from(routers).where(eq(routers.id, w.router.id));
    assert.ok(row!.radiusSecretEnc && !row!.radiusSecretEnc.includes('rahasia-nas'));
    // Saving the router queued its sync, which writes every plan's group (here: made directly).
    const groups = await waitFor(async () => {
      const found = await db.select().from(radgroupreply).where(eq(radgroupreply.organizationId, w.org.id));
      return found.length >= 3 ? found : null;
    });
    const byGroup = Object.fromEntries(groups.map((g) => [`${g.groupname}|${g.attribute}`, g.value]));
    assert.equal(byGroup[`Paket 20 Mbps@${w.org.slug}|Mikrotik-Rate-Limit`], '10M/20M');
    assert.equal(byGroup[`isolir@${w.org.slug}|Mikrotik-Address-List`], 'isolir');
    // Another router (here: of another ISP) cannot take the same RADIUS address.
    const other = await makeOrg(db, 'rad-nas-2');
    await assert.rejects(
      makeRouter(
        db,
        other.org.id,
        { host: '127.0.0.1', port: 1 },
        { mode: 'radius', radiusSecret: 'x', nasAddress: client!.nasname },
      ),
      (e: Error & { code?: string }) => e.code === 'nas_address_taken',
    );
  });

  test('NAS addresses are compared in canonical form; a host name is not a NAS address', async () => {
    const a = await makeOrg(db, 'rad-nas-canon-a');
    const b = await makeOrg(db, 'rad-nas-canon-b');
    const v4 = `127.${60 + Math.floor(Math.random() * 30)}.${Math.floor(Math.random() * 250)}.7`;
    const v6 = `fd00:${Math.floor(Math.random() * 0xffff).toString(16)}::7`;
    const first = await makeRouter(
      db,
      a.org.id,
      { host: '127.0.0.1', port: 1 },
      { mode: 'radius', radiusSecret: 'x', nasAddress: ` ::FFFF:${v4} ` },
    );
    const second = await makeRouter(
      db,
      a.org.id,
      { host: '127.0.0.1', port: 1 },
      { mode: 'radius', radiusSecret: 'x', nasAddress: v6.replace('::', ':0:0:0:0:0:').toUpperCase() },
    );
    const stored = await db
      .select({ routerId: nas.routerId, nasname: nas.nasname })
      .from(nas)
      .where(eq(nas.organizationId, a.org.id));
    assert.deepEqual(Object.fromEntries(stored.map((r) => [r.routerId, r.nasname])), {
      [first.id]: v4,
      [second.id]: v6,
    });
    for (const spelling of [v4, ` ${v4}`, `::ffff:${v4}`, v6, v6.toUpperCase(), v6.replace('::', ':0:0:0:0:0:')]) {
      await assert.rejects(
        makeRouter(
          db,
          b.org.id,
          { host: '127.0.0.1', port: 1 },
          { mode: 'radius', radiusSecret: 'x', nasAddress: spelling },
        ),
        (e: Error & { code?: string }) => e.code === 'nas_address_taken',
        spelling,
      );
    }
    // FreeRADIUS knows a router by the address its packets come from: a name will not do.
    const ctx = ctxFor(db, b.org.id, b.admin.user.id, 'admin');
    const form = {
      name: 'RB-Nama',
      host: 'router.example.net',
      port: 8728,
      tls: false,
      username: 'admin',
      password: 'secret',
      area: '',
      mode: 'radius',
      radiusSecret: 'x',
      isolirProfile: 'isolir',
      isolirRateLimit: '256k/256k',
      isolirAddressList: 'isolir',
      syncIntervalMinutes: 60,
    };
    for (const over of [{ nasAddress: 'nas.example.net' }, { nasAddress: '' }]) {
      const r = await executeOperation(saveRouterOp, ctx, { ...form, ...over });
      assert.ok(!r.ok && r.fieldErrors?.nasAddress, JSON.stringify(r));
    }
  });

  test('status changes move the customer between groups in the same transaction; suspended is rejected; terminated has nothing', async () => {
    const coa = await nasListener('rahasia-nas');
    const w = await world('rad-status', coa.port);
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'budi',
      password: 'rahasia1',
      status: 'pending',
      remoteAddress: '10.9.0.5',
      callerId: 'AA:BB:CC:DD:EE:01',
    });
    const move = async (to: 'active' | 'isolated' | 'suspended' | 'terminated') => {
      const r = await executeOperation(transitionSubscriptionOp, w.ctx, {
        subscriptionId: subscription.id,
        to,
        reason: 'test',
      });
      assert.ok(r.ok, JSON.stringify(r));
      return r.data.jobId;
    };
    await move('active');
    let now = await rows(subscription.id);
    assert.deepEqual(now.groups, [`Paket 20 Mbps@${w.org.slug}`]);
    assert.deepEqual(now.check.map((c) => `${c.username} ${c.attribute} ${c.op} ${c.value}`).sort(), [
      `budi@${w.org.slug} Calling-Station-Id == AA:BB:CC:DD:EE:01`,
      `budi@${w.org.slug} Cleartext-Password := rahasia1`,
    ]);
    assert.deepEqual(
      now.reply.map((r) => `${r.attribute}=${r.value}`),
      ['Framed-IP-Address=10.9.0.5'],
    );

    // Isolation: the isolir group at once, and a Disconnect-Request to the router.
    const jobId = await move('isolated');
    assert.deepEqual((await rows(subscription.id)).groups, [`isolir@${w.org.slug}`]);
    const job = await finished(w.ctx, jobId);
    assert.equal(job.state, 'done', String(job.error));
    assert.equal(job.result?.request, 'Disconnect-Request');
    assert.equal(job.result?.reply, 'Disconnect-ACK');
    const packet = coa.received.at(-1)!;
    const decoded = decodePacket(packet);
    assert.equal(decoded.code, 40);
    assert.equal(decoded.attributes.find((a) => a.type === 1)!.value.toString(), `budi@${w.org.slug}`);
    assert.ok(verifyRequestAuthenticator(packet, 'rahasia-nas'), 'signed with the shared secret');
    assert.ok(!verifyRequestAuthenticator(packet, 'another-secret'));

    await move('suspended');
    now = await rows(subscription.id);
    assert.deepEqual(now.groups, []);
    assert.ok(now.check.some((c) => c.attribute === 'Auth-Type' && c.value === 'Reject'));
    await move('terminated');
    now = await rows(subscription.id);
    assert.deepEqual([now.check.length, now.reply.length, now.groups.length], [0, 0, 0]);
    await coa.close();
  });

  test('a router sync while a status change commits: the one that waits writes from the new status (one group)', async () => {
    const w = await world('rad-race', 3799);
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'race1',
      password: 'rahasia1',
      status: 'active',
    });
    await db.transaction((tx) => provisionRouterRadius(tx, { orgId: w.org.id, routerId: w.router.id }));
    assert.deepEqual((await rows(subscription.id)).groups, [`Paket 20 Mbps@${w.org.slug}`]);
    // The status change has written its rows and not yet committed; a router sync starts.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let written!: () => void;
    const ready = new Promise<void>((r) => {
      written = r;
    });
    const change = db.transaction(async (tx) => {
      await tx.update(subscriptions).set({ status: 'isolated' }).where(eq(subscriptions.id, subscription.id));
      await applyRadiusStatus(tx, { orgId: w.org.id, where: sql`s.id = ${subscription.id}` });
      written();
      await held;
    });
    await ready;
    let syncDone = false;
    const sync = db
      .transaction((tx) => provisionRouterRadius(tx, { orgId: w.org.id, routerId: w.router.id }))
      .then(() => {
        syncDone = true;
      });
    // The sync waits for the change's lock on the subscription (before the fix it went on and
    // wrote the plan group from the old status).
    await waitFor(async () => {
      if (syncDone) return true;
      const [waiting] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
      );
      return (waiting?.n ?? 0) > 0;
    }, 5_000);
    release();
    await change;
    await sync;
    assert.deepEqual((await rows(subscription.id)).groups, [`isolir@${w.org.slug}`]);
  });

  test('a plan change sends a CoA with the new rate-limit; a renamed group keeps its members; a customer not online is not an error', async () => {
    const coa = await nasListener('rahasia-nas', 'nak-offline');
    const w = await world('rad-plan', coa.port);
    const faster = await makePlan(db, w.org.id, { name: 'Paket 50 Mbps', downloadKbps: 51200, uploadKbps: 25600 });
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'sari',
      status: 'pending',
    });
    await executeOperation(transitionSubscriptionOp, w.ctx, {
      subscriptionId: subscription.id,
      to: 'active',
      reason: 'x',
    });
    const r = await executeOperation(updateSubscriptionServiceOp, w.ctx, {
      subscriptionId: subscription.id,
      planId: faster.id,
      routerId: w.router.id,
      remoteAddress: '',
      localAddress: '',
      callerId: '',
    });
    assert.ok(r.ok);
    assert.deepEqual((await rows(subscription.id)).groups, [`Paket 50 Mbps@${w.org.slug}`]);
    const job = await finished(w.ctx, r.data.jobIds.at(-1)!);
    assert.equal(job.result?.request, 'CoA-Request');
    assert.equal(job.result?.reply, 'CoA-NAK');
    assert.equal(job.result?.online, false);
    const sent = decodePacket(coa.received.at(-1)!);
    assert.equal(sent.code, 43);
    const vsa = sent.attributes.find((a) => a.vendorId === 14988 && a.vendorType === 8);
    assert.equal(vsa?.value.toString(), '25M/50M');

    const renamed = await executeOperation(updatePlanOp, w.ctx, {
      planId: faster.id,
      name: 'Paket 50 Mbps',
      downloadMbps: '50',
      uploadMbps: '25',
      priceRupiah: 'Rp 250.000',
      serviceType: 'pppoe',
      billingType: 'postpaid',
      radiusGroup: 'gold',
    });
    assert.ok(renamed.ok, JSON.stringify(renamed));
    assert.deepEqual((await rows(subscription.id)).groups, [`gold@${w.org.slug}`]);
    const gold = await db
      .select()
      .from(radgroupreply)
      .where(and(eq(radgroupreply.organizationId, w.org.id), eq(radgroupreply.groupname, `gold@${w.org.slug}`)));
    assert.equal(gold.length, 1);
    await coa.close();
  });

  test('moving a customer to an API-mode router removes their RADIUS rows', async () => {
    const w = await world('rad-move', 3799);
    const apiRouter = await makeRouter(db, w.org.id, { host: '127.0.0.1', port: 1 });
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'pindah',
      status: 'pending',
    });
    await executeOperation(transitionSubscriptionOp, w.ctx, {
      subscriptionId: subscription.id,
      to: 'active',
      reason: 'x',
    });
    assert.equal((await rows(subscription.id)).check.length, 1);
    await db.update(subscriptions).set({ status: 'pending' }).where(eq(subscriptions.id, subscription.id));
    const r = await executeOperation(updateSubscriptionServiceOp, w.ctx, {
      subscriptionId: subscription.id,
      planId: w.plan.id,
      routerId: apiRouter.id,
      remoteAddress: '',
      localAddress: '',
      callerId: '',
    });
    assert.ok(r.ok);
    const now = await rows(subscription.id);
    assert.deepEqual([now.check.length, now.groups.length], [0, 0]);
  });
});
