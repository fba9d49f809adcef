import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { apiCalls, apiKeys, auditLogs, leads, payments } from '@/db/schema';
import { insertApiKey } from '@/lib/api/keys';
import { flushApiCalls } from '@/lib/api/metering';
import { RESOURCES } from '@/lib/api/resources';
import { createLead } from '@/lib/customers/leads';
import { makeOrg, makePlan, POLE, testDb } from '../helpers';
import { type ApiWorld, callApi, makeApiWorld, ROUTES_IN_ORDER, requestOf, validCalls } from '../support/api';

/**
 * The REST API through its real route handler (app/api/v1/[...path]/route.ts) against a
 * migrated Postgres: every route of the resource table with a key that holds its scope, and
 * refused without it; keys that no longer count; the rate limit; idempotency; problem details
 * in both languages; paging; and bodies, cursors and paths that must be a 4xx, never a 500.
 */
const db = testDb();
let x: ApiWorld;

before(async () => {
  x = await makeApiWorld(db, 'api');
});

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('every route of the table', () => {
  test('works with a key that holds its scope', async () => {
    const calls = validCalls(x);
    assert.deepEqual(Object.keys(calls).sort(), RESOURCES.map((r) => r.op.name).sort(), 'a call for every route');
    const problems: string[] = [];
    for (const resource of ROUTES_IN_ORDER) {
      const { method, path, body } = requestOf(resource, calls[resource.op.name]!);
      const res = await callApi(x.token, method, path, { body });
      const payload = await json(res);
      if (res.status >= 300) {
        problems.push(`${method} ${path} -> ${res.status} ${JSON.stringify(payload).slice(0, 200)}`);
        continue;
      }
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.ok('data' in payload, `${method} ${path} has data`);
      if (resource.list) {
        assert.ok(Array.isArray(payload.data), `${method} ${path} lists`);
        assert.ok('next_cursor' in payload);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('is refused (403, problem+json) to a key without its scope, and changes nothing', async () => {
    const { token } = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'Tanpa cakupan',
      scopes: [],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
    });
    const before = await db.select().from(payments).where(eq(payments.organizationId, x.org.id));
    const calls = validCalls(x);
    for (const resource of ROUTES_IN_ORDER) {
      const { method, path, body } = requestOf(resource, calls[resource.op.name]!);
      const res = await callApi(token, method, path, { body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal((await json(res)).code, 'forbidden');
    }
    const after = await db.select().from(payments).where(eq(payments.organizationId, x.org.id));
    assert.equal(after.length, before.length);
  });

  test('a key with one scope reaches only that scope’s routes', async () => {
    const { token } = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'Hanya pelanggan',
      scopes: ['customers.view'],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
    });
    assert.equal((await callApi(token, 'GET', '/customers')).status, 200);
    assert.equal((await callApi(token, 'GET', '/invoices')).status, 403);
    assert.equal((await callApi(token, 'PATCH', `/customers/${x.w.customer.id}`, { body: {} })).status, 403);
  });
});

describe('keys', () => {
  test('no key, an unknown, a revoked or an expired key: 401 with WWW-Authenticate', async () => {
    const revoked = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'r',
      scopes: ['customers.view'],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
    });
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, revoked.key.id));
    const expired = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'e',
      scopes: ['customers.view'],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
      expiresAt: new Date(Date.now() - 1000),
    });
    const unknown = `jrg_${'A'.repeat(12)}${'b'.repeat(43)}`;
    const wrongSecret = `${x.token.slice(0, 16)}${'c'.repeat(43)}`;
    for (const token of [null, unknown, wrongSecret, revoked.token, expired.token, 'jrg_short']) {
      const res = await callApi(token, 'GET', '/customers');
      assert.equal(res.status, 401, String(token));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="jaring"/);
      const body = await json(res);
      assert.equal(body.code, 'api_key_invalid');
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    }
  });

  test('every call is logged (4xx too), the key’s last use stamped, audit rows carry the key', async () => {
    const { key, token } = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'Log',
      scopes: ['customers.view', 'leads.create'],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
    });
    await callApi(token, 'GET', '/customers', { headers: { 'x-forwarded-for': '198.51.100.4' } });
    await callApi(token, 'GET', `/customers/${randomUUID()}`);
    const created = await callApi(token, 'POST', '/leads', {
      body: {
        name: 'Dari API',
        phone: '0813-4444-5555',
        address: 'Jl. Mawar No. 1',
        ...POLE,
        planId: x.w.plan.id,
        billingType: 'prepaid',
      },
    });
    assert.equal(created.status, 201);
    const leadId = ((await json(created)).data as { lead: { id: string } }).lead.id;
    // The log is written in batches (every half second): written now.
    await flushApiCalls(db);
    const calls = await db.select().from(apiCalls).where(eq(apiCalls.apiKeyId, key.id));
    assert.deepEqual(
      calls.map((c) => [c.method, c.status, c.operation]).sort(),
      [
        ['GET', 200, 'customers.list'],
        ['GET', 404, 'customers.get'],
        ['POST', 201, 'leads.create'],
      ].sort(),
    );
    const [stamped] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    assert.ok(stamped!.lastUsedAt);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, x.org.id), eq(auditLogs.entityId, leadId)));
    assert.equal(audit?.apiKeyId, key.id);
  });

  test('past the key’s limit per minute: 429 with Retry-After', async () => {
    const { token } = await insertApiKey(db, {
      orgId: x.org.id,
      name: 'Tiga',
      scopes: ['customers.view'],
      createdBy: x.admin.user.id,
      makerRole: 'admin',
      rateLimitPerMinute: 3,
    });
    for (let i = 0; i < 3; i++) assert.equal((await callApi(token, 'GET', '/customers')).status, 200);
    const res = await callApi(token, 'GET', '/customers');
    assert.equal(res.status, 429);
    const seconds = Number(res.headers.get('retry-after'));
    assert.ok(seconds >= 1 && seconds <= 60, String(seconds));
    assert.equal((await json(res)).code, 'rate_limited');
  });
});

describe('Idempotency-Key', () => {
  const payment = () => ({ customerId: x.w.customer.id, amount: 12_345, method: 'cash' });
  const count = async () =>
    (
      await db
        .select()
        .from(payments)
        .where(and(eq(payments.organizationId, x.org.id), eq(payments.amount, 12_345)))
    ).length;

  test('the same request again is answered from the first, and acts once', async () => {
    const key = randomUUID();
    const first = await callApi(x.token, 'POST', '/payments', { body: payment(), headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    const firstBody = await json(first);
    const again = await callApi(x.token, 'POST', '/payments', { body: payment(), headers: { 'idempotency-key': key } });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await json(again), firstBody);
    assert.equal(await count(), 1);
  });

  test('the same key with another body is a 422; a key still running is a 409; a long key is a 422', async () => {
    const key = randomUUID();
    await callApi(x.token, 'POST', '/payments', { body: payment(), headers: { 'idempotency-key': key } });
    const other = await callApi(x.token, 'POST', '/payments', {
      body: { ...payment(), amount: 99_999 },
      headers: { 'idempotency-key': key },
    });
    assert.equal(other.status, 422);
    assert.equal((await json(other)).code, 'idempotency_key_reused');

    // The first request of a key is still running: its row has no answer yet.
    const running = randomUUID();
    const body = JSON.stringify(payment());
    const { requestHash } = await import('@/lib/api/idempotency');
    await db.execute(sql`insert into api_idempotency (api_key_id, key, organization_id, request_hash)
      values (${x.key.id}, ${running}, ${x.org.id}, ${requestHash('POST', '/payments', body)})`);
    const busy = await callApi(x.token, 'POST', '/payments', {
      raw: body,
      headers: { 'idempotency-key': running, 'content-type': 'application/json' },
    });
    assert.equal(busy.status, 409);
    assert.equal((await json(busy)).code, 'idempotency_in_progress');

    const long = await callApi(x.token, 'POST', '/payments', {
      body: payment(),
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });
    assert.equal(long.status, 422);
    assert.equal((await json(long)).code, 'idempotency_key_invalid');
  });
});

describe('problem details', () => {
  test('in Indonesian by default and in English by Accept-Language, with field errors', async () => {
    const bad = { customerId: x.w.customer.id, amount: -5, method: 'cash' };
    const id = await json(await callApi(x.token, 'POST', '/payments', { body: bad }));
    const en = await json(
      await callApi(x.token, 'POST', '/payments', {
        body: bad,
        headers: { 'accept-language': 'en-US,en;q=0.9,id;q=0.5' },
      }),
    );
    for (const p of [id, en]) {
      assert.equal(p.status, 422);
      assert.equal(p.code, 'validation');
      assert.equal(typeof p.type, 'string');
      assert.ok((p.errors as Record<string, string>).amount);
    }
    assert.notEqual(id.title, en.title);
    assert.notEqual(id.detail, en.detail);
    assert.equal(en.title, 'Invalid data');
    assert.equal(id.title, 'Data tidak valid');
    const missing = await json(
      await callApi(x.token, 'GET', `/invoices/${randomUUID()}`, { headers: { 'accept-language': 'en' } }),
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 'not_found');
    assert.ok(!String(missing.detail).startsWith('errors.'));
  });

  test('a rule of the business is a 409 with the screens’ message', async () => {
    const res = await callApi(x.token, 'POST', `/subscriptions/${x.w.subscription.id}/transition`, {
      body: { to: 'pending' },
    });
    assert.equal(res.status, 409);
    assert.equal((await json(res)).code, 'invalid_transition');
  });
});

describe('keyset paging', () => {
  test('walks a list without duplicates or gaps', async () => {
    const { org, admin } = await makeOrg(db, 'api-paging');
    const plan = await makePlan(db, org.id);
    const made = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const { lead } = await createLead(db, {
        orgId: org.id,
        actorUserId: admin.user.id,
        ip: null,
        resellerUserId: null,
        input: {
          name: `Calon ${i}`,
          phone: `62813000000${i}`,
          address: 'Jl. Melati No. 5',
          area: null,
          ...POLE,
          planId: plan.id,
          billingType: 'prepaid',
          notes: null,
        },
      });
      made.add(lead.id);
    }
    // Same created_at for two rows: the id breaks the tie.
    const [first, second] = [...made];
    await db
      .update(leads)
      .set({ createdAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(leads.id, first!));
    await db
      .update(leads)
      .set({ createdAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(leads.id, second!));
    const { token } = await insertApiKey(db, {
      orgId: org.id,
      name: 'p',
      scopes: ['leads.view'],
      createdBy: admin.user.id,
      makerRole: 'admin',
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await callApi(token, 'GET', `/leads?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      const page = (await json(res)) as { data: { id: string }[]; next_cursor: string | null };
      assert.ok(page.data.length <= 3);
      seen.push(...page.data.map((l) => l.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 3);
    assert.equal(seen.length, 7);
    assert.deepEqual(new Set(seen), made);
  });

  test('the routers list pages by its cursor too', async () => {
    const first = (await json(await callApi(x.token, 'GET', '/routers?limit=1'))) as {
      data: unknown[];
      next_cursor: string | null;
    };
    assert.equal(first.data.length, 1);
    assert.equal(first.next_cursor, null, 'one router: one page');
  });
});

describe('malformed requests are a 4xx, never a 500', () => {
  const cases: [string, string, string, { raw?: string; body?: unknown; headers?: Record<string, string> }, number][] =
    [
      [
        'bad JSON',
        'POST',
        '/payments',
        { raw: '{"customerId":', headers: { 'content-type': 'application/json' } },
        400,
      ],
      ['a JSON array', 'POST', '/payments', { raw: '[1,2]', headers: { 'content-type': 'application/json' } }, 400],
      ['JSON null', 'POST', '/payments', { raw: 'null', headers: { 'content-type': 'application/json' } }, 400],
      [
        'not JSON',
        'POST',
        '/payments',
        { raw: 'customerId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      ],
      [
        'a huge body',
        'POST',
        '/payments',
        { raw: JSON.stringify({ note: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } },
        413,
      ],
      ['NUL in a field', 'POST', '/tickets', { body: { subject: 'a\u0000b', category: 'slow' } }, 422],
      ['a bad cursor', 'GET', '/customers?cursor=%25%25%25', {}, 422],
      ['an edited cursor', 'GET', '/routers?cursor=bm90LWEtcGFnZQ', {}, 422],
      ['a limit too large', 'GET', '/customers?limit=1000', {}, 422],
      ['a limit of text', 'GET', '/leads?limit=abc', {}, 422],
      ['a malformed id', 'GET', '/customers/not-a-uuid', {}, 404],
      ['NUL in the id', 'GET', '/customers/%00', {}, 404],
      ['an unknown route', 'GET', '/nothing-here', {}, 404],
      ['a route without that method', 'DELETE', '/customers', {}, 405],
      ['a wrong enum in the query', 'GET', '/invoices?status=nope', {}, 422],
    ];
  for (const [label, method, path, opts, status] of cases) {
    test(label, async () => {
      const res = await callApi(x.token, method, path, opts);
      const body = await json(res);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.ok(typeof body.detail === 'string' && !String(body.detail).startsWith('restApi.'));
    });
  }

  test('405 names the methods the route takes', async () => {
    const res = await callApi(x.token, 'DELETE', '/customers');
    assert.equal(res.headers.get('allow'), 'GET');
  });
});
