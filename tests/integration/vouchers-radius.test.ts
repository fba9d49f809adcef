import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { vouchers } from '@/db/schema';
import { generateBatch } from '@/lib/vouchers/batches';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import { applyVoucherRadiusState, writeBatchRadius } from '@/lib/vouchers/radius';
import { voucherProfileSchema } from '@/lib/vouchers/schemas';
import { makeOrg, testDb } from '../helpers';
import { type FreeRadius, type RadiusAttributes, radclient, skipReason, startFreeRadius } from '../support/freeradius';

/**
 * Vouchers against a real FreeRADIUS (stock config + the sql module on the test database):
 * the attributes the app writes must be ones FreeRADIUS knows and acts on.
 */
const db = testDb();
const skip = skipReason();

const FORM = {
  name: 'Voucher 3 Jam',
  priceRupiah: '3000',
  costRupiah: '2500',
  validityMinutes: '180',
  timeQuotaMinutes: '120',
  dataQuotaMb: '5120',
  rateLimit: '1M/3M',
  sharedUsers: '1',
  routerProfile: 'hs-hemat',
  radiusGroup: '',
};

async function radiusBatch(label: string, passwordMode: 'same' | 'separate') {
  const { org, admin } = await makeOrg(db, label);
  const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  const profile = await saveVoucherProfile(db, { ...actor, input: voucherProfileSchema.parse(FORM) });
  const batch = await generateBatch(db, {
    ...actor,
    input: {
      profileId: profile.id,
      count: 3,
      codeLength: 8,
      charset: 'lower_numeric',
      prefix: '',
      passwordMode,
      delivery: 'radius',
      routerId: null,
      resellerUserId: null,
    },
  });
  // What the delivery job does (no worker in this file).
  await db.transaction((tx) => writeBatchRadius(tx, { orgId: org.id, batchId: batch.id }));
  const rows = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).orderBy(vouchers.code);
  return { org, batch, codes: rows.map((v) => v.code), user: (code: string) => `${code}@${org.slug}` };
}

describe('vouchers in a real FreeRADIUS', { skip }, () => {
  let fr: FreeRadius;
  let a: Awaited<ReturnType<typeof radiusBatch>>;
  let b: Awaited<ReturnType<typeof radiusBatch>>;
  const auth = (attributes: RadiusAttributes[]) =>
    radclient({ port: fr.authPort, secret: fr.secret, kind: 'auth', attributes });

  before(async () => {
    a = await radiusBatch('vrad-a', 'same');
    b = await radiusBatch('vrad-b', 'separate');
    // B happens to have the same code as A (codes are unique per organization only).
    await db.update(vouchers).set({ code: a.codes[0]! }).where(eq(vouchers.code, b.codes[0]!));
    await db.transaction((tx) => writeBatchRadius(tx, { orgId: b.org.id, batchId: b.batch.id }));
    fr = await startFreeRadius({ databaseUrl: process.env.DATABASE_URL! });
  });
  after(async () => {
    await fr?.stop();
  });

  test("a voucher logs in with its code at the realm and gets the profile's speed and limits", async () => {
    const code = a.codes[1]!;
    const r = await auth([{ 'User-Name': a.user(code), 'User-Password': code }]);
    assert.equal(r.code, 'Access-Accept', `${r.raw}\n${fr.log()}`);
    const reply = r.attributes[0]!;
    assert.equal(reply['Mikrotik-Rate-Limit'], '1M/3M');
    assert.equal(reply['Mikrotik-Group'], 'hs-hemat');
    assert.equal(reply['Session-Timeout'], '7200');
    assert.equal(reply['Acct-Interim-Interval'], '300');
    assert.equal(reply['Mikrotik-Total-Limit'], String((5 * 2 ** 30) % 2 ** 32));
    assert.equal(reply['Mikrotik-Total-Limit-Gigawords'], '1');
  });

  test('the same code in two organizations: each its own password; without the realm nobody', async () => {
    const code = a.codes[0]!;
    const r = await auth([
      { 'User-Name': a.user(code), 'User-Password': code },
      // B's voucher with that code has a separate password: A's does not open it.
      { 'User-Name': b.user(code), 'User-Password': code },
      { 'User-Name': code, 'User-Password': code },
    ]);
    assert.deepEqual(r.codes, ['Access-Accept', 'Access-Reject', 'Access-Reject'], r.raw);
  });

  test('Expiration caps the session at what is left of the validity, and ends it', async () => {
    const [soon, gone] = [a.codes[1]!, a.codes[2]!];
    await db.execute(
      sql`update vouchers set status = 'active', first_login_at = now(), expires_at = now() + interval '30 minutes' where organization_id = ${a.org.id} and code = ${soon}`,
    );
    await db.execute(
      sql`update vouchers set status = 'active', first_login_at = now() - interval '4 hours', expires_at = now() - interval '1 hour' where organization_id = ${a.org.id} and code = ${gone}`,
    );
    await applyVoucherRadiusState(db, { orgId: a.org.id, where: sql`v.batch_id = ${a.batch.id}` });
    const r = await auth([
      { 'User-Name': a.user(soon), 'User-Password': soon },
      { 'User-Name': a.user(gone), 'User-Password': gone },
    ]);
    assert.deepEqual(r.codes, ['Access-Accept', 'Access-Reject'], r.raw);
    const timeout = Number(r.attributes[0]!['Session-Timeout']);
    assert.ok(timeout > 1700 && timeout <= 1800, `Session-Timeout ${timeout}`);
  });

  test('a used voucher is rejected', async () => {
    const code = a.codes[0]!;
    await db.execute(sql`update vouchers set status = 'used' where organization_id = ${a.org.id} and code = ${code}`);
    await applyVoucherRadiusState(db, { orgId: a.org.id, where: sql`v.code = ${code}` });
    const r = await auth([{ 'User-Name': a.user(code), 'User-Password': code }]);
    assert.equal(r.code, 'Access-Reject', r.raw);
  });
});
