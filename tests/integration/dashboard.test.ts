import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { customers, leads, payments, routerSessions, routers, subscriptionHistory } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { listCustomersOp, listLeadsOp } from '@/lib/customers/operations';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { activitySentence } from '@/lib/dashboard/activity-text';
import { resetDashboardCache } from '@/lib/dashboard/cache';
import { dashboardFinanceOp, dashboardNetworkOp, dashboardOp, dashboardSalesOp } from '@/lib/dashboard/operations';
import { formatIDR } from '@/lib/format';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, testDb } from '../helpers';
import { CUR, dashboardWorld, PREV } from '../support/dashboard-world';

const db = testDb();
beforeEach(() => resetDashboardCache());

describe('dashboard', () => {
  test('admin figures: MRR, billed and collected, collection rate, aging, top unpaid, movement, mix', async () => {
    const w = await dashboardWorld(db, 'dash');
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const r = await executeOperation(dashboardFinanceOp, ctx, {});
    assert.ok(r.ok, JSON.stringify(r));
    const f = r.data;
    assert.equal(f.period, CUR);
    assert.equal(f.mrr, 300_000, 'active customers: 100,000 + 200,000');
    assert.deepEqual(f.customers, { active: 2, isolated: 1 });
    assert.deepEqual(f.billed, { current: 300_000, previous: 400_000 });
    assert.deepEqual(f.collected, { current: 100_000, previous: 150_000 }, 'approved payments only');
    const cur = f.collections.find((c) => c.period === CUR)!;
    const prev = f.collections.find((c) => c.period === PREV)!;
    assert.deepEqual(cur, { period: CUR, invoices: 2, billed: 300_000, paid: 100_000, onTime: 100_000 });
    assert.deepEqual(prev, { period: PREV, invoices: 3, billed: 400_000, paid: 150_000, onTime: 0 });
    assert.equal(
      f.collections.length,
      2,
      'four months back (the invoice of four months ago is older), only months with invoices',
    );
    assert.deepEqual(
      f.aging.map((x) => [x.bucket, x.invoices, x.amount]),
      [
        ['current', 1, 200_000],
        ['1-30', 1, 150_000],
        ['31-60', 1, 100_000],
        ['61-90', 0, 0],
        ['90+', 1, 100_000],
      ],
    );
    assert.equal(f.outstanding, 550_000);
    assert.deepEqual(
      f.topUnpaid.map((t) => [t.customerId, t.owed]),
      [
        [w.c2.customer.id, 200_000],
        [w.c2.customer.id, 150_000],
        [w.c3.customer.id, 100_000],
        [w.c3.customer.id, 100_000],
      ],
      'largest open invoices first',
    );
    assert.equal(f.movement.length, 12);
    assert.deepEqual(f.movement.at(-1), { month: CUR, new: 4, churned: 1, isolated: 1 });
    assert.deepEqual(
      f.revenueByPlan.map((p) => [p.planId, p.customers, p.mrr]),
      [
        [w.b.id, 1, 200_000],
        [w.a.id, 1, 100_000],
      ],
    );
    assert.deepEqual(
      f.revenueByArea.map((x) => [x.area, x.customers, x.mrr]),
      [
        ['RW 02', 1, 200_000],
        ['RW 01', 1, 100_000],
      ],
    );
  });

  test("movement puts rows in months by the organization's month starts, not UTC's", async () => {
    const w = await dashboardWorld(db, 'dash-edge');
    // The current month starts at 00:00 WIB on its 1st, 17:00 UTC the day before.
    const start = new Date(`${CUR}T00:00:00+07:00`).getTime();
    await db
      .update(customers)
      .set({ createdAt: new Date(start - 60_000) })
      .where(eq(customers.id, w.c3.customer.id));
    await db
      .update(customers)
      .set({ createdAt: new Date(start) })
      .where(eq(customers.id, w.c4.customer.id));
    await db
      .update(subscriptionHistory)
      .set({ createdAt: new Date(start - 1) })
      .where(and(eq(subscriptionHistory.organizationId, w.org.id), eq(subscriptionHistory.toStatus, 'isolated')));
    const r = await executeOperation(dashboardFinanceOp, ctxFor(db, w.org.id, w.admin.user.id, 'admin'), {});
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.data.movement.at(-1), { month: CUR, new: 3, churned: 1, isolated: 0 });
    assert.deepEqual(r.data.movement.at(-2), { month: PREV, new: 1, churned: 0, isolated: 1 });
    // Each bar opens the customers behind it, by the same month starts.
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const behind = async (event: 'joined' | 'isolated' | 'terminated', from: string, to?: string) => {
      const l = await executeOperation(listCustomersOp, ctx, { event, from: from.slice(0, 7), to: to?.slice(0, 7) });
      assert.ok(l.ok, JSON.stringify(l));
      return l.data.items.length;
    };
    assert.equal(await behind('joined', CUR), 3);
    assert.equal(await behind('joined', PREV), 1);
    assert.equal(await behind('joined', PREV, CUR), 4);
    assert.equal(await behind('isolated', PREV), 1);
    assert.equal(await behind('isolated', CUR), 0);
    assert.equal(await behind('terminated', CUR), 1);
    const bad = await executeOperation(listCustomersOp, ctx, { event: 'joined', from: '2026-13' });
    assert.ok(!bad.ok && bad.fieldErrors?.from);
  });

  test('each organization sees only its own figures; finance cannot read the sales section', async () => {
    const w = await dashboardWorld(db, 'mine');
    const other = await dashboardWorld(db, 'theirs');
    await db.insert(payments).values({
      organizationId: other.org.id,
      customerId: other.c1.customer.id,
      amount: 999_000,
      method: 'cash',
    });
    const mine = await executeOperation(dashboardFinanceOp, ctxFor(db, w.org.id, w.admin.user.id, 'admin'), {});
    const theirs = await executeOperation(
      dashboardFinanceOp,
      ctxFor(db, other.org.id, other.admin.user.id, 'admin'),
      {},
    );
    assert.ok(mine.ok && theirs.ok);
    assert.equal(mine.data.collected.current, 100_000);
    assert.equal(theirs.data.collected.current, 1_099_000);
    assert.ok(!JSON.stringify(mine.data).includes(other.c2.customer.id));
    const sales = await executeOperation(dashboardSalesOp, ctxFor(db, w.org.id, w.admin.user.id, 'finance'), {});
    assert.equal(sales.ok, false);
  });

  test('network: routers with sessions, online against should-be-online; sales: leads and conversion', async () => {
    const w = await dashboardWorld(db, 'noc');
    const [router] = await db
      .insert(routers)
      .values({
        organizationId: w.org.id,
        name: 'RB-Pusat',
        host: '10.0.0.1',
        username: 'admin',
        passwordEnc: encryptSecret('x'),
        status: 'offline',
        lastError: 'timeout',
        lastErrorKind: 'timeout',
      })
      .returning();
    await db.insert(routerSessions).values(
      [w.c1, w.c2].map((s, i) => ({
        organizationId: w.org.id,
        routerId: router!.id,
        kind: 'pppoe' as const,
        itemId: `*${i}`,
        username: s.subscription.serviceUsername,
        subscriptionId: s.subscription.id,
      })),
    );
    const noc = await executeOperation(dashboardNetworkOp, ctxFor(db, w.org.id, w.admin.user.id, 'noc'), {});
    assert.ok(noc.ok);
    assert.equal(noc.data.routersOffline, 1);
    assert.deepEqual(
      noc.data.routers.map((r) => [r.name, r.sessions, r.lastErrorKind]),
      [['RB-Pusat', 2, 'timeout']],
    );
    assert.deepEqual([noc.data.onlineNow, noc.data.shouldBeOnline], [2, 2]);

    const lead = (status: 'new' | 'converted' | 'rejected', coverage: Record<string, unknown>) => ({
      organizationId: w.org.id,
      name: `Calon ${randomUUID().slice(0, 4)}`,
      phone: '628123',
      address: 'Jl. A',
      latitude: -6.9,
      longitude: 107.6,
      planId: w.a.id,
      billingType: 'postpaid' as const,
      status,
      coverage,
      createdBy: w.admin.user.id,
    });
    await db
      .insert(leads)
      .values([
        lead('converted', { ok: true }),
        lead('converted', { ok: true }),
        lead('rejected', { ok: false, reason: 'out_of_range' }),
        lead('new', { ok: false, reason: 'odp_full' }),
      ]);
    const sales = await executeOperation(dashboardSalesOp, ctxFor(db, w.org.id, w.admin.user.id, 'sales'), {});
    assert.ok(sales.ok);
    assert.deepEqual(sales.data.stages, { new: 1, converted: 2, rejected: 1 });
    assert.equal(sales.data.conversionRate, 0.5);
    assert.deepEqual(
      sales.data.coverage.map((c) => [c.result, c.n]),
      [
        ['covered', 2],
        ['out_of_range', 1],
        ['odp_full', 1],
        ['no_odp', 0],
      ],
    );
    assert.deepEqual(
      sales.data.perSalesperson.map((p) => [p.userId, p.leads, p.converted]),
      [[w.admin.user.id, 4, 2]],
    );
    // The salesperson's row opens the leads they entered over the same 90 days: an older lead
    // and someone else's are not in it.
    const other = await makeMember(db, w.org.id, 'sales');
    await db.insert(leads).values([
      { ...lead('new', { ok: true }), createdBy: other.user.id },
      { ...lead('converted', { ok: true }), createdAt: new Date(Date.now() - 120 * 86_400_000) },
    ]);
    const sctx = ctxFor(db, w.org.id, w.admin.user.id, 'sales');
    const behind = await executeOperation(listLeadsOp, sctx, { enteredBy: w.admin.user.id, days: 90 });
    assert.ok(behind.ok);
    assert.equal(behind.data.items.length, 4);
    assert.ok(behind.data.items.every((l) => l.enteredByName === w.admin.user.name));
    const converted = await executeOperation(listLeadsOp, sctx, { status: 'converted', days: 90 });
    assert.ok(converted.ok && converted.data.items.length === 2);
    const all = await executeOperation(listLeadsOp, sctx, {});
    assert.ok(all.ok && all.data.items.length === 6);
  });

  test('the activity feed reads as sentences with names, and figures are cached briefly', async () => {
    const w = await dashboardWorld(db, 'feed');
    await transitionSubscription(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      subscriptionId: w.c1.subscription.id,
      to: 'isolated',
      reason: 'manual',
    });
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const r = await executeOperation(dashboardOp, ctx, {});
    assert.ok(r.ok && r.data.recent);
    const item = r.data.recent[0]!;
    assert.equal(item.subject, w.c1.customer.name);
    assert.equal(item.href, `/customers/${w.c1.customer.id}`);
    assert.equal(activitySentence('id', item), `${w.admin.user.name} mengisolir pelanggan ${w.c1.customer.name}`);
    assert.equal(activitySentence('en', item), `${w.admin.user.name} isolated customer ${w.c1.customer.name}`);
    assert.equal(
      activitySentence('id', {
        action: 'payment.recorded',
        actorName: null,
        subject: 'Siti',
        amount: 150_000,
        to: null,
      }),
      `Sistem mencatat pembayaran ${formatIDR(150_000)} dari Siti`,
    );
    assert.equal(
      activitySentence('id', { action: 'something.new', actorName: 'Budi', subject: null, amount: null, to: null }),
      'Budi: Perubahan lain',
    );

    // Cached: a new payment does not show until the entry expires.
    const before = await executeOperation(dashboardFinanceOp, ctx, {});
    await db
      .insert(payments)
      .values({ organizationId: w.org.id, customerId: w.c1.customer.id, amount: 1, method: 'cash' });
    const again = await executeOperation(dashboardFinanceOp, ctx, {});
    assert.ok(before.ok && again.ok);
    assert.equal(again.data.collected.current, before.data.collected.current);
    resetDashboardCache();
    const fresh = await executeOperation(dashboardFinanceOp, ctx, {});
    assert.ok(fresh.ok);
    assert.equal(fresh.data.collected.current, before.data.collected.current + 1);
  });
});
