import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type Subscription, subscriptions } from '@/db/schema';
import { applySubscription } from '@/lib/network/enforcement/apply-subscription';
import { decodePacket } from '@/lib/network/radius/coa';
import type { RouterAccess } from '@/lib/network/router-access';
import { closeRouterPool, routerAccess } from '@/workers/router-pool';
import { makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';

/**
 * What happens on the network when a subscription changes (lib/network/enforcement), run
 * here without the queue or a worker: the rule, the router it talks to, and nothing else.
 */
const db = testDb();
const servers: RouterOsServer[] = [];
after(async () => {
  await closeRouterPool();
  await Promise.all(servers.map((s) => s.close()));
});

/** The worker's router access, counting which routers the rule connected to. */
function countingAccess() {
  const inner = routerAccess(db);
  const used: string[] = [];
  const access: RouterAccess = {
    settings: (p) => inner.settings(p),
    use: (p, fn) => {
      used.push(p.routerId);
      return inner.use(p, fn);
    },
  };
  return { access, used };
}

async function apiWorld(label: string) {
  const { org } = await makeOrg(db, label);
  const plan = await makePlan(db, org.id, { name: 'Paket 20 Mbps', downloadKbps: 20480, uploadKbps: 10240 });
  const server = await startRouterOsServer();
  servers.push(server);
  server.addProfile({ name: 'Paket 20 Mbps', 'rate-limit': '10240k/20480k' });
  server.addProfile({ name: 'isolir', 'rate-limit': '256k/256k', 'address-list': 'isolir' });
  const router = await makeRouter(db, org.id, server);
  return { org, plan, server, router };
}

/** A router's RFC 5176 port on loopback: records the requests, answers each with an ACK. */
async function coaListener(secret: string) {
  const socket = createSocket('udp4');
  const received: ReturnType<typeof decodePacket>[] = [];
  socket.on('message', (msg, from) => {
    const req = decodePacket(msg);
    received.push(req);
    const head = Buffer.from([req.code === 40 ? 41 : 44, req.identifier, 0, 20]);
    const auth = createHash('md5')
      .update(Buffer.concat([head, req.authenticator, Buffer.from(secret)]))
      .digest();
    socket.send(Buffer.concat([head, auth]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.unref();
  return { port: socket.address().port, received, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

/** The rule's result as the jobs page shows it (its shape depends on what was done). */
const apply = (access: RouterAccess, p: Parameters<typeof applySubscription>[2]): Promise<Record<string, unknown>> =>
  applySubscription(db, access, p);
const setStatus = (id: string, status: Subscription['status']) =>
  db.update(subscriptions).set({ status }).where(eq(subscriptions.id, id));

describe('enforcement: a subscription change on an API-mode router', () => {
  test('isolated -> the isolir profile and the session dropped; active -> the plan profile; suspended -> disabled; terminated -> removed', async () => {
    const w = await apiWorld('enf-api');
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'budi',
      status: 'isolated',
    });
    w.server.addSecret({ name: 'budi', password: 'x', profile: 'Paket 20 Mbps', service: 'pppoe' });
    w.server.connectSession('budi', { address: '10.10.0.5' });
    const { access } = countingAccess();
    const applyAs = (status: Subscription['status']) =>
      apply(access, { orgId: w.org.id, subscriptionId: subscription.id, status });
    const secret = () => w.server.list('/ppp/secret').find((s) => s.name === 'budi');

    const isolated = await applyAs('isolated');
    assert.equal(isolated.action, 'isolir_profile');
    assert.equal(secret()?.profile, 'isolir');
    assert.equal(
      w.server.list('/ppp/active').length,
      0,
      'the live session was dropped, so the customer reconnects into isolir',
    );

    await setStatus(subscription.id, 'active');
    assert.equal((await applyAs('active')).action, 'plan_profile');
    assert.equal(secret()?.profile, 'Paket 20 Mbps');

    await setStatus(subscription.id, 'suspended');
    assert.equal((await applyAs('suspended')).action, 'disabled');
    assert.equal(secret()?.disabled, 'true');

    await setStatus(subscription.id, 'terminated');
    assert.equal((await applyAs('terminated')).action, 'removed');
    assert.equal(secret(), undefined);
  });

  test('the subscription as it is now wins over the status the change asked for', async () => {
    const w = await apiWorld('enf-now');
    // Isolated, then paid before the job ran: the router gets the plan's profile.
    const { subscription } = await makeSubscriber(db, w.org.id, {
      planId: w.plan.id,
      routerId: w.router.id,
      username: 'siti',
      status: 'active',
    });
    const r = await apply(countingAccess().access, {
      orgId: w.org.id,
      subscriptionId: subscription.id,
      status: 'isolated',
    });
    assert.deepEqual([r.requestedStatus, r.currentStatus, r.action], ['isolated', 'active', 'plan_profile']);
    assert.equal(w.server.list('/ppp/secret').find((s) => s.name === 'siti')?.profile, 'Paket 20 Mbps');
  });

  test('no router, a static-IP plan, or another organization: nothing is sent to any router', async () => {
    const w = await apiWorld('enf-none');
    const { access, used } = countingAccess();
    const noRouter = await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: null, status: 'isolated' });
    assert.equal(
      (await apply(access, { orgId: w.org.id, subscriptionId: noRouter.subscription.id, status: 'isolated' })).reason,
      'no_router',
    );
    const staticPlan = await makePlan(db, w.org.id, { serviceType: 'static' });
    const fixed = await makeSubscriber(db, w.org.id, {
      planId: staticPlan.id,
      routerId: w.router.id,
      status: 'isolated',
    });
    assert.equal(
      (await apply(access, { orgId: w.org.id, subscriptionId: fixed.subscription.id, status: 'isolated' })).reason,
      'static_ip',
    );
    const other = await makeOrg(db, 'enf-other');
    await assert.rejects(
      apply(access, { orgId: other.org.id, subscriptionId: fixed.subscription.id, status: 'isolated' }),
      /not found in this organization/,
    );
    assert.deepEqual(used, []);
  });
});

describe('enforcement: a subscription change on a RADIUS-mode router', () => {
  test('isolated -> a Disconnect-Request (the customer logs in again into the isolir group); a plan change -> a CoA with the new rate-limit; no API connection', async () => {
    const coa = await coaListener('rahasia-nas');
    const { org } = await makeOrg(db, 'enf-radius');
    const plan = await makePlan(db, org.id, { name: 'Paket 50 Mbps', downloadKbps: 51200, uploadKbps: 25600 });
    const nasAddress = `127.${Math.floor(Math.random() * 100) + 100}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const router = await makeRouter(
      db,
      org.id,
      { host: '127.0.0.1', port: 1 },
      { mode: 'radius', radiusSecret: 'rahasia-nas', coaPort: coa.port, nasAddress },
    );
    const { subscription } = await makeSubscriber(db, org.id, {
      planId: plan.id,
      routerId: router.id,
      username: 'joko',
      status: 'isolated',
    });
    const { access, used } = countingAccess();

    const isolated = await apply(access, { orgId: org.id, subscriptionId: subscription.id, status: 'isolated' });
    assert.deepEqual(
      [isolated.request, isolated.reply, isolated.userName],
      ['Disconnect-Request', 'Disconnect-ACK', `joko@${org.slug}`],
    );
    assert.equal(coa.received.at(-1)?.code, 40);

    await setStatus(subscription.id, 'active');
    const planChange = await apply(access, {
      orgId: org.id,
      subscriptionId: subscription.id,
      status: 'active',
      coa: true,
    });
    assert.deepEqual([planChange.request, planChange.reply], ['CoA-Request', 'CoA-ACK']);
    const vsa = coa.received.at(-1)!.attributes.find((a) => a.vendorId === 14988 && a.vendorType === 8);
    assert.equal(vsa?.value.toString(), '25M/50M');
    assert.deepEqual(used, [], 'RADIUS-mode routers are never reached over the API');
    await coa.close();
  });
});
