import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { customers, messages, pendingCharges, serviceRequests, subscriptions, workOrders } from '@/db/schema';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { decideServiceRequest } from '@/lib/requests/decide';
import { runRequestPass } from '@/lib/requests/pass';
import { createServiceRequest } from '@/lib/requests/portal';
import { AppError } from '@/lib/server/errors';
import { makeInvoice, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();

/** 10:00 in Jakarta on 21 November 2026 (a 30-day month: 10 days left, today included). */
const NOW = new Date('2026-11-21T03:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const basic = await makePlan(db, org.id, { name: 'Basic 10M', priceRupiah: 150_000 });
  const fast = await makePlan(db, org.id, { name: 'Fast 50M', priceRupiah: 250_000 });
  const sub = await makeSubscriber(db, org.id, { planId: basic.id, routerId: null });
  const asker = (now: Date) => ({
    orgId: org.id,
    customerIds: [sub.customer.id],
    channel: 'portal' as const,
    auditData: { channel: 'portal' },
    now,
  });
  const staff = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  return { org, admin, basic, fast, sub, asker, staff };
}

/** The month `period` is invoiced already (at the old plan's price). */
async function invoiced(w: Awaited<ReturnType<typeof world>>, period: string) {
  await makeInvoice(db, {
    orgId: w.org.id,
    customerId: w.sub.customer.id,
    subscriptionId: w.sub.subscription.id,
    period,
  });
}

async function chargesOf(subscriptionId: string) {
  return db.select().from(pendingCharges).where(eq(pendingCharges.subscriptionId, subscriptionId));
}

describe('review: request flows (money and dates)', () => {
  test('a plan change approved days after it was asked charges the days the new plan runs, not the days asked', async () => {
    const w = await world('rf-plan-late');
    await invoiced(w, '2026-11-01');
    // Asked on 21 November: 10 days left, 100.000 x 10 / 30 = 33.333 quoted.
    const req = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'plan_change', subscriptionId: w.sub.subscription.id, planId: w.fast.id },
    });
    assert.equal((req.details as { quote: number }).quote, 33_333);
    // CS approves on 26 November: the customer has Fast 50M for 5 days (26–30), 100.000 x 5 / 30.
    await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: day(5),
    });
    const [charge] = await chargesOf(w.sub.subscription.id);
    assert.equal(charge?.amount, 16_667);
    assert.match(charge!.description, /\(5 hari\)/);
    // The customer is told the amount that was actually charged, not left with the quote.
    const [m] = await db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.organizationId, w.org.id), eq(messages.eventKey, `service-request:${req.id}`)));
    assert.match(m!.body, /Rp\s?16\.667/);
  });

  test('a plan change asked at the end of a month and approved in the next charges the new month, not the old one', async () => {
    const w = await world('rf-plan-month');
    await invoiced(w, '2026-11-01');
    await invoiced(w, '2026-12-01');
    // Asked on 29 November (2 days left); approved on 2 December (31-day month, 30 days left).
    const asked = new Date('2026-11-29T03:00:00Z');
    const req = await createServiceRequest(db, {
      ...w.asker(asked),
      input: { kind: 'plan_change', subscriptionId: w.sub.subscription.id, planId: w.fast.id },
    });
    assert.equal((req.details as { quote: number }).quote, 6_667);
    await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: new Date('2026-12-02T03:00:00Z'),
    });
    const [charge] = await chargesOf(w.sub.subscription.id);
    // 100.000 x 30 / 31 = 96.774 (half up).
    assert.equal(charge?.amount, 96_774);
    assert.match(charge!.description, /\(30 hari\)/);
  });
});

describe('review: the pause pass', () => {
  test('a pause that could not start (staff had suspended the service) does not reactivate it on its resume day', async () => {
    const w = await world('rf-pause-skip');
    const req = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 7, startDate: '2026-11-22' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: req.id, decision: 'approve', note: null }, now: NOW });
    // Before the pause starts, staff suspend the service for their own reason.
    await db.transaction((tx) =>
      transitionSubscription(tx, {
        ...w.staff,
        subscriptionId: w.sub.subscription.id,
        to: 'suspended',
        reason: 'Perangkat ditarik untuk pemeriksaan',
      }),
    );
    const start = await runRequestPass(db, { orgId: w.org.id, now: day(1) });
    assert.equal(start.skipped, 1);
    // The pause's resume day (22 + 7 = 29 November) comes: staff's suspension stands.
    const resume = await runRequestPass(db, { orgId: w.org.id, now: day(8) });
    assert.equal(resume.resumed, 0);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.sub.subscription.id));
    assert.equal(sub?.status, 'suspended');
  });

  test("the customer's WhatsApp message gives the pause and stop dates in Indonesian, not as 2026-11-22", async () => {
    const w = await world('rf-dates');
    const pause = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 7, startDate: '2026-11-22' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: pause.id, decision: 'approve', note: null }, now: NOW });
    const stop = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'stop', subscriptionId: w.sub.subscription.id, reason: 'Pindah kota', endDate: '2026-12-31' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: stop.id, decision: 'approve', note: null }, now: NOW });
    const bodies = await Promise.all(
      [pause.id, stop.id].map(async (id) => {
        const [m] = await db
          .select({ body: messages.body })
          .from(messages)
          .where(and(eq(messages.organizationId, w.org.id), eq(messages.eventKey, `service-request:${id}`)));
        return m?.body ?? '';
      }),
    );
    assert.match(bodies[0]!, /22 Nov 2026/);
    assert.match(bodies[0]!, /29 Nov 2026/);
    assert.match(bodies[1]!, /31 Des 2026/);
    for (const b of bodies) assert.doesNotMatch(b, /\d{4}-\d{2}-\d{2}/);
  });
});

describe('review: a request left pending on a service that has ended', () => {
  test('a move waiting when the service stops is cancelled with the reason: no technician sent, the address stays', async () => {
    const w = await world('rf-after-stop');
    const move = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: {
        kind: 'move',
        subscriptionId: w.sub.subscription.id,
        address: 'Jl. Baru No. 5, Bandung',
        latitude: null,
        longitude: null,
        note: null,
      },
    });
    const stop = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'stop', subscriptionId: w.sub.subscription.id, reason: 'Pindah kota', endDate: '2026-11-21' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: stop.id, decision: 'approve', note: null }, now: NOW });
    const [ended] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.sub.subscription.id));
    assert.equal(ended?.status, 'terminated');
    // The stop took the waiting move with it: cancelled, with why, so nobody can approve it.
    const [cancelled] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, move.id));
    assert.equal(cancelled?.status, 'cancelled');
    assert.ok(cancelled?.decisionNote);
    await assert.rejects(
      decideServiceRequest(db, { ...w.staff, input: { id: move.id, decision: 'approve', note: null }, now: NOW }),
      (e) => e instanceof AppError && e.code === 'request_not_pending',
    );
    const relocations = await db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, w.org.id), eq(workOrders.type, 'relocation')));
    assert.equal(relocations.length, 0);
    const [c] = await db.select().from(customers).where(eq(customers.id, w.sub.customer.id));
    assert.equal(c?.address, 'Jl. Test');
  });

  test('a second stop or an overlapping pause is refused while an approved one is still to come', async () => {
    const w = await world('rf-scheduled');
    const subscriptionId = w.sub.subscription.id;
    const stop = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'stop', subscriptionId, reason: 'Pindah kota', endDate: '2026-11-30' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: stop.id, decision: 'approve', note: null }, now: NOW });
    await assert.rejects(
      createServiceRequest(db, {
        ...w.asker(day(1)),
        input: { kind: 'stop', subscriptionId, reason: 'Pindah kota', endDate: '2026-11-29' },
      }),
      (e: AppError) => e.code === 'request_scheduled',
    );
    const pause = await createServiceRequest(db, {
      ...w.asker(NOW),
      input: { kind: 'pause', subscriptionId, days: 7, startDate: '2026-11-23' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: pause.id, decision: 'approve', note: null }, now: NOW });
    await assert.rejects(
      createServiceRequest(db, {
        ...w.asker(day(1)),
        input: { kind: 'pause', subscriptionId, days: 7, startDate: '2026-11-25' },
      }),
      (e: AppError) => e.code === 'request_scheduled',
    );
  });
});
