import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { customers, invoices, leads, payments, routerSessions, routers, subscriptionHistory } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { activitySentence } from '@/lib/dashboard/activity-text';
import { resetDashboardCache } from '@/lib/dashboard/cache';
import { dashboardFinanceOp, dashboardNetworkOp, dashboardOp, dashboardSalesOp } from '@/lib/dashboard/operations';
import { formatIDR } from '@/lib/format';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();
beforeEach(() => resetDashboardCache());

// Dates in the organization's zone (Asia/Jakarta, the default), relative to today.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const day = (offset: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const monthStart = (back: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};
const CUR = monthStart(0);
const PREV = monthStart(1);
// 12:00 WIB on a calendar date.
const noon = (date: string) => new Date(`${date}T05:00:00Z`);

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const a = await makePlan(db, org.id, { priceRupiah: 100_000 });
  const b = await makePlan(db, org.id, { priceRupiah: 200_000 });
  const sub = (planId: string, status: 'active' | 'isolated' | 'terminated') =>
    makeSubscriber(db, org.id, { planId, routerId: null, status });
  const c1 = await sub(a.id, 'active');
  const c2 = await sub(b.id, 'active');
  const c3 = await sub(a.id, 'isolated');
  const c4 = await sub(b.id, 'terminated');
  await db
    .update(customers)
    .set({ area: 'RW 01' })
    .where(inArray(customers.id, [c1.customer.id, c3.customer.id]));
  await db.update(customers).set({ area: 'RW 02' }).where(eq(customers.id, c2.customer.id));
  let seq = 0;
  const invoice = async (
    s: typeof c1,
    o: {
      period: string;
      due: string;
      total: number;
      paid?: number;
      paidAt?: Date;
      status?: 'paid' | 'unpaid' | 'partial';
    },
  ) => {
    const [row] = await db
      .insert(invoices)
      .values({
        organizationId: org.id,
        number: `T/${label}/${++seq}`,
        customerId: s.customer.id,
        subscriptionId: s.subscription.id,
        period: o.period,
        issueDate: o.period,
        dueDate: o.due,
        billingType: 'postpaid',
        subtotal: o.total,
        tax: 0,
        total: o.total,
        paidAmount: o.paid ?? 0,
        status: o.status ?? 'unpaid',
        paidAt: o.paidAt ?? null,
      })
      .returning();
    return row!;
  };
  // This month: c1 paid before its due date; c2 not due yet.
  await invoice(c1, { period: CUR, due: day(3), total: 100_000, paid: 100_000, status: 'paid', paidAt: noon(day(-1)) });
  await invoice(c2, { period: CUR, due: day(5), total: 200_000 });
  // Last month: c1 paid after its due date, c2 part-paid (10 days late), c3 unpaid (40 days late).
  await invoice(c1, {
    period: PREV,
    due: day(-20),
    total: 100_000,
    paid: 100_000,
    status: 'paid',
    paidAt: noon(day(-2)),
  });
  await invoice(c2, { period: PREV, due: day(-10), total: 200_000, paid: 50_000, status: 'partial' });
  await invoice(c3, { period: PREV, due: day(-40), total: 100_000 });
  // Four months ago, c3, unpaid for 100 days.
  await invoice(c3, { period: monthStart(4), due: day(-100), total: 100_000 });
  const pay = (s: typeof c1, amount: number, createdAt: Date, status: 'approved' | 'pending' = 'approved') =>
    db.insert(payments).values({
      organizationId: org.id,
      customerId: s.customer.id,
      amount,
      method: 'cash',
      status,
      createdAt,
    });
  await pay(c1, 100_000, new Date());
  await pay(c2, 70_000, new Date(), 'pending');
  await pay(c1, 100_000, noon(`${PREV.slice(0, 8)}15`));
  await pay(c2, 50_000, noon(`${PREV.slice(0, 8)}16`));
  await db.insert(subscriptionHistory).values([
    { organizationId: org.id, subscriptionId: c3.subscription.id, fromStatus: 'active', toStatus: 'isolated' },
    { organizationId: org.id, subscriptionId: c4.subscription.id, fromStatus: 'active', toStatus: 'terminated' },
  ]);
  return { org, admin, a, b, c1, c2, c3, c4 };
}

describe('dashboard', () => {
  test('admin figures: MRR, billed and collected, collection rate, aging, top unpaid, movement, mix', async () => {
    const w = await world('dash');
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
    assert.equal(f.collections.length, 3, 'six months back, only months with invoices');
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
      f.topUnpaid.map((t) => [t.customerId, t.owed, t.invoices]),
      [
        [w.c2.customer.id, 350_000, 2],
        [w.c3.customer.id, 200_000, 2],
      ],
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

  test('each organization sees only its own figures; finance cannot read the sales section', async () => {
    const w = await world('mine');
    const other = await world('theirs');
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
    const w = await world('noc');
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
  });

  test('the activity feed reads as sentences with names, and figures are cached briefly', async () => {
    const w = await world('feed');
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
