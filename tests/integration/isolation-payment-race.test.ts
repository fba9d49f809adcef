import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, invoices, jobs, subscriptionHistory, subscriptions } from '@/db/schema';
import { recordGatewayPayment, recordPayment } from '@/lib/billing/invoice-payments';
import { runIsolation } from '@/lib/billing/isolation';
import { encryptSecret } from '@/lib/crypto';
import { customerNotify } from '@/lib/messaging/jobs';
import { subscriptionApply } from '@/lib/network/jobs';
import { makeInvoice, makeOrg, makePlan, makeSubscriber, testDb, waitFor } from '../helpers';

// The isolation pass and a payment for the same customer, run at the same moment on two
// connections. One side is held inside a transaction the test keeps open, so the other runs
// against its uncommitted work; the test lets go once the other side is waiting on a lock (or
// done, when nothing makes it wait).
const db = testDb();
// October's postpaid invoice, due 1 Oct: its isolation moment is long past on 15 Nov.
const PERIOD = '2026-10-01';
const NOW = new Date('2026-11-15T03:00:00Z');

async function world() {
  const { org, admin } = await makeOrg(db, 'race');
  const plan = await makePlan(db, org.id);
  const { customer, subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  const invoice = await makeInvoice(db, {
    orgId: org.id,
    customerId: customer.id,
    subscriptionId: subscription.id,
    period: PERIOD,
  });
  // Issued long before: the minimum notice is not what holds anyone back here.
  await db
    .update(invoices)
    .set({ createdAt: new Date('2026-10-01T00:00:00Z') })
    .where(eq(invoices.id, invoice.id));
  return { org, admin, plan, customer, subscription, invoice };
}
type World = Awaited<ReturnType<typeof world>>;

const PAYERS = {
  'cash at the counter': (tx: Db, w: World) =>
    recordPayment(tx, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: { customerId: w.customer.id, amount: w.invoice.total, method: 'cash', reference: null, note: null },
    }),
  'a gateway payment': (tx: Db, w: World) =>
    recordGatewayPayment(tx, {
      orgId: w.org.id,
      actorUserId: null,
      ip: null,
      customerId: w.customer.id,
      invoiceId: w.invoice.id,
      amount: w.invoice.total,
      reference: 'midtrans:race',
      note: 'midtrans qris race',
      transactionId: randomUUID(),
    }),
};

const isolate = (tx: Db, w: World) => runIsolation(tx, { orgId: w.org.id, now: NOW });

/**
 * Runs `held` in a transaction, then `other` on another connection while that transaction is
 * still open; commits once `other` waits on a lock the held transaction has (or has finished).
 */
async function race<H, O>(held: (tx: Db) => Promise<H>, other: () => Promise<O>) {
  let second: Promise<O> | undefined;
  const first = await db.transaction(async (tx) => {
    const result = await held(tx);
    const [me] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    let settled = false;
    second = other().finally(() => {
      settled = true;
    });
    second.catch(() => {});
    await waitFor(async () => {
      if (settled) return true;
      const [w] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where ${me!.pid}::int = any(pg_blocking_pids(pid))`,
      );
      return (w?.n ?? 0) > 0;
    }, 10_000);
    return result;
  });
  return { first, second: await second! };
}

async function outcome(w: World) {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
  const [customer] = await db.select().from(customers).where(eq(customers.id, w.customer.id));
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, w.invoice.id));
  const history = await db
    .select({ to: subscriptionHistory.toStatus, reason: subscriptionHistory.reason })
    .from(subscriptionHistory)
    .where(eq(subscriptionHistory.subscriptionId, w.subscription.id))
    .orderBy(asc(subscriptionHistory.createdAt));
  const jobsOf = (type: string) =>
    db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.organizationId, w.org.id), eq(jobs.type, type)))
      .orderBy(asc(jobs.createdAt));
  return {
    subscription: sub!.status,
    customer: customer!.status,
    invoice: invoice!.status,
    history: history.map((h) => `${h.to}:${h.reason}`),
    network: (await jobsOf(subscriptionApply.name)).map((j) => (j.payload as { status: string }).status),
    notified: (await jobsOf(customerNotify.name))
      .map((j) => (j.payload as { event: string }).event)
      .filter((e) => e !== 'payment_received'),
  };
}

describe('isolation pass and a payment at the same moment', () => {
  for (const [how, pay] of Object.entries(PAYERS)) {
    test(`${how} committed while the pass decides: the customer is never cut off`, async () => {
      const w = await world();
      // The payment is done but not committed when the pass reads who owes; the pass must not
      // isolate on what it read before the payment committed.
      const { first: paid, second: pass } = await race(
        (tx) => pay(tx, w),
        () => isolate(db, w),
      );
      assert.deepEqual(await outcome(w), {
        subscription: 'active',
        customer: 'active',
        invoice: 'paid',
        history: [],
        network: [],
        notified: [],
      });
      assert.deepEqual([pass.isolated, paid.reconnected], [0, 0]);
    });

    test(`${how} while the pass has isolated but not committed: the payment reconnects`, async () => {
      const w = await world();
      // A second, newer service of the same customer (their status mirrors that one): the
      // customer row itself then gives the payment no reason to wait for the pass.
      await db.insert(subscriptions).values({
        organizationId: w.org.id,
        customerId: w.customer.id,
        planId: w.plan.id,
        billingType: 'postpaid',
        serviceUsername: `shop-${randomUUID().slice(0, 8)}`,
        servicePasswordEnc: encryptSecret('rahasia1'),
        status: 'active',
        createdAt: new Date(w.subscription.createdAt.getTime() + 60_000),
      });
      const { first: pass, second: paid } = await race(
        (tx) => isolate(tx, w),
        () => pay(db, w),
      );
      // The pass came first and the customer owed then: isolated, then reconnected by the
      // payment (the router gets both, in that order, on the router's queue).
      assert.deepEqual(await outcome(w), {
        subscription: 'active',
        customer: 'active',
        invoice: 'paid',
        history: ['isolated:unpaid_invoice', 'active:paid'],
        network: ['isolated', 'active'],
        notified: ['isolated', 'reconnected'],
      });
      assert.deepEqual([pass.isolated, paid.reconnected], [1, 1]);
    });
  }
});
