import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { loginAttempts, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';

const db = testDb();
// Defaults from lib/env.ts: 5 attempts per account, 20 per IP, in 15 minutes.
process.env.NEXTAUTH_SECRET ??= 'test-secret-test-secret';

describe('sign-in', () => {
  test('the right password signs in, whatever the case of the email', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const r = await authenticate(db, { email: `  ${admin.user.email.toUpperCase()} `, password: PASSWORD, ip: '198.51.100.1' });
    assert.ok(r.ok);
    assert.equal(r.user.id, admin.user.id);
    const [user] = await db.select().from(users).where(eq(users.id, admin.user.id));
    assert.ok(user!.lastLoginAt, 'last sign-in is recorded');
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const { admin } = await makeOrg(db, 'auth');
    assert.deepEqual(await authenticate(db, { email: admin.user.email, password: 'salah-sekali', ip: '198.51.100.2' }), {
      ok: false,
      error: 'invalid_credentials',
    });
    assert.deepEqual(await authenticate(db, { email: 'tidak-ada@t.test', password: 'salah-sekali', ip: '198.51.100.2' }), {
      ok: false,
      error: 'invalid_credentials',
    });
  });

  test('after 5 wrong passwords the account is locked for the window, even with the right one', async () => {
    const { admin } = await makeOrg(db, 'auth');
    for (let i = 0; i < 5; i++) {
      const r = await authenticate(db, { email: admin.user.email, password: 'salah', ip: `198.51.100.${10 + i}` });
      assert.deepEqual(r, { ok: false, error: 'invalid_credentials' });
    }
    const locked = await authenticate(db, { email: admin.user.email, password: PASSWORD, ip: '198.51.100.99' });
    assert.deepEqual(locked, { ok: false, error: 'rate_limited' });
  });

  test('one IP is limited across accounts', async () => {
    const ip = '192.0.2.77';
    let last;
    for (let i = 0; i < 21; i++) last = await authenticate(db, { email: `orang${i}@t.test`, password: 'salah', ip });
    assert.deepEqual(last, { ok: false, error: 'rate_limited' });
  });

  test('a deactivated account cannot sign in', async () => {
    const { admin } = await makeOrg(db, 'auth');
    await db.update(users).set({ active: false }).where(eq(users.id, admin.user.id));
    assert.deepEqual(await authenticate(db, { email: admin.user.email, password: PASSWORD, ip: null }), {
      ok: false,
      error: 'account_disabled',
    });
  });

  test('strangers failing from elsewhere cannot keep the owner out of the address they signed in from', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.10' })).ok);
    for (let i = 0; i < 8; i++) await authenticate(db, { email, password: 'tebak', ip: `198.18.0.${i + 1}` });
    // Another unknown address is locked out for the window…
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '198.18.1.1' }), { ok: false, error: 'rate_limited' });
    // …but the owner, from where they signed in before, is not.
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.10' })).ok);
  });

  test('one account + address pair waits longer after each failure, the right password included', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    const ip = '203.0.113.20';
    for (let i = 0; i < 4; i++) assert.deepEqual(await authenticate(db, { email, password: 'salah', ip }), { ok: false, error: 'invalid_credentials' });
    // The 4th failure earned a 2 s wait: even the right password is not checked until then.
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip }), { ok: false, error: 'rate_limited' });
    // Another address is not slowed down by this pair.
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.21' })).ok);
    await db.execute(sql`update login_attempts set window_start = window_start - interval '3 seconds' where key = ${`pair:${email}|${ip}`}`);
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip })).ok, 'after the wait the pair may try again');
  });

  test('the account lock ends with its window, however long the attacker keeps trying', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    for (let i = 0; i < 12; i++) await authenticate(db, { email, password: 'tebak', ip: `198.18.2.${i + 1}` });
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '198.18.3.1' }), { ok: false, error: 'rate_limited' });
    await db.execute(sql`update login_attempts set window_start = window_start - interval '15 minutes' where key = ${`account:${email}`}`);
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '198.18.3.1' })).ok);
  });

  test('old attempt rows are pruned; recently known addresses are kept', async () => {
    const stamp = Date.now();
    await db.insert(loginAttempts).values([
      { key: `ip:old-${stamp}`, windowStart: new Date(Date.now() - 86_400_000), count: 3 },
      { key: `known:old-${stamp}|192.0.2.1`, windowStart: new Date(Date.now() - 40 * 86_400_000), count: 1 },
      { key: `known:recent-${stamp}|192.0.2.1`, windowStart: new Date(Date.now() - 86_400_000), count: 1 },
    ]);
    await authenticate(db, { email: 'siapa@t.test', password: 'salah', ip: '192.0.2.200' });
    const keys = (await db.select({ key: loginAttempts.key }).from(loginAttempts)).map((r) => r.key);
    assert.ok(!keys.includes(`ip:old-${stamp}`));
    assert.ok(!keys.includes(`known:old-${stamp}|192.0.2.1`));
    assert.ok(keys.includes(`known:recent-${stamp}|192.0.2.1`));
  });

  test('demo accounts do not sign in where the demo is off (production)', async () => {
    const { org } = await makeOrg(db, 'auth');
    const member = await makeMember(db, org.id, 'admin');
    const email = `admin-${Date.now()}@demo.jaring.id`;
    await db.update(users).set({ email }).where(eq(users.id, member.user.id));
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.30' }), { ok: false, error: 'invalid_credentials' });
  });
});

