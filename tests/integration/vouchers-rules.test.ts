import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { radcheck, radgroupcheck, radgroupreply, radusergroup, voucherBatches, vouchers } from '@/db/schema';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { deliverBatch } from '@/lib/vouchers/enforcement';
import { generateVoucherBatchOp, saveVoucherProfileOp, voucherSalesOp } from '@/lib/vouchers/operations';
import { voucherTick } from '@/lib/vouchers/tick';
import { routerAccess } from '@/workers/router-pool';
import { ctxFor, makeMember, makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';

const db = testDb();

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${JSON.stringify(r)}`);
  return r.data;
}

/**
 * The delivery job's rule, run here directly: RADIUS delivery is database work only, and
 * this file does not depend on a worker being free (tests/integration/vouchers.test.ts runs
 * the real worker against a router).
 */
async function deliver(ctx: Ctx, batchId: string) {
  const progress: [number, number][] = [];
  const result = await deliverBatch(db, routerAccess(db), {
    orgId: ctx.orgId,
    batchId,
    progress: async (d, t) => void progress.push([d, t]),
  });
  return { result: result ?? {}, progress };
}

const FORM = {
  name: 'Voucher 3 Jam',
  priceRupiah: '3000',
  costRupiah: '2500',
  validityMinutes: '180',
  timeQuotaMinutes: '',
  dataQuotaMb: '5120',
  rateLimit: '1M/3M',
  sharedUsers: '1',
  routerProfile: '',
  radiusGroup: 'hemat',
};

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const profile = await ok(executeOperation(saveVoucherProfileOp, ctx, FORM));
  return { org, ctx, profile };
}

describe('voucher profiles', () => {
  test('prices are whole rupiah with cost ≤ price; names are unique per organization; clear messages', async () => {
    const w = await world('vp');
    const high = await executeOperation(saveVoucherProfileOp, w.ctx, { ...FORM, name: 'Mahal', costRupiah: '3001' });
    assert.ok(!high.ok && high.code === 'validation');
    assert.equal(!high.ok && high.fieldErrors?.costRupiah, 'Harga reseller tidak boleh lebih tinggi dari harga jual.');
    const same = await executeOperation(
      saveVoucherProfileOp,
      { ...w.ctx, locale: 'en' },
      { ...FORM, name: 'voucher 3 JAM' },
    );
    assert.ok(!same.ok && same.code === 'voucher_profile_name_taken');
    assert.equal(!same.ok && same.fieldErrors?.name, 'Another profile already has this name.');
    const bad = await executeOperation(saveVoucherProfileOp, w.ctx, {
      ...FORM,
      name: 'X1',
      validityMinutes: '0',
      rateLimit: '2 Mbps',
      priceRupiah: '',
    });
    assert.ok(!bad.ok);
    assert.deepEqual(Object.keys(!bad.ok ? (bad.fieldErrors ?? {}) : {}).sort(), [
      'priceRupiah',
      'rateLimit',
      'validityMinutes',
    ]);
    // Another organization may use the same name.
    const other = await world('vp-other');
    assert.equal(other.profile.name, w.profile.name);
  });
});

describe('voucher batches: codes', () => {
  test('codes taken by earlier vouchers or by customers are drawn again until all N are in', async () => {
    const w = await world('vb-collide');
    const plan = await makePlan(db, w.org.id);
    // 2,000 of the 10,000 four-digit codes are taken (an old batch of another charset, so the
    // 1 % rule does not count them) and 50 are customers' usernames.
    const [old] = await db
      .insert(voucherBatches)
      .values({
        organizationId: w.org.id,
        profileId: w.profile.id,
        count: 2000,
        codeLength: 4,
        charset: 'lower_numeric',
        passwordMode: 'same',
        delivery: 'radius',
        priceRupiah: 0,
        costRupiah: 0,
      })
      .returning();
    await db.execute(sql`
      insert into vouchers (organization_id, batch_id, profile_id, code)
      select ${w.org.id}, ${old!.id}, ${w.profile.id}, lpad(g::text, 4, '0') from generate_series(0, 1999) g`);
    for (let i = 0; i < 50; i++)
      await makeSubscriber(db, w.org.id, { planId: plan.id, routerId: null, username: String(9000 + i) });
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '100',
        codeLength: '4',
        charset: 'numeric',
        delivery: 'radius',
      }),
    );
    const codes = (await db.select({ code: vouchers.code }).from(vouchers).where(eq(vouchers.batchId, batch.id))).map(
      (v) => Number(v.code),
    );
    assert.equal(codes.length, 100);
    assert.equal(new Set(codes).size, 100);
    assert.ok(
      codes.every((c) => c >= 2000 && !(c >= 9000 && c < 9050)),
      'no code of another voucher or customer',
    );
  });

  test('a batch may use at most 1 % of its code space, counting earlier batches alike', async () => {
    const w = await world('vb-space');
    const input = { profileId: w.profile.id, count: '80', codeLength: '4', charset: 'numeric', delivery: 'radius' };
    await ok(executeOperation(generateVoucherBatchOp, w.ctx, input));
    const r = await executeOperation(generateVoucherBatchOp, w.ctx, { ...input, count: '21' });
    assert.ok(!r.ok && r.code === 'voucher_space_small');
    assert.match(!r.ok ? r.message : '', /paling banyak 20 voucher lagi/);
    assert.ok(!r.ok && r.fieldErrors?.codeLength);
    // Rolled back whole: no batch row, no vouchers, no job.
    assert.equal((await db.select().from(voucherBatches).where(eq(voucherBatches.organizationId, w.org.id))).length, 1);
  });

  test("another organization's profile, router or reseller cannot be used", async () => {
    const w = await world('vb-own');
    const b = await world('vb-theirs');
    const theirRouter = await makeRouter(db, b.org.id, { host: '10.255.1.1', port: 8728 });
    const theirReseller = await makeMember(db, b.org.id, 'reseller');
    const base = { profileId: w.profile.id, count: '5', codeLength: '8', charset: 'numeric', delivery: 'radius' };
    for (const input of [
      { ...base, profileId: b.profile.id },
      { ...base, delivery: 'router', routerId: theirRouter.id },
      { ...base, resellerUserId: theirReseller.user.id },
    ]) {
      const r = await executeOperation(generateVoucherBatchOp, w.ctx, input);
      assert.ok(!r.ok && r.code === 'not_found', JSON.stringify(r));
    }
    const missing = await executeOperation(generateVoucherBatchOp, w.ctx, { ...base, delivery: 'router' });
    assert.ok(!missing.ok && missing.fieldErrors?.routerId);
    assert.equal((await db.select().from(vouchers).where(eq(vouchers.organizationId, w.org.id))).length, 0);
  });
});

describe('vouchers in RADIUS mode', () => {
  test('rows FreeRADIUS reads: password, group with quotas; accounting moves status and writes Expiration / Reject', async () => {
    const w = await world('vr');
    const reseller = await makeMember(db, w.org.id, 'reseller');
    const batch = await ok(
      executeOperation(generateVoucherBatchOp, w.ctx, {
        profileId: w.profile.id,
        count: '40',
        codeLength: '8',
        charset: 'lower',
        passwordMode: 'separate',
        delivery: 'radius',
        resellerUserId: reseller.user.id,
      }),
    );
    const job = await deliver(w.ctx, batch.id);
    assert.equal(job.result.written, 40);
    assert.deepEqual(job.progress.at(-1), [40, 40]);
    assert.equal(
      (await db.select().from(voucherBatches).where(eq(voucherBatches.id, batch.id)))[0]!.status,
      'delivered',
    );
    const slug = w.org.slug;
    const group = `voucher:hemat@${slug}`;
    const [v] = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(1);
    const username = `${v!.code}@${slug}`;
    const check = await db.select().from(radcheck).where(eq(radcheck.username, username));
    assert.equal(check.length, 1);
    assert.equal(check[0]!.attribute, 'Cleartext-Password');
    assert.notEqual(check[0]!.value, v!.code, 'separate mode: the password, not the code');
    assert.equal(check[0]!.organizationId, w.org.id);
    assert.deepEqual(
      (await db.select().from(radusergroup).where(eq(radusergroup.username, username))).map((g) => g.groupname),
      [group],
    );
    const groupCheck = await db.select().from(radgroupcheck).where(eq(radgroupcheck.groupname, group));
    assert.deepEqual(
      groupCheck.map((r) => [r.attribute, r.op, r.value]),
      [['Simultaneous-Use', ':=', '1']],
    );
    const reply = Object.fromEntries(
      (await db.select().from(radgroupreply).where(eq(radgroupreply.groupname, group))).map((r) => [
        r.attribute,
        r.value,
      ]),
    );
    assert.deepEqual(reply, {
      'Session-Timeout': '10800',
      'Acct-Interim-Interval': '300',
      'Mikrotik-Rate-Limit': '1M/3M',
      'Mikrotik-Total-Limit': String((5 * 2 ** 30) % 2 ** 32),
      'Mikrotik-Total-Limit-Gigawords': '1',
    });
    assert.ok(v!.soldAt, "a reseller's voucher is sold when bought");

    // Accounting: a session that began 20 minutes ago, on the organization's router (rows
    // from any other NAS are not the organization's).
    await makeRouter(db, w.org.id, { host: '127.0.0.9', port: 8728 });
    await db.execute(sql`
      insert into radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctsessiontime, acctinputoctets, acctoutputoctets)
      values ('s1', ${`u-${batch.id}`}, ${username}, '127.0.0.9', now() - interval '20 minutes', 1200, 100, 900)`);
    await voucherTick(db);
    const [active] = await db.select().from(vouchers).where(eq(vouchers.id, v!.id));
    assert.deepEqual([active!.status, active!.usedSeconds, active!.usedBytes], ['active', 1200, 1000]);
    const expiration = await db
      .select()
      .from(radcheck)
      .where(and(eq(radcheck.username, username), eq(radcheck.attribute, 'Expiration')));
    assert.equal(Number(expiration[0]!.value), Math.floor(active!.expiresAt!.getTime() / 1000));
    assert.equal(active!.expiresAt!.getTime() - active!.firstLoginAt!.getTime(), 180 * 60_000);

    // Three hours later: expired, and FreeRADIUS rejects it.
    await db.update(vouchers).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(vouchers.id, v!.id));
    await voucherTick(db);
    assert.equal((await db.select().from(vouchers).where(eq(vouchers.id, v!.id)))[0]!.status, 'expired');
    const rows = await db.select().from(radcheck).where(eq(radcheck.username, username));
    assert.deepEqual(rows.map((r) => r.attribute).sort(), ['Auth-Type', 'Cleartext-Password']);
    assert.equal(rows.find((r) => r.attribute === 'Auth-Type')!.value, 'Reject');

    // The sales report counts the reseller's 40 at the reseller price.
    const sales = await ok(executeOperation(voucherSalesOp, w.ctx, { from: '2020-01-01', to: '2099-12-31' }));
    assert.deepEqual(
      sales.map((s) => [s.profileName, s.resellerUserId, s.sold, s.revenue]),
      [['Voucher 3 Jam', reseller.user.id, 40, 40 * 2500]],
    );
  });
});
