import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { makeOrg, PASSWORD, testDb } from '../helpers';

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
});
