import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { nas, radacct, vouchers } from '@/db/schema';
import { customerRadiusSessions, customerRadiusUsage, radiusOnline } from '@/lib/network/radius/accounting';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { generateBatch } from '@/lib/vouchers/batches';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import { writeBatchRadius } from '@/lib/vouchers/radius';
import { voucherProfileSchema } from '@/lib/vouchers/schemas';
import { refreshRadiusVouchers } from '@/lib/vouchers/status';
import { makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';
import {
  accessRequestFrom,
  accountingRequestFrom,
  type FreeRadius,
  skipReason,
  startFreeRadius,
} from '../support/freeradius';

/**
 * Two organizations on one FreeRADIUS, with the realm policy installed as docs/features/radius.md says
 * (deploy/freeradius/jaring): each router (NAS, its own loopback address and secret) may log
 * in and account only for its own organization's customers and vouchers. The app's reads
 * ignore accounting rows from a NAS that is none of the organization's routers.
 */
const db = testDb();
const skip = skipReason();
const loopback = () => `127.${randomInt(200, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const VOUCHER = {
  name: 'Voucher 1 Jam',
  priceRupiah: '2000',
  costRupiah: '1500',
  validityMinutes: '60',
  timeQuotaMinutes: '',
  dataQuotaMb: '',
  rateLimit: '1M/2M',
  sharedUsers: '1',
  routerProfile: '',
  radiusGroup: '',
};

async function isp(label: string, customer: string, password: string) {
  const { org, admin } = await makeOrg(db, label);
  const secret = `nas-${randomInt(1e9)}`;
  const address = loopback();
  const plan = await makePlan(db, org.id, { name: 'Paket 10 Mbps', downloadKbps: 10240, uploadKbps: 5120 });
  const router = await makeRouter(
    db,
    org.id,
    { host: address, port: 8728 },
    { mode: 'radius', radiusSecret: secret, nasAddress: address },
  );
  const { subscription } = await makeSubscriber(db, org.id, {
    planId: plan.id,
    routerId: router.id,
    username: customer,
    password,
    status: 'active',
  });
  await provisionRouterRadius(db, { orgId: org.id, routerId: router.id });
  const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  const profile = await saveVoucherProfile(db, { ...actor, input: voucherProfileSchema.parse(VOUCHER) });
  const batch = await generateBatch(db, {
    ...actor,
    input: {
      profileId: profile.id,
      count: 1,
      codeLength: 8,
      charset: 'lower_numeric',
      prefix: '',
      passwordMode: 'same',
      delivery: 'radius',
      routerId: null,
      resellerUserId: null,
    },
  });
  await db.transaction((tx) => writeBatchRadius(tx, { orgId: org.id, batchId: batch.id }));
  const [voucher] = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id));
  return {
    org,
    secret,
    address,
    subscription,
    voucher: voucher!,
    customer: `${customer}@${org.slug}`,
    code: `${voucher!.code}@${org.slug}`,
  };
}

describe('RADIUS realms: a NAS serves only its own organization', { skip }, () => {
  let fr: FreeRadius;
  let a: Awaited<ReturnType<typeof isp>>;
  let b: Awaited<ReturnType<typeof isp>>;
  const login = (from: typeof a, userName: string, password: string) =>
    accessRequestFrom({ source: from.address, port: fr.authPort, secret: from.secret, userName, password });
  const account = (from: typeof a, attributes: Record<string, string | number>) =>
    accountingRequestFrom({ source: from.address, port: fr.acctPort, secret: from.secret, attributes });

  before(async () => {
    a = await isp('realm-a', 'budi', 'rahasia-a');
    b = await isp('realm-b', 'joko', 'rahasia-b');
    fr = await startFreeRadius({ databaseUrl: process.env.DATABASE_URL! });
  });
  after(async () => {
    await fr?.stop();
  });

  test("each router's nas row carries its organization, at its canonical address", async () => {
    const [row] = await db.select().from(nas).where(eq(nas.organizationId, a.org.id));
    assert.equal(row!.shortname, a.org.slug);
    assert.equal(row!.nasname, a.address);
  });

  test("B's NAS cannot log in A's customer or voucher, even with the right password; each NAS still serves its own", async () => {
    assert.equal((await login(a, a.customer, 'rahasia-a')).code, 'Access-Accept', fr.log());
    assert.equal((await login(a, a.code, a.voucher.code)).code, 'Access-Accept');
    assert.equal((await login(b, b.customer, 'rahasia-b')).code, 'Access-Accept');
    assert.equal((await login(b, b.code, b.voucher.code)).code, 'Access-Accept');

    for (const [user, password] of [
      [a.customer, 'rahasia-a'],
      [a.code, a.voucher.code],
    ] as const) {
      const r = await login(b, user, password);
      assert.equal(r.code, 'Access-Reject', user);
      assert.equal(r.verified, true);
    }
    // Nor A's NAS B's, nor anyone a login without a realm.
    assert.equal((await login(a, b.customer, 'rahasia-b')).code, 'Access-Reject');
    assert.equal((await login(a, 'budi', 'rahasia-a')).code, 'Access-Reject');
  });

  test("B's NAS cannot write accounting for A's customer or voucher; A's NAS can, recorded at its own address", async () => {
    for (const user of [a.customer, a.code]) {
      const session = `foreign-${randomUUID().slice(0, 8)}`;
      const r = await account(b, {
        'Acct-Status-Type': 'Start',
        'Acct-Session-Id': session,
        'User-Name': user,
        'NAS-IP-Address': a.address,
        'Framed-IP-Address': '10.99.0.9',
      });
      assert.equal(r.code, 'timeout', `${user}: FreeRADIUS answered, so it recorded it`);
      assert.equal((await db.select().from(radacct).where(eq(radacct.acctsessionid, session))).length, 0);
    }

    // A's NAS claims another NAS-IP-Address (behind NAT, or lying): the packet's source is recorded.
    const own = `own-${randomUUID().slice(0, 8)}`;
    const r = await account(a, {
      'Acct-Status-Type': 'Start',
      'Acct-Session-Id': own,
      'User-Name': a.customer,
      'NAS-IP-Address': '10.9.9.9',
      'Framed-IP-Address': '10.20.0.5',
    });
    assert.equal(r.code, 'Accounting-Response', fr.log());
    assert.equal(r.verified, true);
    const [row] = await db.select().from(radacct).where(eq(radacct.acctsessionid, own));
    assert.equal(row?.nasipaddress, a.address);
    const seen = await customerRadiusSessions(db, { orgId: a.org.id, subscriptionId: a.subscription.id });
    assert.equal(seen.online, true);
    assert.ok(seen.sessions.some((s) => s.sessionId === own));

    // An Accounting-On from B's NAS, claiming A's address, closes none of A's sessions.
    assert.equal(
      (await account(b, { 'Acct-Status-Type': 'Accounting-On', 'NAS-IP-Address': a.address })).code,
      'Accounting-Response',
    );
    const [still] = await db.select().from(radacct).where(eq(radacct.acctsessionid, own));
    assert.equal(still?.acctstoptime, null);
  });

  test("accounting rows from a NAS that is none of the organization's routers are ignored by the app", async () => {
    const foreign = loopback();
    const row = (username: string) => ({
      acctsessionid: `x-${randomUUID()}`,
      acctuniqueid: randomUUID(),
      username,
      nasipaddress: foreign,
      acctstarttime: new Date(),
      acctsessiontime: 600,
      acctinputoctets: 1000,
      acctoutputoctets: 5000,
    });
    await db.insert(radacct).values([row(a.customer), row(a.code)]);

    const sessions = await customerRadiusSessions(db, { orgId: a.org.id, subscriptionId: a.subscription.id });
    assert.ok(sessions.sessions.every((s) => s.nas !== foreign));
    const online = await radiusOnline(db, { orgId: a.org.id });
    assert.ok(online.items.every((s) => s.nas !== foreign));
    assert.ok(
      online.items.some((s) => s.username === a.customer),
      'the session from its own NAS is listed',
    );
    const usage = await customerRadiusUsage(db, { orgId: a.org.id, subscriptionId: a.subscription.id });
    assert.equal(
      usage.reduce((n, m) => n + m.download, 0),
      0,
    );
    // The voucher was never used from one of A's routers: it stays unused.
    await refreshRadiusVouchers(db, { orgId: a.org.id });
    const [voucher] = await db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.id, a.voucher.id)));
    assert.equal(voucher!.status, 'unused');
    assert.equal(voucher!.firstLoginAt, null);
    await db.execute(sql`delete from radacct where nasipaddress = ${foreign}::inet`);
  });
});
