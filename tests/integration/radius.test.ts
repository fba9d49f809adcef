import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { radacct, radpostauth } from '@/db/schema';
import { transitionSubscriptionOp } from '@/lib/customers/operations';
import { customerRadiusSessions, customerRadiusUsage, radiusOnline } from '@/lib/network/radius/accounting';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';
import {
  accessRequestFrom,
  type FreeRadius,
  type RadiusAttributes,
  radclient,
  skipReason,
  startFreeRadius,
} from '../support/freeradius';

/**
 * A real FreeRADIUS (Debian's package, stock config + the sql module on the test database)
 * answering from the rows the app provisions. It reads its NAS clients (`nas`) only at start,
 * so every organization here is set up first, then the server starts once for the file.
 */
const db = testDb();
const skip = skipReason();

/** A loopback address of its own per router (all of 127/8 is local): its `nas` row is unique. */
const loopback = () => `127.${randomInt(100, 200)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/**
 * The router's RFC 5176 port: answers every Disconnect/CoA with a NAK "session not found",
 * so the jobs that transitions queue finish quickly whichever test worker picks them up.
 */
async function quietCoaPort(address: string, secret: string) {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, from) => {
    const reply = Buffer.from([
      msg[0]! === 43 ? 45 : 42,
      msg[1]!,
      0,
      26,
      ...Buffer.alloc(16),
      101,
      6,
      0,
      0,
      0x01,
      0xf7,
    ]);
    const auth = createHash('md5')
      .update(Buffer.concat([reply.subarray(0, 4), msg.subarray(4, 20), reply.subarray(20), Buffer.from(secret)]))
      .digest();
    auth.copy(reply, 4);
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
  // A test that fails before closing it must not keep the test process alive.
  socket.unref();
  return { port: socket.address().port, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

/** An organization on a RADIUS-mode router with one customer per status. */
async function radiusWorld(
  label: string,
  plan: { name: string; downloadKbps: number; uploadKbps: number },
  passwords: Record<string, string>,
) {
  const { org, admin } = await makeOrg(db, label);
  const secret = `rahasia-${randomInt(1e9)}`;
  const address = loopback();
  const coa = await quietCoaPort(address, secret);
  const row = await makePlan(db, org.id, plan);
  const router = await makeRouter(
    db,
    org.id,
    { host: address, port: 8728 },
    {
      mode: 'radius',
      radiusSecret: secret,
      nasAddress: address,
      coaPort: coa.port,
      isolirRateLimit: '512k/512k',
      isolirAddressList: 'isolir-web',
    },
  );
  const statuses = {
    budi: 'active',
    siti: 'isolated',
    joko: 'suspended',
    agus: 'terminated',
    dewi: 'pending',
    rina: 'active',
  } as const;
  const subs: Record<string, string> = {};
  for (const [username, status] of Object.entries(statuses)) {
    const { subscription } = await makeSubscriber(db, org.id, {
      planId: row.id,
      routerId: router.id,
      username,
      password: passwords[username] ?? `pw-${username}`,
      status,
    });
    subs[username] = subscription.id;
  }
  await provisionRouterRadius(db, { orgId: org.id, routerId: router.id });
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  return { org, ctx, router, secret, address, coa, subs, user: (name: string) => `${name}@${org.slug}` };
}

describe("RADIUS: a real FreeRADIUS authenticates and accounts from the app's tables", { skip }, () => {
  let fr: FreeRadius;
  let a: Awaited<ReturnType<typeof radiusWorld>>;
  let b: Awaited<ReturnType<typeof radiusWorld>>;
  const auth = (attributes: RadiusAttributes[]) =>
    radclient({ port: fr.authPort, secret: fr.secret, kind: 'auth', attributes });
  const acct = (attributes: RadiusAttributes) =>
    radclient({ port: fr.acctPort, secret: fr.secret, kind: 'acct', attributes: [attributes] });

  before(async () => {
    // Two ISPs, each with a customer "budi": the realm keeps them apart.
    a = await radiusWorld(
      'rad-a',
      { name: 'Paket 20 Mbps', downloadKbps: 20480, uploadKbps: 10240 },
      { budi: 'rahasia1' },
    );
    b = await radiusWorld(
      'rad-b',
      { name: 'Paket 5 Mbps', downloadKbps: 5120, uploadKbps: 2048 },
      { budi: 'lain-sekali' },
    );
    fr = await startFreeRadius({ databaseUrl: process.env.DATABASE_URL! });
  });
  after(async () => {
    await fr?.stop();
    await Promise.all([a?.coa.close(), b?.coa.close()]);
  });

  test("an active customer is accepted with the plan's Mikrotik-Rate-Limit, and the login is logged", async () => {
    const r = await auth([{ 'User-Name': a.user('budi'), 'User-Password': 'rahasia1', 'NAS-IP-Address': a.address }]);
    assert.equal(r.code, 'Access-Accept', r.raw);
    assert.equal(r.attributes[0]!['Mikrotik-Rate-Limit'], '10M/20M');
    assert.equal(r.attributes[0]!['Mikrotik-Address-List'], undefined);
    const [logged] = await db
      .select()
      .from(radpostauth)
      .where(eq(radpostauth.username, a.user('budi')));
    assert.equal(logged?.reply, 'Access-Accept');
    // FreeRADIUS's stock post-auth query would keep the password in clear; the table does not.
    assert.equal(logged?.pass, null);
  });

  test("same username in another organization: its own password and plan, not the other's", async () => {
    const r = await auth([
      { 'User-Name': b.user('budi'), 'User-Password': 'lain-sekali' },
      { 'User-Name': b.user('budi'), 'User-Password': 'rahasia1' },
      { 'User-Name': a.user('budi'), 'User-Password': 'lain-sekali' },
      // Without the realm nobody is known.
      { 'User-Name': 'budi', 'User-Password': 'rahasia1' },
    ]);
    assert.deepEqual(r.codes, ['Access-Accept', 'Access-Reject', 'Access-Reject', 'Access-Reject'], r.raw);
    assert.equal(r.attributes[0]!['Mikrotik-Rate-Limit'], '2M/5M');
  });

  test('a wrong password, an unknown user, a terminated or pending customer are rejected', async () => {
    const r = await auth([
      { 'User-Name': a.user('budi'), 'User-Password': 'salah' },
      { 'User-Name': a.user('nobody'), 'User-Password': 'rahasia1' },
      { 'User-Name': a.user('agus'), 'User-Password': 'pw-agus' },
      { 'User-Name': a.user('dewi'), 'User-Password': 'pw-dewi' },
    ]);
    assert.deepEqual(r.codes, ['Access-Reject', 'Access-Reject', 'Access-Reject', 'Access-Reject'], r.raw);
    assert.deepEqual(r.attributes, [{}, {}, {}, {}]);
  });

  test('an isolated customer is accepted into the isolir group; a suspended one is rejected', async () => {
    const r = await auth([
      { 'User-Name': a.user('siti'), 'User-Password': 'pw-siti' },
      { 'User-Name': a.user('joko'), 'User-Password': 'pw-joko' },
    ]);
    assert.deepEqual(r.codes, ['Access-Accept', 'Access-Reject'], r.raw);
    assert.equal(r.attributes[0]!['Mikrotik-Rate-Limit'], '512k/512k');
    assert.equal(r.attributes[0]!['Mikrotik-Address-List'], 'isolir-web');
  });

  test('status transitions change the answer at once, without restarting FreeRADIUS', async () => {
    const rina = { 'User-Name': a.user('rina'), 'User-Password': 'pw-rina' };
    const move = async (to: 'isolated' | 'active' | 'suspended' | 'terminated') => {
      const r = await executeOperation(transitionSubscriptionOp, a.ctx, {
        subscriptionId: a.subs.rina,
        to,
        reason: 'uji radius',
      });
      assert.equal(r.ok, true, JSON.stringify(r));
      return auth([rina]);
    };
    let r = await move('isolated');
    assert.equal(r.code, 'Access-Accept', r.raw);
    assert.deepEqual(r.attributes[0], { 'Mikrotik-Rate-Limit': '512k/512k', 'Mikrotik-Address-List': 'isolir-web' });
    r = await move('active');
    assert.deepEqual(r.attributes[0], { 'Mikrotik-Rate-Limit': '10M/20M' });
    r = await move('suspended');
    assert.equal(r.code, 'Access-Reject', r.raw);
    r = await move('active');
    assert.equal(r.code, 'Access-Accept', r.raw);
    r = await move('terminated');
    assert.equal(r.code, 'Access-Reject', r.raw);
  });

  test('the router is a RADIUS client from the nas table: its address and secret, nothing else', async () => {
    const asRouter = { port: fr.authPort, userName: a.user('budi'), password: 'rahasia1' };
    const ok = await accessRequestFrom({ ...asRouter, source: a.address, secret: a.secret });
    assert.deepEqual(ok, { code: 'Access-Accept', verified: true }, fr.log());
    // Organization B's router with its own secret works too; A's secret from B's address does not.
    const otherRouter = await accessRequestFrom({
      ...asRouter,
      userName: b.user('budi'),
      password: 'lain-sekali',
      source: b.address,
      secret: b.secret,
    });
    assert.deepEqual(otherRouter, { code: 'Access-Accept', verified: true });
    const wrongSecret = await accessRequestFrom({ ...asRouter, source: b.address, secret: a.secret, timeoutMs: 1000 });
    assert.notDeepEqual(wrongSecret, { code: 'Access-Accept', verified: true });
    // An address with no nas row is not a client: FreeRADIUS does not answer at all.
    const stranger = await accessRequestFrom({ ...asRouter, source: loopback(), secret: a.secret, timeoutMs: 1000 });
    assert.equal(stranger.code, 'timeout');
  });

  test('accounting Start, Interim-Update and Stop land in radacct and show in the app', async () => {
    const t0 = Math.floor(Date.now() / 1000) - 3600;
    const session = {
      'Acct-Session-Id': `81${randomInt(1e8)}`,
      'User-Name': a.user('budi'),
      'NAS-IP-Address': a.address,
      'NAS-Port-Id': 'pppoe-vlan100',
      'Framed-IP-Address': '10.10.0.5',
      'Calling-Station-Id': 'AA:BB:CC:00:00:01',
    };
    const row = async () => {
      const rows = await db
        .select()
        .from(radacct)
        .where(
          sql`${radacct.acctsessionid} = ${session['Acct-Session-Id']} and ${radacct.username} = ${session['User-Name']}`,
        );
      assert.equal(rows.length, 1, 'one radacct row per session');
      return rows[0]!;
    };

    const start = await acct({ 'Acct-Status-Type': 'Start', ...session, 'Event-Timestamp': t0 });
    assert.equal(start.code, 'Accounting-Response', start.raw);
    let r = await row();
    assert.equal(r.acctstarttime?.getTime(), t0 * 1000);
    assert.equal(r.acctupdatetime?.getTime(), t0 * 1000);
    assert.equal(r.acctstoptime, null);
    assert.equal(r.framedipaddress, '10.10.0.5');
    assert.equal(r.nasipaddress, a.address);
    assert.equal(r.callingstationid, 'AA:BB:CC:00:00:01');
    // The app shows it: online now in A (not in B), and on the customer's page.
    const online = await radiusOnline(db, { orgId: a.org.id });
    assert.deepEqual(
      online.items.map((o) => [o.username, o.address, o.customerName]),
      [[a.user('budi'), '10.10.0.5', 'Pelanggan budi']],
    );
    assert.equal((await radiusOnline(db, { orgId: b.org.id })).total, 0);
    const live = await customerRadiusSessions(db, { orgId: a.org.id, subscriptionId: a.subs.budi! });
    assert.equal(live.online, true);
    assert.equal(live.sessions[0]?.sessionId, session['Acct-Session-Id']);

    await acct({
      'Acct-Status-Type': 'Interim-Update',
      ...session,
      'Event-Timestamp': t0 + 300,
      'Acct-Session-Time': 300,
      'Acct-Input-Octets': 1_500_000,
      'Acct-Output-Octets': 25_000_000,
    });
    r = await row();
    assert.equal(r.acctupdatetime?.getTime(), (t0 + 300) * 1000);
    assert.equal(r.acctstoptime, null);
    assert.deepEqual([r.acctsessiontime, r.acctinputoctets, r.acctoutputoctets], [300, 1_500_000, 25_000_000]);

    // Past 4 GiB the NAS counts in Acct-Output-Gigawords: FreeRADIUS stores the whole number.
    await acct({
      'Acct-Status-Type': 'Stop',
      ...session,
      'Event-Timestamp': t0 + 600,
      'Acct-Session-Time': 600,
      'Acct-Input-Octets': 3_000_000,
      'Acct-Output-Octets': 5,
      'Acct-Output-Gigawords': 1,
      'Acct-Terminate-Cause': 'User-Request',
    });
    r = await row();
    assert.equal(r.acctstoptime?.getTime(), (t0 + 600) * 1000);
    assert.equal(r.acctstarttime?.getTime(), t0 * 1000);
    assert.deepEqual([r.acctsessiontime, r.acctinputoctets, r.acctoutputoctets], [600, 3_000_000, 2 ** 32 + 5]);
    assert.equal(r.acctterminatecause, 'User-Request');
    assert.equal(r.framedipaddress, '10.10.0.5');

    // Octets in = from the customer (upload), out = to them (download).
    const shown = await customerRadiusSessions(db, { orgId: a.org.id, subscriptionId: a.subs.budi! });
    assert.equal(shown.online, false);
    assert.equal(shown.sessions.length, 1);
    const s0 = shown.sessions[0]!;
    assert.deepEqual([new Date(s0.start!).getTime(), new Date(s0.stop!).getTime()], [t0 * 1000, (t0 + 600) * 1000]);
    assert.deepEqual(
      [s0.seconds, s0.upload, s0.download, s0.address, s0.nas, s0.terminateCause],
      [600, 3_000_000, 2 ** 32 + 5, '10.10.0.5', a.address, 'User-Request'],
    );
    assert.equal((await radiusOnline(db, { orgId: a.org.id })).total, 0);
    const usage = await customerRadiusUsage(db, { orgId: a.org.id, subscriptionId: a.subs.budi! });
    assert.deepEqual(
      usage.reduce(
        (t, m) => ({
          sessions: t.sessions + m.sessions,
          download: t.download + m.download,
          upload: t.upload + m.upload,
        }),
        { sessions: 0, download: 0, upload: 0 },
      ),
      { sessions: 1, download: 2 ** 32 + 5, upload: 3_000_000 },
    );
    // Another organization cannot read this customer's sessions.
    await assert.rejects(customerRadiusSessions(db, { orgId: b.org.id, subscriptionId: a.subs.budi! }));
  });
});
