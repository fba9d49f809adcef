import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { invoices, subscriptions } from '@/db/schema';
import { recordPayment } from '@/lib/billing/invoice-payments';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { extendPrepaid, portalPrepaid } from '@/lib/portal/billing';
import type { PortalCtx } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();

async function prepaidWorld(label: string) {
  const o = await makeOrg(db, label);
  const plan = await makePlan(db, o.org.id);
  const s = await makeSubscriber(db, o.org.id, { planId: plan.id, routerId: null });
  await db
    .update(subscriptions)
    .set({ billingType: 'prepaid', activatedAt: new Date('2025-01-05T03:00:00Z') })
    .where(eq(subscriptions.id, s.subscription.id));
  const { token } = await createPortalSession(db, { orgId: o.org.id, customerId: s.customer.id, ip: null });
  const v = await portalVisitor(db, { orgId: o.org.id, token });
  assert.ok(v);
  const ctx: PortalCtx = {
    db,
    orgId: o.org.id,
    sessionId: v.sessionId,
    customerIds: v.customerIds,
    phone: v.phone,
    ip: null,
    locale: 'id',
  };
  const actor = { orgId: o.org.id, actorUserId: o.admin.user.id, ip: null };
  return { ...o, plan, s, ctx, actor };
}

describe('review: prepaid extend now', () => {
  test('before this month is invoiced (invoice day not come yet), extend issues this month, not next month', async () => {
    const w = await prepaidWorld('rf-ext-gap');
    const current = periodOf(new Date(), 'Asia/Jakarta');
    const last = shiftMonth(current, -1);
    // Last month is invoiced and paid; this month's invoice day has not come yet.
    await runBilling(db, { orgId: w.org.id, period: last, actorUserId: null });
    const [paid] = await db.select().from(invoices).where(eq(invoices.subscriptionId, w.s.subscription.id));
    await recordPayment(db, {
      ...w.actor,
      input: { customerId: w.s.customer.id, amount: paid!.total, method: 'cash', reference: null, note: null },
    });
    const ext = await extendPrepaid(db, w.ctx, { subscriptionId: w.s.subscription.id });
    assert.equal(ext.issued, true);
    const [issued] = await db.select().from(invoices).where(eq(invoices.id, ext.invoiceId));
    // The month right after the last paid one: no unpaid month left behind a "paid through" date.
    assert.equal(issued?.period, current);
    await recordPayment(db, {
      ...w.actor,
      input: { customerId: w.s.customer.id, amount: issued!.total, method: 'cash', reference: null, note: null },
    });
    const [prepaid] = await portalPrepaid(db, w.ctx);
    assert.equal(prepaid?.paidThrough?.slice(0, 7), current.slice(0, 7));
    // This month's run then has nothing left to bill: every month up to the paid-through date is paid.
    const report = await runBilling(db, { orgId: w.org.id, period: current, actorUserId: null });
    assert.equal(report.issued, 0);
  });

  test('a service activated this month extends into next month (this month comes with it as prorata)', async () => {
    const w = await prepaidWorld('rf-ext-new');
    await db.update(subscriptions).set({ activatedAt: new Date() }).where(eq(subscriptions.id, w.s.subscription.id));
    const ext = await extendPrepaid(db, w.ctx, { subscriptionId: w.s.subscription.id });
    const [issued] = await db.select().from(invoices).where(eq(invoices.id, ext.invoiceId));
    assert.equal(issued?.period, shiftMonth(periodOf(new Date(), 'Asia/Jakarta'), 1));
  });
});
