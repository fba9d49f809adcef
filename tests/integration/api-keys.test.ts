import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { apiCalls, apiIdempotency, apiKeys, auditLogs, idempotencyKeys, memberships, organizations } from '@/db/schema';
import * as ops from '@/lib/api/key-operations';
import { apiCtx, authenticateApiKey, insertApiKey } from '@/lib/api/keys';
import { pruneApiRecords } from '@/lib/api/keys-prune';
import {
  consumeApiQuota,
  flushApiCalls,
  queueApiCall,
  recordApiCall,
  touchApiKey,
  withApiKey,
} from '@/lib/api/metering';
import { listAuditOp } from '@/lib/audit/operations';
import { resetDashboardCache } from '@/lib/dashboard/cache';
import { dashboardOp } from '@/lib/dashboard/operations';
import { zonedDayStart } from '@/lib/format';
import { recordTaskFailure } from '@/lib/jobs/task-status';
import { settingsOverviewOp } from '@/lib/organizations/operations';
import { createPlanOp } from '@/lib/plans/operations';
import { executeOperation, type Result } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

async function adminWorld(label: string) {
  const { org, admin } = await makeOrg(db, label);
  return { org, admin, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

/** The calendar day `offset` days from today in a zone, as the form sends it. */
function dayIn(timeZone: string, offset = 0) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

describe('making and revoking API keys', () => {
  test('the token is given once, only its hash is stored, and it authenticates as the maker', async () => {
    const { org, admin, ctx } = await adminWorld('keys-once');
    const made = ok(
      await executeOperation(ops.createApiKeyOp, ctx, {
        name: '  Situs web ',
        scopes: ['customers.view', 'billing.view', 'customers.view'],
      }),
    );
    assert.match(made.token, /^jrg_[A-Za-z0-9]{12}[A-Za-z0-9_-]{43}$/);
    assert.equal(made.name, 'Situs web');

    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    const secret = made.token.slice(4 + 12);
    assert.equal(row!.secretHash, createHash('sha256').update(secret).digest('hex'));
    assert.deepEqual(row!.scopes, ['customers.view', 'billing.view']);
    assert.equal(row!.rateLimitPerMinute, 600);
    assert.equal(row!.expiresAt, null);
    assert.ok(!JSON.stringify(row).includes(secret));

    // The list never carries the token or its hash; it shows the prefix and who made it.
    const list = ok(await executeOperation(ops.listApiKeysOp, ctx, {}));
    const text = JSON.stringify(list);
    assert.ok(!text.includes(secret) && !text.includes(row!.secretHash));
    assert.equal(list.keys[0]!.prefix, made.prefix);
    assert.equal(list.keys[0]!.status, 'active');
    assert.equal(list.keys[0]!.makerName, admin.user.name);
    assert.ok(list.presets.read.every((s) => s.endsWith('.view')));
    assert.ok(!list.presets.full.includes('api.manage'));

    // The audit row names the key, never the token.
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'api_key.created')));
    assert.equal(audit!.entityId, made.id);
    assert.ok(!JSON.stringify(audit).includes(secret));
    assert.equal((audit!.data as { prefix: string }).prefix, `jrg_${made.prefix}`);

    const auth = await authenticateApiKey(db, made.token);
    assert.ok(auth.ok);
    assert.equal(auth.principal.userId, admin.user.id);
    assert.deepEqual([...auth.principal.scopes].sort(), ['billing.view', 'customers.view']);
    // One character of the secret changed: unknown.
    const wrong = made.token.slice(0, -1) + (made.token.endsWith('A') ? 'B' : 'A');
    assert.deepEqual(await authenticateApiKey(db, wrong), { ok: false, reason: 'unknown' });
  });

  test("scopes beyond the maker's own permissions are refused with a field error", async () => {
    const { ctx } = await adminWorld('keys-scopes');
    for (const scopes of [['customers.view', 'wallet.view'], ['api.manage'], ['platform.organizations'], ['x.y']]) {
      const r = await executeOperation(ops.createApiKeyOp, ctx, { name: 'Terlalu luas', scopes });
      assert.ok(!r.ok && r.code === 'validation', JSON.stringify(r));
      assert.match(r.fieldErrors!.scopes!, /izin yang tidak Anda miliki/);
    }
    const none = await executeOperation(ops.createApiKeyOp, ctx, { name: 'Kosong', scopes: [] });
    assert.ok(!none.ok && none.fieldErrors?.scopes === 'Pilih setidaknya satu izin.');
    for (const rateLimitPerMinute of [5, 6001, 'banyak', 12.5]) {
      const r = await executeOperation(ops.createApiKeyOp, ctx, {
        name: 'Batas',
        scopes: ['customers.view'],
        rateLimitPerMinute,
      });
      assert.ok(!r.ok && r.fieldErrors?.rateLimitPerMinute, String(rateLimitPerMinute));
    }
    const high = ok(
      await executeOperation(ops.createApiKeyOp, ctx, {
        name: 'Batas',
        scopes: ['customers.view'],
        rateLimitPerMinute: '6000',
      }),
    );
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, high.id));
    assert.equal(row!.rateLimitPerMinute, 6000);
  });

  test('revoking stops the key at once, audited; revoking again changes nothing', async () => {
    const { org, ctx } = await adminWorld('keys-revoke');
    const made = ok(await executeOperation(ops.createApiKeyOp, ctx, { name: 'Bot', scopes: ['customers.view'] }));
    assert.ok((await authenticateApiKey(db, made.token)).ok);
    const revoked = ok(await executeOperation(ops.revokeApiKeyOp, ctx, { apiKeyId: made.id }));
    assert.ok(revoked.revokedAt instanceof Date);
    assert.deepEqual(await authenticateApiKey(db, made.token), { ok: false, reason: 'revoked' });
    ok(await executeOperation(ops.revokeApiKeyOp, ctx, { apiKeyId: made.id }));
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'api_key.revoked')));
    assert.equal(audits.length, 1);
    const list = ok(await executeOperation(ops.listApiKeysOp, ctx, {}));
    assert.equal(list.keys[0]!.status, 'revoked');
  });

  test("the expiry is the end of the chosen day in the organization's zone; a past day is refused", async () => {
    const { org, ctx } = await adminWorld('keys-expiry');
    await db.update(organizations).set({ timezone: 'Asia/Jayapura' }).where(eq(organizations.id, org.id));
    const today = dayIn('Asia/Jayapura');
    const made = ok(
      await executeOperation(ops.createApiKeyOp, ctx, { name: 'Hari ini', scopes: ['plans.view'], expiresOn: today }),
    );
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    assert.equal(row!.expiresAt!.toISOString(), zonedDayStart(today, 'Asia/Jayapura', 1).toISOString());
    assert.ok((await authenticateApiKey(db, made.token)).ok);
    // Past its end: expired.
    assert.deepEqual(await authenticateApiKey(db, made.token, new Date(row!.expiresAt!.getTime() + 1)), {
      ok: false,
      reason: 'expired',
    });
    await db.update(apiKeys).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiKeys.id, made.id));
    assert.deepEqual(await authenticateApiKey(db, made.token), { ok: false, reason: 'expired' });
    assert.equal(ok(await executeOperation(ops.listApiKeysOp, ctx, {})).keys[0]!.status, 'expired');

    const past = await executeOperation(ops.createApiKeyOp, ctx, {
      name: 'Kemarin',
      scopes: ['plans.view'],
      expiresOn: dayIn('Asia/Jayapura', -1),
    });
    assert.ok(!past.ok && /sudah lewat/.test(past.fieldErrors?.expiresOn ?? ''), JSON.stringify(past));
    const bad = await executeOperation(ops.createApiKeyOp, ctx, {
      name: 'Salah',
      scopes: ['plans.view'],
      expiresOn: '2026-02-31',
    });
    assert.ok(!bad.ok && bad.fieldErrors?.expiresOn);
  });

  test('a key stops when its maker is no longer an active member, and follows their role', async () => {
    const { org, ctx } = await adminWorld('keys-maker');
    const other = await makeMember(db, org.id, 'admin');
    const made = ok(
      await executeOperation(ops.createApiKeyOp, ctxFor(db, org.id, other.user.id, 'admin'), {
        name: 'Milik admin lain',
        scopes: ['customers.view', 'plans.manage'],
      }),
    );
    // Demoted to technician: the key keeps only what a technician holds.
    await db.update(memberships).set({ role: 'technician' }).where(eq(memberships.id, other.membership.id));
    const narrowed = await authenticateApiKey(db, made.token);
    assert.ok(narrowed.ok);
    assert.deepEqual([...narrowed.principal.scopes], ['customers.view']);
    await db.update(memberships).set({ active: false }).where(eq(memberships.id, other.membership.id));
    assert.deepEqual(await authenticateApiKey(db, made.token), { ok: false, reason: 'owner' });
    const list = ok(await executeOperation(ops.listApiKeysOp, ctx, {}));
    assert.equal(list.keys.find((k) => k.id === made.id)!.status, 'owner_inactive');
  });
});

describe('limits and last use', () => {
  test('over the limit within a minute: refused with the seconds until the window turns', async () => {
    const { org, admin } = await adminWorld('keys-quota');
    const { key } = await insertApiKey(db, {
      orgId: org.id,
      name: 'Kecil',
      scopes: ['customers.view'],
      createdBy: admin.user.id,
      makerRole: 'admin',
      rateLimitPerMinute: 10,
    });
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) assert.deepEqual(consumeApiQuota(key, t0 + i), { ok: true });
    const over = consumeApiQuota(key, t0 + 10);
    assert.ok(!over.ok);
    assert.equal(over.retryAfterSeconds, 60);
    // 40 seconds into the window: 20 seconds left.
    const later = consumeApiQuota(key, t0 + 40_000);
    assert.ok(!later.ok && later.retryAfterSeconds === 20, JSON.stringify(later));
    // Another key of the same organization has its own window.
    const { key: other } = await insertApiKey(db, {
      orgId: org.id,
      name: 'Lain',
      scopes: ['customers.view'],
      createdBy: admin.user.id,
      makerRole: 'admin',
      rateLimitPerMinute: 10,
    });
    assert.deepEqual(consumeApiQuota(other, t0 + 40_000), { ok: true });
    // The window turned: allowed again, counting from one.
    assert.deepEqual(consumeApiQuota(key, t0 + 60_000), { ok: true });
    for (let i = 1; i < 10; i++) assert.ok(consumeApiQuota(key, t0 + 60_000 + i).ok);
    assert.ok(!consumeApiQuota(key, t0 + 60_010).ok);
  });

  test('"last used" is written at most once a minute per key', async () => {
    const { org, admin } = await adminWorld('keys-touch');
    const { key } = await insertApiKey(db, {
      orgId: org.id,
      name: 'Sentuh',
      scopes: ['customers.view'],
      createdBy: admin.user.id,
      makerRole: 'admin',
    });
    const t0 = new Date();
    assert.equal(await touchApiKey(db, key, '198.51.100.7', t0), true);
    const read = async () => (await db.select().from(apiKeys).where(eq(apiKeys.id, key.id)))[0]!;
    assert.equal((await read()).lastUsedIp, '198.51.100.7');
    // The caller's copy is stale (another request touched it): the update's own condition holds.
    assert.equal(await touchApiKey(db, key, '198.51.100.8', new Date(t0.getTime() + 30_000)), false);
    assert.equal(await touchApiKey(db, await read(), '198.51.100.8', new Date(t0.getTime() + 30_000)), false);
    assert.equal((await read()).lastUsedIp, '198.51.100.7');
    assert.equal(await touchApiKey(db, await read(), '198.51.100.9', new Date(t0.getTime() + 61_000)), true);
    const after = await read();
    assert.equal(after.lastUsedIp, '198.51.100.9');
    assert.equal(after.lastUsedAt!.getTime(), t0.getTime() + 61_000);
  });
});

describe('call log', () => {
  test('calls are written in batches; a flush asked for during a write also writes what came meanwhile', async () => {
    const { org, ctx } = await adminWorld('keys-flush');
    const made = ok(await executeOperation(ops.createApiKeyOp, ctx, { name: 'Flush', scopes: ['customers.view'] }));
    const call = (n: number) => ({
      orgId: org.id,
      apiKeyId: made.id,
      method: 'GET',
      path: `/customers?n=${n}`,
      operation: 'customers.list',
      status: 200,
      durationMs: 1,
      ip: null,
    });
    const logged = async () => (await db.select().from(apiCalls).where(eq(apiCalls.apiKeyId, made.id))).length;
    queueApiCall(db, call(1));
    assert.equal(await logged(), 0, 'queued, not yet written');
    const first = flushApiCalls(db); // under way
    queueApiCall(db, call(2));
    await flushApiCalls(db);
    assert.equal(await logged(), 2);
    await first;
  });

  test("a key's calls, newest first, by status class, page by page", async () => {
    const { org, ctx } = await adminWorld('keys-calls');
    const made = ok(await executeOperation(ops.createApiKeyOp, ctx, { name: 'Log', scopes: ['customers.view'] }));
    const statuses = [200, 201, 404, 429, 500, 200];
    for (const [i, status] of statuses.entries())
      await recordApiCall(db, {
        orgId: org.id,
        apiKeyId: made.id,
        method: 'GET',
        path: `/api/v1/customers?n=${i}`,
        operation: 'customers.list',
        status,
        durationMs: 3.6,
        ip: '198.51.100.2',
      });
    const all = ok(await executeOperation(ops.apiKeyCallsOp, ctx, { apiKeyId: made.id }));
    assert.deepEqual(
      all.page.items.map((c) => c.status),
      [...statuses].reverse(),
    );
    assert.equal(all.page.items[0]!.durationMs, 4);
    const refused = ok(await executeOperation(ops.apiKeyCallsOp, ctx, { apiKeyId: made.id, status: '4xx' }));
    assert.deepEqual(
      refused.page.items.map((c) => c.status),
      [429, 404],
    );
    const bad = await executeOperation(ops.apiKeyCallsOp, ctx, { apiKeyId: made.id, status: '6xx' });
    assert.ok(!bad.ok && bad.code === 'validation');
    // Keyset pages: two by two through all six, none twice.
    const { listApiKeyCalls } = await import('@/lib/api/keys-manage');
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApiKeyCalls(db, { orgId: org.id, apiKeyId: made.id, cursor, limit: 2 });
      seen.push(...page.page.items.map((c) => c.id));
      cursor = page.page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(new Set(seen).size, 6);
  });
});

describe('audit of changes made through the API', () => {
  test('the audit page shows the key by name and filters by it', async () => {
    const { admin, ctx } = await adminWorld('keys-audit');
    const made = ok(
      await executeOperation(ops.createApiKeyOp, ctx, { name: 'Integrasi CRM', scopes: ['plans.manage'] }),
    );
    const auth = await authenticateApiKey(db, made.token);
    assert.ok(auth.ok);
    const keyCtx = apiCtx(db, auth.principal, { ip: '198.51.100.3', locale: 'id' });
    await withApiKey(auth.principal.key.id, async () =>
      ok(
        await executeOperation(createPlanOp, keyCtx, {
          name: 'Paket API',
          serviceType: 'pppoe',
          billingType: 'postpaid',
          priceRupiah: 150000,
          downloadMbps: 20,
          uploadMbps: 10,
        }),
      ),
    );
    const all = ok(await executeOperation(listAuditOp, ctx, {}));
    const viaApi = all.page.items.filter((e) => e.apiKeyName);
    assert.equal(viaApi.length, 1);
    assert.equal(viaApi[0]!.apiKeyName, 'Integrasi CRM');
    assert.equal(viaApi[0]!.actorName, admin.user.name);
    assert.deepEqual(
      all.apiKeys.map((k) => k.name),
      ['Integrasi CRM'],
    );
    const filtered = ok(await executeOperation(listAuditOp, ctx, { apiKeyId: made.id }));
    assert.deepEqual(
      filtered.page.items.map((e) => e.id),
      [viaApi[0]!.id],
    );
  });
});

describe('pruning', () => {
  test('calls after 90 days, idempotency answers after 24 hours, field idempotency keys after 30 days', async () => {
    const { org, admin } = await adminWorld('keys-prune');
    const { key } = await insertApiKey(db, {
      orgId: org.id,
      name: 'Lama',
      scopes: ['customers.view'],
      createdBy: admin.user.id,
      makerRole: 'admin',
    });
    const call = (days: number) => ({
      organizationId: org.id,
      apiKeyId: key.id,
      method: 'GET',
      path: `/api/v1/customers?age=${days}`,
      status: 200,
      durationMs: 1,
      createdAt: new Date(Date.now() - days * 86_400_000),
    });
    await db.insert(apiCalls).values([call(91), call(89), call(1)]);
    const idem = (hours: number) => ({
      apiKeyId: key.id,
      key: `k-${hours}`,
      organizationId: org.id,
      requestHash: 'h',
      status: 201,
      body: {},
      createdAt: new Date(Date.now() - hours * 3_600_000),
    });
    await db.insert(apiIdempotency).values([idem(25), idem(23)]);
    const field = (days: number) => ({
      organizationId: org.id,
      scope: `user:${admin.user.id}`,
      key: `f-${days}`,
      response: { ok: true },
      createdAt: new Date(Date.now() - days * 86_400_000),
    });
    await db.insert(idempotencyKeys).values([field(31), field(29)]);

    const r = await pruneApiRecords(db);
    assert.ok(r.calls >= 1 && r.idempotency >= 1 && r.fieldIdempotency >= 1, JSON.stringify(r));
    const paths = (await db.select().from(apiCalls).where(eq(apiCalls.apiKeyId, key.id))).map((c) => c.path).sort();
    assert.deepEqual(paths, ['/api/v1/customers?age=1', '/api/v1/customers?age=89']);
    const idemLeft = await db.select().from(apiIdempotency).where(eq(apiIdempotency.apiKeyId, key.id));
    assert.deepEqual(
      idemLeft.map((i) => i.key),
      ['k-23'],
    );
    const fieldLeft = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, org.id));
    assert.deepEqual(
      fieldLeft.map((i) => i.key),
      ['f-29'],
    );
  });
});

describe("what a key reads is narrowed to its scopes, not only its maker's role", () => {
  test('the dashboard summary shows neither the audit feed nor failing passes to a dashboard-only key', async () => {
    const { org, ctx } = await adminWorld('keys-dash');
    await recordTaskFailure(db, { orgId: org.id, task: 'webhooks', error: 'webhook_endpoint_disabled' });
    const made = ok(await executeOperation(ops.createApiKeyOp, ctx, { name: 'Layar TV', scopes: ['dashboard.view'] }));
    const auth = await authenticateApiKey(db, made.token);
    assert.ok(auth.ok);
    resetDashboardCache();
    // The maker (admin) sees both through a session …
    const asAdmin = ok(await executeOperation(dashboardOp, ctx, {}));
    assert.ok(asAdmin.recent?.length && asAdmin.problems.length);
    // … a key scoped to dashboard.view alone sees neither (audit.view, organization.settings).
    const keyCtx = apiCtx(db, auth.principal, { ip: null, locale: 'id' });
    const asKey = ok(await executeOperation(dashboardOp, keyCtx, {}));
    assert.equal(asKey.recent, null);
    assert.deepEqual(asKey.problems, []);
  });

  test("the settings hub lists only the sections the key's scopes open, with only their figures", async () => {
    const { ctx } = await adminWorld('keys-hub');
    const made = ok(
      await executeOperation(ops.createApiKeyOp, ctx, { name: 'Hub', scopes: ['roles.view', 'users.view'] }),
    );
    const auth = await authenticateApiKey(db, made.token);
    assert.ok(auth.ok);
    const asAdmin = ok(await executeOperation(settingsOverviewOp, ctx, {}));
    assert.ok(asAdmin.sections.some((s) => s.key === 'api') && asAdmin.setupDismissed !== null);
    const keyCtx = apiCtx(db, auth.principal, { ip: null, locale: 'id' });
    const asKey = ok(await executeOperation(settingsOverviewOp, keyCtx, {}));
    assert.deepEqual(
      asKey.sections.map((s) => s.key),
      ['users', 'roles'],
    );
    assert.equal(asKey.setupDismissed, null);
  });
});
