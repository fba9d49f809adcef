import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { customers, invoices, payments, subscriptionHistory } from '@/db/schema';
import { makeOrg, makePlan, makeSubscriber } from '../helpers';

/**
 * A small organization with known money for the dashboard: two active customers (plans of
 * 100,000 and 200,000, areas RW 01 and RW 02), one isolated, one terminated; invoices this
 * month, last month and four months ago (paid on time, paid late, part-paid, unpaid 10, 40
 * and 100 days); approved and pending payments; one isolation and one termination.
 */
// Dates in the organization's zone (Asia/Jakarta, the default), relative to today.
export const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
export const day = (offset: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
export const monthStart = (back: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
};
export const CUR = monthStart(0);
export const PREV = monthStart(1);
// 12:00 WIB on a calendar date.
const noon = (date: string) => new Date(`${date}T05:00:00Z`);

export async function dashboardWorld(db: Database, label: string) {
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
