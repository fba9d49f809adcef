import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  auditLogs,
  customers,
  invoices,
  messages,
  organizations,
  portalCodes,
  portalSessions,
  whatsappSessions,
} from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { dispatchOnce, SessionPacer } from '@/lib/messaging/dispatch';
import { createHttpTransport } from '@/lib/messaging/transports';
import { requestPortalCode, verifyPortalCode } from '@/lib/portal/codes';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { portalAccountOp, portalHomeOp, setPortalPasswordOp } from '@/lib/portal/operations';
import { portalOrgBySlug } from '@/lib/portal/orgs';
import { passwordSignIn } from '@/lib/portal/passwords';
import { prunePortal } from '@/lib/portal/prune';
import { portalVisitor } from '@/lib/portal/session';
import { portalSlugByDomain, savePortalSettings } from '@/lib/portal/settings';
import type { AppError } from '@/lib/server/errors';
import { makeCustomerWorld, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { startFakeHttpGateway } from '../support/whatsapp-http';

const db = testDb();
let gateway: Awaited<ReturnType<typeof startFakeHttpGateway>>;
before(async () => {
  gateway = await startFakeHttpGateway();
});
after(() => gateway.close());

/** An address of this test's own, so limits of parallel files never meet. */
const someIp = () => `10.${rnd()}.${rnd()}.${rnd()}`;
const rnd = () => Math.floor(Math.random() * 250) + 1;

/** An organization with a customer (phone 6281234567890) and a connected HTTP-gateway session. */
async function world(label = 'portal') {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  await db.insert(whatsappSessions).values({
    organizationId: org.id,
    name: 'Fonnte',
    transport: 'http_gateway',
    status: 'connected',
    configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: gateway.credentials.token })),
    perMinute: 600,
  });
  return { org, admin, ...w, phone: w.customer.phone };
}

/** Sends what is queued through the real HTTP transport to the gateway stand-in; the code it got. */
async function codeFromGateway(orgId: string, phone: string) {
  const before = gateway.sent.length;
  await dispatchOnce(db, {
    transportFor: (s) =>
      s.transport === 'http_gateway'
        ? createHttpTransport(
            'http_gateway',
            { url: gateway.url, token: gateway.credentials.token },
            { allowPrivate: true },
          )
        : null,
    pacer: new SessionPacer(() => 0.5),
    orgIds: [orgId],
    awaitSends: true,
  });
  const got = gateway.sent.slice(before).find((m) => m.to === phone);
  assert.ok(got, 'the gateway received the code message');
  return /\b(\d{6})\b/.exec(got.text)![1]!;
}

async function failsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: AppError) => {
    assert.equal(e.code, code);
    return true;
  });
}

function ctxOf(orgId: string, v: NonNullable<Awaited<ReturnType<typeof portalVisitor>>>): PortalCtx {
  return { db, orgId, sessionId: v.sessionId, customerIds: v.customerIds, phone: v.phone, ip: null, locale: 'en' };
}

describe('sign-in by WhatsApp code', () => {
  test('a customer asks, the code arrives by WhatsApp (masked in the log), and signs the number in', async () => {
    const w = await world();
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: '0812-3456-7890', ip });
    const [m] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, w.org.id), eq(messages.category, 'portal_code')));
    assert.equal(m!.category, 'portal_code');
    assert.equal(m!.toPhone, w.phone);
    const [stored] = await db.select().from(portalCodes).where(eq(portalCodes.organizationId, w.org.id));
    const code = await codeFromGateway(w.org.id, w.phone);
    assert.ok(m!.body.includes('••••••') && !m!.body.includes(code), 'the log never shows the code');
    assert.ok(!stored!.codeHash.includes(code), 'only a keyed hash is stored');

    const session = await verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip });
    const visitor = await portalVisitor(db, { orgId: w.org.id, token: session.token });
    assert.deepEqual(visitor?.customerIds, [w.customer.id]);
    // A code works once.
    await failsWith(verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip }), 'portal_code_wrong');
  });

  test('an unknown number gets the same answer, and nothing is sent', async () => {
    const w = await world();
    const known = await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp() });
    const unknown = await requestPortalCode(db, { orgId: w.org.id, phone: '6289999000111', ip: someIp() });
    assert.deepEqual(Object.keys(unknown), Object.keys(known));
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, w.org.id), eq(messages.category, 'portal_code')));
    assert.deepEqual(
      sent.map((m) => m.toPhone),
      [w.phone],
    );
    // A code row exists for both: the same work either way.
    const codes = await db.select().from(portalCodes).where(eq(portalCodes.organizationId, w.org.id));
    assert.equal(codes.length, 2);
  });

  test('whether the number is a customer’s is looked up only after the answer (no timing hint)', async () => {
    const w = await world();
    const deferred: (() => Promise<void>)[] = [];
    const afterAnswer = (work: () => Promise<void>) => void deferred.push(work);
    const portalMessages = () =>
      db
        .select()
        .from(messages)
        .where(and(eq(messages.organizationId, w.org.id), eq(messages.category, 'portal_code')));
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp(), afterAnswer });
    await requestPortalCode(db, { orgId: w.org.id, phone: '6289999000112', ip: someIp(), afterAnswer });
    // Answered both with the same work done: nothing queued yet for either.
    assert.equal(deferred.length, 2);
    assert.equal((await portalMessages()).length, 0);
    for (const work of deferred) await work();
    assert.deepEqual(
      (await portalMessages()).map((m) => m.toPhone),
      [w.phone],
    );
  });

  test('a code expires after five minutes', async () => {
    const w = await world();
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const code = await codeFromGateway(w.org.id, w.phone);
    await db
      .update(portalCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(portalCodes.organizationId, w.org.id));
    await failsWith(verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip }), 'portal_code_wrong');
  });

  test('20 wrong codes lock the number: the right code is refused until the hour passes', async () => {
    const w = await world();
    for (let i = 0; i < 20; i++) {
      const wrong = String(100000 + i);
      await failsWith(
        verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code: wrong, ip: someIp() }),
        'portal_code_wrong',
      );
    }
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const code = await codeFromGateway(w.org.id, w.phone);
    await failsWith(verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip }), 'portal_rate_limited');
    // The window (an hour from the first failure) passes.
    await db.execute(
      sql`update login_attempts set window_start = now() - interval '61 minutes' where key = ${`portal:fail:${w.org.id}:${w.phone}`}`,
    );
    const session = await verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip });
    assert.ok(session.token);
  });

  test('a code dies after five wrong tries', async () => {
    const w = await world();
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const code = await codeFromGateway(w.org.id, w.phone);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      await failsWith(verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code: wrong, ip }), 'portal_code_wrong');
    await failsWith(verifyPortalCode(db, { orgId: w.org.id, phone: w.phone, code, ip }), 'portal_code_wrong');
  });

  test('one address may ask for a limited number of codes, one number too', async () => {
    const w = await world();
    const ip = someIp();
    for (let i = 0; i < 30; i++)
      await requestPortalCode(db, { orgId: w.org.id, phone: `62812000${String(10000 + i)}`, ip });
    await failsWith(requestPortalCode(db, { orgId: w.org.id, phone: '6281200099999', ip }), 'portal_rate_limited');
    for (let i = 0; i < 5; i++) await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp() });
    await failsWith(requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp() }), 'portal_rate_limited');
  });

  test('without a connected WhatsApp session no code is offered, whatever the number', async () => {
    const w = await world();
    await db
      .update(whatsappSessions)
      .set({ status: 'disconnected' })
      .where(eq(whatsappSessions.organizationId, w.org.id));
    await failsWith(
      requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp() }),
      'portal_code_unavailable',
    );
    await failsWith(
      requestPortalCode(db, { orgId: w.org.id, phone: '6289999000111', ip: someIp() }),
      'portal_code_unavailable',
    );
  });
});

describe('customer number + password', () => {
  test('set after a code sign-in, then sign in with it; changing it ends the other sessions', async () => {
    const w = await world();
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const s1 = await verifyPortalCode(db, {
      orgId: w.org.id,
      phone: w.phone,
      code: await codeFromGateway(w.org.id, w.phone),
      ip,
    });
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const s2 = await verifyPortalCode(db, {
      orgId: w.org.id,
      phone: w.phone,
      code: await codeFromGateway(w.org.id, w.phone),
      ip,
    });
    const ctx = ctxOf(w.org.id, (await portalVisitor(db, { orgId: w.org.id, token: s1.token }))!);

    const mismatch = await executePortalOperation(setPortalPasswordOp, ctx, {
      customerId: w.customer.id,
      password: 'kata-sandi-1',
      confirm: 'kata-sandi-2',
    });
    assert.ok(!mismatch.ok && mismatch.fieldErrors?.confirm);
    const set = await executePortalOperation(setPortalPasswordOp, ctx, {
      customerId: w.customer.id,
      password: 'kata-sandi-1',
      confirm: 'kata-sandi-1',
    });
    assert.ok(set.ok);
    assert.ok(await portalVisitor(db, { orgId: w.org.id, token: s1.token }), 'this session goes on');
    assert.equal(await portalVisitor(db, { orgId: w.org.id, token: s2.token }), null, 'the other one ended');
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'portal.password_set')));
    assert.equal(audit!.actorUserId, null);
    assert.equal((audit!.data as { channel: string }).channel, 'portal');

    const number = `C-${String(w.customer.number).padStart(6, '0')}`;
    await failsWith(
      passwordSignIn(db, { orgId: w.org.id, customerNumber: number, password: 'salah-salah', ip }),
      'portal_password_wrong',
    );
    const byPassword = await passwordSignIn(db, {
      orgId: w.org.id,
      customerNumber: number,
      password: 'kata-sandi-1',
      ip,
    });
    const visitor = (await portalVisitor(db, { orgId: w.org.id, token: byPassword.token }))!;
    assert.deepEqual(visitor.customerIds, [w.customer.id]);

    // Signed in by password, a change needs the current one.
    const pctx = ctxOf(w.org.id, visitor);
    const noCurrent = await executePortalOperation(setPortalPasswordOp, pctx, {
      customerId: w.customer.id,
      password: 'kata-sandi-3',
      confirm: 'kata-sandi-3',
      currentPassword: 'keliru',
    });
    assert.ok(!noCurrent.ok && noCurrent.fieldErrors?.currentPassword);
    const changed = await executePortalOperation(setPortalPasswordOp, pctx, {
      customerId: w.customer.id,
      password: 'kata-sandi-3',
      confirm: 'kata-sandi-3',
      currentPassword: 'kata-sandi-1',
    });
    assert.ok(changed.ok);
    assert.equal(await portalVisitor(db, { orgId: w.org.id, token: s1.token }), null, 'the code session ended');
    const account = await executePortalOperation(portalAccountOp, pctx, {});
    assert.ok(account.ok && account.data.customers[0]!.setAt);
  });

  test('20 wrong passwords lock the customer number', async () => {
    const w = await world();
    const number = String(w.customer.number);
    for (let i = 0; i < 20; i++)
      await failsWith(
        passwordSignIn(db, { orgId: w.org.id, customerNumber: number, password: `salah-${i}`, ip: someIp() }),
        'portal_password_wrong',
      );
    await failsWith(
      passwordSignIn(db, { orgId: w.org.id, customerNumber: number, password: 'apa-saja', ip: someIp() }),
      'portal_rate_limited',
    );
  });
});

describe('who a portal visitor is', () => {
  test('a session of organization A is nobody on organization B; a suspended organization has no portal', async () => {
    const a = await world('portal-a');
    const b = await world('portal-b');
    const ip = someIp();
    await requestPortalCode(db, { orgId: a.org.id, phone: a.phone, ip });
    const s = await verifyPortalCode(db, {
      orgId: a.org.id,
      phone: a.phone,
      code: await codeFromGateway(a.org.id, a.phone),
      ip,
    });
    // B has a customer with the same phone number: still nobody there.
    assert.equal(await portalVisitor(db, { orgId: b.org.id, token: s.token }), null);
    // A code of A is no code on B.
    assert.ok(await portalOrgBySlug(db, b.org.slug));
    await db.update(organizations).set({ status: 'suspended' }).where(eq(organizations.id, b.org.id));
    assert.equal(await portalOrgBySlug(db, b.org.slug), null);
  });

  test('several subscriptions under one phone are shown together, each with its status and unpaid invoices', async () => {
    const w = await world();
    const plan = await makePlan(db, w.org.id, { name: 'Rumah 50', priceRupiah: 250_000 });
    const second = await makeSubscriber(db, w.org.id, { planId: plan.id, routerId: null, status: 'isolated' });
    await db.update(customers).set({ phone: w.phone }).where(eq(customers.id, second.customer.id));
    // Someone else's customer in the same organization, another phone.
    const other = await makeSubscriber(db, w.org.id, { planId: plan.id, routerId: null });
    await db.update(customers).set({ phone: '6285700000001' }).where(eq(customers.id, other.customer.id));
    const [inv] = await db
      .insert(invoices)
      .values({
        organizationId: w.org.id,
        number: `INV-P-${randomUUID().slice(0, 6)}`,
        customerId: second.customer.id,
        subscriptionId: second.subscription.id,
        period: '2026-10-01',
        issueDate: '2026-10-01',
        dueDate: '2026-10-20',
        billingType: 'postpaid',
        subtotal: 250_000,
        tax: 0,
        total: 250_000,
      })
      .returning();
    const ip = someIp();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip });
    const s = await verifyPortalCode(db, {
      orgId: w.org.id,
      phone: w.phone,
      code: await codeFromGateway(w.org.id, w.phone),
      ip,
    });
    const ctx = ctxOf(w.org.id, (await portalVisitor(db, { orgId: w.org.id, token: s.token }))!);
    const home = await executePortalOperation(portalHomeOp, ctx, {});
    assert.ok(home.ok);
    assert.deepEqual(home.data.map((c) => c.id).sort(), [w.customer.id, second.customer.id].sort());
    assert.ok(!home.data.some((c) => c.id === other.customer.id), 'another phone stays out');
    const isolated = home.data.find((c) => c.id === second.customer.id)!.subscriptions[0]!;
    assert.equal(isolated.status, 'isolated');
    assert.equal(isolated.planName, 'Rumah 50');
    assert.equal(isolated.priceRupiah, 250_000);
    assert.equal(isolated.isolatedBy?.number, inv!.number);
    assert.equal(isolated.isolatedBy?.amountDue, 250_000);
    assert.ok(isolated.isolatedBy?.token.startsWith(`${inv!.id}.`), 'the pay button opens the public invoice page');
  });

  test('the periodic pass drops expired sessions and old codes', async () => {
    const w = await world();
    await requestPortalCode(db, { orgId: w.org.id, phone: w.phone, ip: someIp() });
    await db
      .update(portalCodes)
      .set({ expiresAt: sql`now() - interval '2 hours'` })
      .where(eq(portalCodes.organizationId, w.org.id));
    await db.insert(portalSessions).values({
      organizationId: w.org.id,
      tokenHash: randomUUID(),
      phone: w.phone,
      expiresAt: new Date(Date.now() - 1000),
    });
    await prunePortal(db);
    assert.equal((await db.select().from(portalCodes).where(eq(portalCodes.organizationId, w.org.id))).length, 0);
    assert.equal((await db.select().from(portalSessions).where(eq(portalSessions.organizationId, w.org.id))).length, 0);
  });
});

describe('portal settings', () => {
  test('brand colour, custom domain (unique), portal off; audited', async () => {
    const a = await world('portal-set-a');
    const b = await world('portal-set-b');
    const domain = `portal-${randomUUID().slice(0, 8)}.example.net`;
    const input = {
      portalEnabled: true,
      brandColor: '#aa3300',
      customDomain: domain,
      assistantEnabled: true,
      contactText: null,
    };
    await savePortalSettings(db, { orgId: a.org.id, actorUserId: a.admin.user.id, ip: null, input });
    assert.equal(await portalSlugByDomain(db, `${domain.toUpperCase()}:443`), a.org.slug);
    assert.equal((await portalOrgBySlug(db, a.org.slug))?.brandColor, '#aa3300');
    await failsWith(
      savePortalSettings(db, { orgId: b.org.id, actorUserId: b.admin.user.id, ip: null, input }),
      'validation',
    );
    await savePortalSettings(db, {
      orgId: a.org.id,
      actorUserId: a.admin.user.id,
      ip: null,
      input: { ...input, portalEnabled: false },
    });
    assert.equal(await portalOrgBySlug(db, a.org.slug), null);
    assert.equal(await portalSlugByDomain(db, domain), null);
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, a.org.id), eq(auditLogs.action, 'portal.settings_saved')));
    assert.equal(audits.length, 2);
  });
});
