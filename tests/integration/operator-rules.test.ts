import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { customers, invoices, routerImports, subscriptionHistory, subscriptions } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { runIsolation } from '@/lib/billing/isolation';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { previewIsolationOp, runIsolationOp } from '@/lib/billing/operations';
import { runBilling } from '@/lib/billing/run';
import { encryptSecret } from '@/lib/crypto';
import { convertLead, createLead } from '@/lib/customers/leads';
import { importCustomersOp, previewImportOp } from '@/lib/customers/operations';
import { confirmRouterImportOp, routerImportPreviewOp } from '@/lib/network/operations';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOdp, makeOrg, makePlan, makeRouter, POLE, testDb } from '../helpers';

const db = testDb();
const TZ = 'Asia/Jakarta';
const HOUR = 3_600_000;

async function prepaidOrg() {
  const { org, admin } = await makeOrg(db, 'ops');
  const plan = await makePlan(db, org.id, { name: 'Paket 10 Mbps', billingType: 'prepaid', priceRupiah: 100_000 });
  return { org, admin, plan, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

const csvOf = (plan: string, n: number) =>
  [
    'name,phone,address,plan,billing_type,service_username,service_password',
    ...Array.from(
      { length: n },
      (_, i) =>
        `Impor ${i},0812-5550-${String(1000 + i)},Jl. Impor ${i},${plan},prepaid,imp${i}${randomUUID().slice(0, 4)},rahasia0${i}`,
    ),
  ].join('\n');

describe('imported customers are not cut off', () => {
  test('a mid-month CSV import is first invoiced next period; the preview says when each is invoiced and isolated', async () => {
    const { org, plan, ctx } = await prepaidOrg();
    const current = periodOf(new Date(), TZ);
    const next = shiftMonth(current, 1);
    const csv = csvOf(plan.name, 20);
    const preview = await executeOperation(previewImportOp, ctx, { csv });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.equal(preview.data.billingStartsOn, next);
    assert.equal(preview.data.sample.length, 20);
    // Prepaid, invoice day 1, isolation 00:01, 24 h notice: the day after the first invoice.
    assert.deepEqual(preview.data.sample.map((r) => [r.firstInvoiceOn, r.isolateFrom])[0], [
      next,
      `${shiftDay(next, 1)} 00:00`,
    ]);

    const r = await executeOperation(importCustomersOp, ctx, { csv });
    assert.ok(r.ok && r.data.imported === 20);
    const now = await runBilling(db, { orgId: org.id, period: current, actorUserId: null });
    assert.deepEqual(
      [now.issued, now.skipped.paidUntilLater],
      [0, 20],
      'the running month is paid: nothing to invoice',
    );
    assert.ok(now.skippedSample.every((s) => s.reason === 'paid_until_later'));
    assert.equal((await runIsolation(db, { orgId: org.id })).isolated, 0);
    const later = await runBilling(db, { orgId: org.id, period: next, actorUserId: null });
    assert.equal(later.issued, 20, 'billed from the next period on');
  });

  test('"paid until" on the import form moves the first invoice to the period after it', async () => {
    const { org, plan, ctx } = await prepaidOrg();
    const inThree = shiftMonth(periodOf(new Date(), TZ), 3);
    const paidUntil = shiftDay(inThree, -1); // the last day of the month before
    const r = await executeOperation(importCustomersOp, ctx, { csv: csvOf(plan.name, 2), paidUntil });
    assert.ok(r.ok && r.data.imported === 2);
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, org.id));
    assert.deepEqual(
      subs.map((s) => s.billingStartsOn),
      [inThree, inThree],
    );
    const bad = await executeOperation(importCustomersOp, ctx, { csv: csvOf(plan.name, 1), paidUntil: '31/12/2026' });
    assert.ok(!bad.ok && bad.fieldErrors?.paidUntil, 'a wrong date is a field error');
  });

  test('a router import (by NOC) starts billing next period too and shows the schedule', async () => {
    const { org, plan } = await prepaidOrg();
    const { user: noc } = await makeMember(db, org.id, 'noc');
    const ctx = ctxFor(db, org.id, noc.id, 'noc');
    const router = await makeRouter(db, org.id, { host: '10.255.9.1', port: 8728 });
    const entry = (name: string) => ({
      kind: 'pppoe' as const,
      name,
      passwordEnc: encryptSecret('rahasia1'),
      profile: 'default',
      disabled: false,
      remoteAddress: null,
      localAddress: null,
      callerId: null,
      comment: name,
    });
    const [imp] = await db
      .insert(routerImports)
      .values({ organizationId: org.id, routerId: router.id, jobId: randomUUID(), entries: [entry('ra'), entry('rb')] })
      .returning();
    const preview = await executeOperation(routerImportPreviewOp, ctx, { importId: imp!.id });
    assert.ok(preview.ok, 'NOC may import a router');
    assert.equal(preview.data.schedule.prepaid.period, shiftMonth(periodOf(new Date(), TZ), 1));
    const done = await executeOperation(confirmRouterImportOp, ctx, {
      importId: imp!.id,
      billingType: 'prepaid',
      mapping: { 'pppoe:default': plan.id },
    });
    assert.ok(done.ok && done.data.imported === 2, JSON.stringify(done));
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, org.id));
    assert.ok(subs.every((s) => s.billingStartsOn === shiftMonth(periodOf(new Date(), TZ), 1)));
    const report = await runBilling(db, { orgId: org.id, period: periodOf(new Date(), TZ), actorUserId: null });
    assert.equal(report.issued, 0);
    const [history] = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.subscriptionId, subs[0]!.id));
    assert.equal(history!.reason, 'imported_from_router', 'a code, translated when shown');
  });
});

describe('minimum notice before isolation', () => {
  test('a prepaid first invoice whose due time is already past does not isolate until the notice has passed', async () => {
    const { org, plan, admin } = await prepaidOrg();
    const [c] = await db
      .insert(customers)
      .values({
        organizationId: org.id,
        number: 1,
        name: 'Budi',
        phone: '6281200000001',
        address: 'Jl. A',
        status: 'active',
        planId: plan.id,
      })
      .returning();
    const [s] = await db
      .insert(subscriptions)
      .values({
        organizationId: org.id,
        customerId: c!.id,
        planId: plan.id,
        billingType: 'prepaid',
        serviceUsername: `budi${randomUUID().slice(0, 4)}`,
        servicePasswordEnc: encryptSecret('x'),
        status: 'active',
        activatedAt: new Date('2026-01-10T03:00:00Z'),
      })
      .returning();
    // This month's invoice, issued now and dated the 1st: its prepaid moment is long past.
    const report = await runBilling(db, { orgId: org.id, period: periodOf(new Date(), TZ), actorUserId: null });
    assert.equal(report.issued, 1);
    const preview = await runIsolation(db, { orgId: org.id, now: new Date(Date.now() + 23 * HOUR), dryRun: true });
    assert.deepEqual([preview.isolated, preview.heldByNotice], [0, 1], 'the preview names it as held by the notice');
    const soon = await runIsolation(db, { orgId: org.id, now: new Date(Date.now() + 23 * HOUR) });
    assert.equal(soon.isolated, 0, 'not within 24 h of the invoice');
    const [still] = await db.select().from(subscriptions).where(eq(subscriptions.id, s!.id));
    assert.equal(still!.status, 'active');
    const after = await runIsolation(db, {
      orgId: org.id,
      now: new Date(Date.now() + 25 * HOUR),
      actorUserId: admin.user.id,
    });
    assert.equal(after.isolated, 1, 'isolated once the customer had 24 h to pay');
    const [history] = await db
      .select()
      .from(subscriptionHistory)
      .where(and(eq(subscriptionHistory.subscriptionId, s!.id), eq(subscriptionHistory.toStatus, 'isolated')));
    assert.equal(history!.reason, 'unpaid_invoice');
  });

  test('the notice is a setting: 0 hours isolates at once', async () => {
    const { org, plan, ctx } = await prepaidOrg();
    const saved = await executeOperation((await import('@/lib/billing/operations')).saveBillingSettingsOp, ctx, {
      invoiceDay: '1',
      dueDay: '20',
      graceDays: '0',
      isolationTime: '00:01',
      isolationNoticeHours: '0',
      prorata: 'on',
      taxPercent: '11',
      invoicePrefix: 'INV',
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    const [c] = await db
      .insert(customers)
      .values({
        organizationId: org.id,
        number: 1,
        name: 'Siti',
        phone: '6281200000002',
        address: 'Jl. B',
        status: 'active',
        planId: plan.id,
      })
      .returning();
    await db.insert(subscriptions).values({
      organizationId: org.id,
      customerId: c!.id,
      planId: plan.id,
      billingType: 'prepaid',
      serviceUsername: `siti${randomUUID().slice(0, 4)}`,
      servicePasswordEnc: encryptSecret('x'),
      status: 'active',
      activatedAt: new Date('2026-01-10T03:00:00Z'),
    });
    await runBilling(db, { orgId: org.id, period: periodOf(new Date(), TZ), actorUserId: null });
    assert.equal((await runIsolation(db, { orgId: org.id })).isolated, 1);
  });
});

describe('the isolation pass by hand', () => {
  test('finance previews the pass (nothing written), then runs it now', async () => {
    const { org, plan } = await prepaidOrg();
    const { user: finance } = await makeMember(db, org.id, 'finance');
    const ctx = ctxFor(db, org.id, finance.id, 'finance');
    const [c] = await db
      .insert(customers)
      .values({
        organizationId: org.id,
        number: 1,
        name: 'Joko',
        phone: '6281200000003',
        address: 'Jl. C',
        status: 'active',
        planId: plan.id,
      })
      .returning();
    const [s] = await db
      .insert(subscriptions)
      .values({
        organizationId: org.id,
        customerId: c!.id,
        planId: plan.id,
        billingType: 'prepaid',
        serviceUsername: `joko${randomUUID().slice(0, 4)}`,
        servicePasswordEnc: encryptSecret('x'),
        status: 'active',
        activatedAt: new Date('2026-01-10T03:00:00Z'),
      })
      .returning();
    await runBilling(db, { orgId: org.id, period: periodOf(new Date(), TZ), actorUserId: null });
    await db
      .update(invoices)
      .set({ createdAt: new Date(Date.now() - 48 * HOUR) })
      .where(eq(invoices.organizationId, org.id));

    const preview = await executeOperation(previewIsolationOp, ctx, {});
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.deepEqual(
      [preview.data.isolated, preview.data.dryRun, preview.data.sample.map((x) => x.customerName)],
      [1, true, ['Joko']],
    );
    const [untouched] = await db.select().from(subscriptions).where(eq(subscriptions.id, s!.id));
    assert.equal(untouched!.status, 'active', 'the preview writes nothing');

    const run = await executeOperation(runIsolationOp, ctx, {});
    assert.ok(run.ok);
    assert.equal(run.data.isolated, 1);
    const [isolated] = await db.select().from(subscriptions).where(eq(subscriptions.id, s!.id));
    assert.equal(isolated!.status, 'isolated');
    assert.ok(can('finance', 'billing.run'));
  });
});

describe('router choice by area', () => {
  async function convertIn(area: string, routerAreas: (string | null)[]) {
    const { org, admin } = await makeOrg(db, 'area');
    const plan = await makePlan(db, org.id);
    await makeOdp(db, org.id, POLE);
    const routers = [];
    for (const [i, a] of routerAreas.entries())
      routers.push(await makeRouter(db, org.id, { host: `10.255.8.${i + 1}`, port: 8728 }, { area: a }));
    const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
    const input = {
      name: 'Budi',
      phone: '6281234567890',
      address: 'Jl. Melati',
      area,
      latitude: POLE.latitude + 0.0005,
      longitude: POLE.longitude,
      planId: plan.id,
      billingType: 'postpaid' as const,
      notes: null,
    };
    const { lead } = await createLead(db, { ...actor, input, resellerUserId: null });
    const { subscription } = await convertLead(db, {
      ...actor,
      leadId: lead.id,
      serviceUsername: `b${randomUUID().slice(0, 6)}`,
      servicePassword: 'rahasia1',
    });
    return { routerId: subscription.routerId, routers };
  }

  test("the only router, reserved for another area, does not take this area's customer", async () => {
    const r = await convertIn('RW 05', ['RW 01']);
    assert.equal(r.routerId, null);
  });

  test("the router of the customer's area, or an only router without an area, does", async () => {
    const same = await convertIn('rw 05', ['RW 05']);
    assert.equal(same.routerId, same.routers[0]!.id);
    const open = await convertIn('RW 05', [null]);
    assert.equal(open.routerId, open.routers[0]!.id);
    const two = await convertIn('RW 05', ['RW 01', 'RW 05']);
    assert.equal(two.routerId, two.routers[1]!.id);
  });
});

describe('router import page', () => {
  test('an empty router says there is nothing on it, not that all belongs to customers', async () => {
    const { org, ctx } = await prepaidOrg();
    const router = await makeRouter(db, org.id, { host: '10.255.9.2', port: 8728 });
    const [imp] = await db
      .insert(routerImports)
      .values({ organizationId: org.id, routerId: router.id, jobId: randomUUID(), entries: [] })
      .returning();
    const preview = await executeOperation(routerImportPreviewOp, ctx, { importId: imp!.id });
    assert.ok(preview.ok);
    assert.equal(preview.data.nothingNewReason, 'router_empty');
  });
});

function shiftDay(date: string, days: number) {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

describe('invoice lists', () => {
  test('a billing run (one issue time for all) pages through its invoices in one stable order, each once', async () => {
    const { org, plan, ctx } = await prepaidOrg();
    for (let n = 1; n <= 30; n++) {
      const [c] = await db
        .insert(customers)
        .values({
          organizationId: org.id,
          number: n,
          name: `P${n}`,
          phone: `62812000${n}`,
          address: 'Jl. D',
          status: 'active',
          planId: plan.id,
        })
        .returning();
      await db.insert(subscriptions).values({
        organizationId: org.id,
        customerId: c!.id,
        planId: plan.id,
        billingType: 'postpaid',
        serviceUsername: `p${n}${randomUUID().slice(0, 4)}`,
        servicePasswordEnc: encryptSecret('x'),
        status: 'active',
      });
    }
    await runBilling(db, { orgId: org.id, period: '2026-11-01', actorUserId: null });
    const { listInvoicesOp } = await import('@/lib/billing/operations');
    const walk = async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const r = await executeOperation(listInvoicesOp, ctx, { cursor });
        assert.ok(r.ok);
        seen.push(...r.data.items.map((i) => i.id));
        cursor = r.data.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const first = await walk();
    assert.equal(first.length, 30);
    assert.equal(new Set(first).size, 30, 'no invoice twice');
    assert.deepEqual(await walk(), first, 'the same order every time');
  });
});
