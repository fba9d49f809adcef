import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { loginAttempts, users } from '@/db/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { delayCapSeconds } from '@/lib/auth/rate-limit';
import { newTotpSecret } from '@/lib/auth/totp';
import { encryptSecret } from '@/lib/crypto';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';

const db = testDb();
// Defaults from lib/env.ts: 5 attempts per account, 20 per IP, in 15 minutes.
process.env.NEXTAUTH_SECRET ??= 'test-secret-test-secret';

describe('sign-in', () => {
  test('the right password signs in, whatever the case of the email', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const r = await authenticate(db, {
      email: `  ${admin.user.email.toUpperCase()} `,
      password: PASSWORD,
      ip: '198.51.100.1',
    });
    assert.ok(r.ok);
    assert.equal(r.user.id, admin.user.id);
    const [user] = await db.select().from(users).where(eq(users.id, admin.user.id));
    assert.ok(user!.lastLoginAt, 'last sign-in is recorded');
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const { admin } = await makeOrg(db, 'auth');
    assert.deepEqual(
      await authenticate(db, { email: admin.user.email, password: 'salah-sekali', ip: '198.51.100.2' }),
      {
        ok: false,
        error: 'invalid_credentials',
      },
    );
    assert.deepEqual(
      await authenticate(db, { email: 'tidak-ada@t.test', password: 'salah-sekali', ip: '198.51.100.2' }),
      {
        ok: false,
        error: 'invalid_credentials',
      },
    );
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
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '198.18.1.1' }), {
      ok: false,
      error: 'rate_limited',
    });
    // …but the owner, from where they signed in before, is not.
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.10' })).ok);
  });

  test('one account + address pair waits longer after each failure, the right password included', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    const ip = '203.0.113.20';
    for (let i = 0; i < 4; i++)
      assert.deepEqual(await authenticate(db, { email, password: 'salah', ip }), {
        ok: false,
        error: 'invalid_credentials',
      });
    // The 4th failure earned a 2 s wait: even the right password is not checked until then.
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip }), { ok: false, error: 'rate_limited' });
    // Another address is not slowed down by this pair.
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.21' })).ok);
    await db.execute(
      sql`update login_attempts set window_start = window_start - interval '3 seconds' where key = ${`pair:${email}|${ip}`}`,
    );
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip })).ok, 'after the wait the pair may try again');
  });

  test('the account lock ends with its window, however long the attacker keeps trying', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    for (let i = 0; i < 12; i++) await authenticate(db, { email, password: 'tebak', ip: `198.18.2.${i + 1}` });
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '198.18.3.1' }), {
      ok: false,
      error: 'rate_limited',
    });
    await db.execute(
      sql`update login_attempts set window_start = window_start - interval '15 minutes' where key = ${`account:${email}`}`,
    );
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
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '203.0.113.30' }), {
      ok: false,
      error: 'invalid_credentials',
    });
  });

  test('a burst of simultaneous wrong passwords gets no more guesses than the same attempts in a row', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        authenticate(db, { email, password: `tebak-${i}`, ip: `198.18.4.${i + 1}` }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.error === 'invalid_credentials').length;
    assert.ok(checked <= 5, `${checked} passwords checked; the account allows 5`);
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '198.18.5.1' }), {
      ok: false,
      error: 'rate_limited',
    });
  });

  test('a burst from one address gets its free failures and no more', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(db, { email, password: `tebak-${i}`, ip: '198.18.6.1' })),
    );
    const checked = results.filter((r) => !r.ok && r.error === 'invalid_credentials').length;
    assert.ok(checked <= 4, `${checked} passwords checked; the pair allows 3 free failures and a 4th`);
  });

  test('a burst of simultaneous wrong two-factor codes is limited like wrong passwords', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    await db
      .update(users)
      .set({ totpSecretEnc: encryptSecret(newTotpSecret()), totpEnabledAt: new Date() })
      .where(eq(users.id, admin.user.id));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        authenticate(db, {
          email,
          password: PASSWORD,
          otp: `abcde-fgh${String.fromCharCode(97 + i)}k`,
          ip: `198.18.7.${i + 1}`,
        }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.error === 'otp_invalid').length;
    assert.ok(checked <= 5, `${checked} codes checked; the account allows 5`);
  });

  test('without a client address the account lock always applies, even after the owner signed in that way', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: null })).ok);
    for (let i = 0; i < 5; i++) await authenticate(db, { email, password: 'tebak', ip: `198.18.8.${i + 1}` });
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: null }), {
      ok: false,
      error: 'rate_limited',
    });
    const [known] = await db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, `known:${email}|unknown`));
    assert.equal(known, undefined, 'an unknown address is never remembered as known');
  });

  test('IPv6 addresses in one /64 share their limits', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    for (let i = 0; i < 4; i++) await authenticate(db, { email, password: 'tebak', ip: `2001:db8:77:1::${i + 1}` });
    // The 4th failure in this /64 earned a wait; a new address in it waits too.
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: '2001:db8:77:1:ffff::9' }), {
      ok: false,
      error: 'rate_limited',
    });
    assert.ok(
      (await authenticate(db, { email, password: PASSWORD, ip: '2001:db8:77:2::1' })).ok,
      'another /64 is not slowed down',
    );
  });

  test('an unknown email costs the same password check as a known one', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const time = async (email: string) => {
      const started = performance.now();
      await authenticate(db, { email, password: 'salah', ip: `198.18.9.${Math.floor(Math.random() * 250) + 1}` });
      return performance.now() - started;
    };
    await time(`pemanasan-${Date.now()}@t.test`);
    const known = Math.min(await time(admin.user.email), await time(admin.user.email));
    const unknown = Math.min(
      await time(`tidak-ada-${Date.now()}@t.test`),
      await time(`tidak-ada-2-${Date.now()}@t.test`),
    );
    assert.ok(unknown > known * 0.5, `unknown email ${unknown.toFixed(1)} ms, known ${known.toFixed(1)} ms`);
  });

  test('sitting out the longest delay does not hand the free failures back', async () => {
    const { admin } = await makeOrg(db, 'auth');
    const email = admin.user.email;
    const ip = '203.0.113.40';
    const key = `pair:${email}|${ip}`;
    await db.insert(loginAttempts).values({ key, windowStart: new Date(), count: 20 });
    // The pair waits the capped delay since its last failure, then fails once more…
    const cap = delayCapSeconds(15);
    assert.ok(cap < 15 * 60, 'the delay is shorter than the window');
    await db.execute(
      sql`update login_attempts set window_start = now() - make_interval(secs => ${cap + 1}) where key = ${key}`,
    );
    assert.deepEqual(await authenticate(db, { email, password: 'salah', ip }), {
      ok: false,
      error: 'invalid_credentials',
    });
    // …and still waits: its failures were not forgotten.
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip }), { ok: false, error: 'rate_limited' });
  });

  test('the next-auth sign-in endpoint refuses a 1 MB chunked body with 413 before reading it all', async () => {
    const { POST } = await import('@/app/api/auth/[...nextauth]/route');
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 64) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
      },
    });
    const request = new Request('http://localhost/api/auth/callback/credentials', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    } as RequestInit);
    const response = await POST(request, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
    assert.equal(response.status, 413);
    assert.ok(pulled < 64, `read ${pulled} of 64 chunks`);
  });
});
