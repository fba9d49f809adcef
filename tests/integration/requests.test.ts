import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditLogs,
  customers,
  messages,
  pendingCharges,
  serviceRequests,
  subscriptionHistory,
  subscriptions,
  workOrders,
} from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import type { PortalCtx } from '@/lib/portal/operation';
import { executePortalOperation } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import { decideServiceRequest } from '@/lib/requests/decide';
import * as ops from '@/lib/requests/operations';
import { runRequestPass } from '@/lib/requests/pass';
import { createServiceRequest } from '@/lib/requests/portal';
import * as portalOps from '@/lib/requests/portal-operations';
import { addDays, planChangeQuote } from '@/lib/requests/quote';
import { executeOperation, type Result } from '@/lib/server/operation';
import { ctxFor, makeInvoice, makeMember, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

/** 10:00 in Jakarta on 21 November 2026 (a 30-day month: 10 days left, today included). */
const NOW = new Date('2026-11-21T03:00:00Z');
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

async function portalCtx(orgId: string, customerId: string): Promise<PortalCtx> {
  const { token } = await createPortalSession(db, { orgId, customerId, ip: null });
  const v = await portalVisitor(db, { orgId, token });
  assert.ok(v);
  return { db, orgId, sessionId: v.sessionId, customerIds: v.customerIds, phone: v.phone, ip: null, locale: 'id' };
}

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const basic = await makePlan(db, org.id, { name: 'Basic 10M', priceRupiah: 150_000 });
  const fast = await makePlan(db, org.id, { name: 'Fast 50M', priceRupiah: 250_000 });
  const sub = await makeSubscriber(db, org.id, { planId: basic.id, routerId: null });
  const visitor = await portalCtx(org.id, sub.customer.id);
  const asker = (customerIds = visitor.customerIds) => ({
    orgId: org.id,
    customerIds,
    channel: 'portal' as const,
    auditData: { channel: 'portal' },
    now: NOW,
  });
  const staff = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  return { org, admin, basic, fast, sub, visitor, asker, staff };
}

async function messageFor(orgId: string, requestId: string) {
  const [m] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.organizationId, orgId), eq(messages.eventKey, `service-request:${requestId}`)));
  return m;
}

async function statusOf(subscriptionId: string) {
  const [s] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
  return s!;
}

describe('service requests', () => {
  test('plan change before the month is invoiced: the invoice will bill the new plan, the days before are credited', async () => {
    const w = await world('rq-plan-unbilled');
    const today = localDate(new Date(), 'Asia/Jakarta');
    const expected = planChangeQuote({
      fromPrice: 150_000,
      toPrice: 250_000,
      today,
      prorata: true,
      monthInvoiced: false,
    });
    assert.equal(expected.basis, 'before');
    const quote = ok(
      await executePortalOperation(portalOps.portalQuotePlanChangeOp, w.visitor, {
        subscriptionId: w.sub.subscription.id,
        planId: w.fast.id,
      }),
    );
    assert.equal(quote.quote, expected.amount);
    assert.equal(quote.basis, 'before');
    // An upgrade: never a charge on top of an invoice that bills the new price already.
    assert.ok(quote.quote <= 0);
    const created = ok(
      await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
        kind: 'plan_change',
        subscriptionId: w.sub.subscription.id,
        planId: w.fast.id,
      }),
    );
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    ok(await executeOperation(ops.decideServiceRequestOp, ctx, { id: created.id, decision: 'approve' }));
    const charges = await db
      .select()
      .from(pendingCharges)
      .where(eq(pendingCharges.subscriptionId, w.sub.subscription.id));
    assert.equal(charges.length, expected.amount === 0 ? 0 : 1);
    if (charges[0]) {
      assert.equal(charges[0].amount, expected.amount);
      assert.match(charges[0].description, /sebelum/);
    }
  });

  test('plan change: the customer sees the quote, staff approve, the plan changes and the prorata is charged', async () => {
    const w = await world('rq-plan');
    const today = localDate(new Date(), 'Asia/Jakarta');
    // This month is invoiced already, at the old price.
    await makeInvoice(db, {
      orgId: w.org.id,
      customerId: w.sub.customer.id,
      subscriptionId: w.sub.subscription.id,
      period: `${today.slice(0, 7)}-01`,
    });
    const expected = planChangeQuote({
      fromPrice: 150_000,
      toPrice: 250_000,
      today,
      prorata: true,
      monthInvoiced: true,
    }).amount;
    const quote = ok(
      await executePortalOperation(portalOps.portalQuotePlanChangeOp, w.visitor, {
        subscriptionId: w.sub.subscription.id,
        planId: w.fast.id,
      }),
    );
    assert.equal(quote.quote, expected);
    assert.ok(quote.quote > 0);
    const created = ok(
      await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
        kind: 'plan_change',
        subscriptionId: w.sub.subscription.id,
        planId: w.fast.id,
      }),
    );
    // One pending request per kind per subscription.
    const again = await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
      kind: 'plan_change',
      subscriptionId: w.sub.subscription.id,
      planId: w.fast.id,
    });
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.code, 'request_duplicate');

    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const list = ok(await executeOperation(ops.listServiceRequestsOp, ctx, { status: 'pending' }));
    assert.deepEqual(
      list.page.items.map((r) => r.id),
      [created.id],
    );
    ok(await executeOperation(ops.decideServiceRequestOp, ctx, { id: created.id, decision: 'approve' }));

    const sub = await statusOf(w.sub.subscription.id);
    assert.equal(sub.planId, w.fast.id);
    const charges = await db
      .select()
      .from(pendingCharges)
      .where(eq(pendingCharges.subscriptionId, w.sub.subscription.id));
    assert.equal(charges.length, 1);
    assert.equal(charges[0]!.amount, expected);
    assert.match(charges[0]!.description, /Basic 10M ke Fast 50M/);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'request.approved')));
    assert.equal(audit?.entityId, created.id);
    const [created_audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'request.created')));
    assert.equal(created_audit?.actorUserId, null);
    assert.equal((created_audit!.data as { channel: string }).channel, 'portal');

    const msg = await messageFor(w.org.id, created.id);
    assert.equal(msg?.category, 'assistant');
    assert.match(msg!.body, /Ganti paket .* disetujui/);
    assert.match(msg!.body, /Fast 50M/);

    const mine = ok(await executePortalOperation(portalOps.portalRequestsOp, w.visitor, {}));
    assert.equal(mine.requests[0]?.status, 'approved');
    // Decided once: a second decision is refused.
    const twice = await executeOperation(ops.decideServiceRequestOp, ctx, { id: created.id, decision: 'approve' });
    assert.equal(!twice.ok && twice.code, 'request_not_pending');
  });

  test('a downgrade is credited for the rest of the month', async () => {
    const w = await world('rq-down');
    const { subscription } = await makeSubscriber(db, w.org.id, { planId: w.fast.id, routerId: null });
    const [cust] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    await makeInvoice(db, {
      orgId: w.org.id,
      customerId: cust!.customerId,
      subscriptionId: subscription.id,
      period: '2026-11-01',
    });
    const req = await createServiceRequest(db, {
      ...w.asker([cust!.customerId]),
      input: { kind: 'plan_change', subscriptionId: subscription.id, planId: w.basic.id },
    });
    assert.equal((req.details as { quote: number }).quote, -33_333);
    await decideServiceRequest(db, { ...w.staff, input: { id: req.id, decision: 'approve', note: null }, now: NOW });
    const [charge] = await db.select().from(pendingCharges).where(eq(pendingCharges.subscriptionId, subscription.id));
    assert.equal(charge?.amount, -33_333);
  });

  test('pause: suspended on the start day, back to active after the days asked', async () => {
    const w = await world('rq-pause');
    const start = addDays('2026-11-21', 2);
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 14, startDate: start },
    });
    const decided = await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: NOW,
    });
    assert.equal(decided.effect?.applied, false);
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');

    // Tomorrow: not yet.
    await runRequestPass(db, { orgId: w.org.id, now: day(1) });
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');
    const started = await runRequestPass(db, { orgId: w.org.id, now: day(2) });
    assert.equal(started.suspended, 1);
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'suspended');
    // Run twice on the same day: nothing more happens.
    assert.deepEqual(await runRequestPass(db, { orgId: w.org.id, now: day(2) }), {
      suspended: 0,
      resumed: 0,
      terminated: 0,
      skipped: 0,
    });
    await runRequestPass(db, { orgId: w.org.id, now: day(15) });
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'suspended');
    const back = await runRequestPass(db, { orgId: w.org.id, now: day(16) });
    assert.equal(back.resumed, 1);
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.subscriptionId, w.sub.subscription.id));
    assert.deepEqual(history.map((h) => h.toStatus).sort(), ['active', 'suspended']);
    const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, req.id));
    assert.ok(row?.appliedAt && row.resumedAt);
    assert.equal(row.resumeOn, addDays(start, 14));
  });

  test('a pause starting today suspends at once; out-of-range days are refused', async () => {
    const w = await world('rq-pause-now');
    const tooShort = await createServiceRequest(db, {
      ...w.asker(),
      // The schema refuses 3 days before this runs; here the start date is checked.
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 7, startDate: '2026-11-20' },
    }).catch((e) => e);
    assert.equal(tooShort.code, 'validation');
    const bad = await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
      kind: 'pause',
      subscriptionId: w.sub.subscription.id,
      days: 3,
      startDate: '2026-11-21',
    });
    assert.equal(!bad.ok && bad.fieldErrors?.days, 'Lama cuti 7 sampai 90 hari.');
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 7, startDate: '2026-11-21' },
    });
    await decideServiceRequest(db, { ...w.staff, input: { id: req.id, decision: 'approve', note: null }, now: NOW });
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'suspended');
  });

  test('move: a relocation work order to the new address, and the address follows', async () => {
    const w = await world('rq-move');
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: {
        kind: 'move',
        subscriptionId: w.sub.subscription.id,
        address: 'Jl. Merdeka 12, Bandung',
        latitude: -6.91,
        longitude: 107.61,
        note: 'Rumah cat hijau',
      },
    });
    const r = await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: NOW,
    });
    const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, r.effect!.workOrderId!));
    assert.equal(wo?.type, 'relocation');
    assert.equal(wo?.address, 'Jl. Merdeka 12, Bandung');
    assert.equal(wo?.customerId, w.sub.customer.id);
    assert.match(wo!.notes ?? '', /Pindah dari: Jl. Test/);
    const [c] = await db.select().from(customers).where(eq(customers.id, w.sub.customer.id));
    assert.equal(c?.address, 'Jl. Merdeka 12, Bandung');
    assert.equal(c?.latitude, -6.91);
  });

  test('stop: terminated on the end date by the pass, with a dismantle work order where work orders are used', async () => {
    const w = await world('rq-stop');
    // This organization uses work orders (a move made one).
    const moveReq = await createServiceRequest(db, {
      ...w.asker(),
      input: {
        kind: 'move',
        subscriptionId: w.sub.subscription.id,
        address: 'Jl. Asia Afrika 1',
        latitude: null,
        longitude: null,
        note: null,
      },
    });
    await decideServiceRequest(db, {
      ...w.staff,
      input: { id: moveReq.id, decision: 'approve', note: null },
      now: NOW,
    });
    const end = addDays('2026-11-21', 9);
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'stop', subscriptionId: w.sub.subscription.id, reason: 'Pindah kota', endDate: end },
    });
    const r = await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: NOW,
    });
    const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, r.effect!.workOrderId!));
    assert.equal(wo?.type, 'dismantle');
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');
    await runRequestPass(db, { orgId: w.org.id, now: day(8) });
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');
    const done = await runRequestPass(db, { orgId: w.org.id, now: day(9) });
    assert.equal(done.terminated, 1);
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'terminated');
    // A terminated subscription takes no more requests.
    const after = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'pause', subscriptionId: w.sub.subscription.id, days: 7, startDate: '2026-11-22' },
    }).catch((e) => e);
    assert.equal(after.code, 'request_unavailable');
  });

  test('stop today terminates at once; an organization without work orders gets none', async () => {
    const w = await world('rq-stop-now');
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'stop', subscriptionId: w.sub.subscription.id, reason: 'Biaya', endDate: '2026-11-21' },
    });
    const r = await decideServiceRequest(db, {
      ...w.staff,
      input: { id: req.id, decision: 'approve', note: null },
      now: NOW,
    });
    assert.equal(r.effect?.workOrderId, null);
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'terminated');
  });

  test('reject needs a reason and tells the customer; the customer can cancel a pending one', async () => {
    const w = await world('rq-reject');
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const req = await createServiceRequest(db, {
      ...w.asker(),
      input: { kind: 'stop', subscriptionId: w.sub.subscription.id, reason: 'Mahal', endDate: '2026-11-30' },
    });
    const noReason = await executeOperation(ops.decideServiceRequestOp, ctx, { id: req.id, decision: 'reject' });
    assert.equal(!noReason.ok && noReason.fieldErrors?.note, 'Tulis alasan penolakan (minimal 3 karakter).');
    ok(
      await executeOperation(ops.decideServiceRequestOp, ctx, {
        id: req.id,
        decision: 'reject',
        note: 'Masih dalam kontrak 12 bulan',
      }),
    );
    assert.equal((await statusOf(w.sub.subscription.id)).status, 'active');
    const msg = await messageFor(w.org.id, req.id);
    assert.match(msg!.body, /tidak dapat kami setujui/);
    assert.match(msg!.body, /Masih dalam kontrak 12 bulan/);
    const mine = ok(await executePortalOperation(portalOps.portalRequestsOp, w.visitor, {}));
    assert.equal(mine.requests[0]?.status, 'rejected');
    assert.equal(mine.requests[0]?.decisionNote, 'Masih dalam kontrak 12 bulan');

    const move = ok(
      await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
        kind: 'move',
        subscriptionId: w.sub.subscription.id,
        address: 'Jl. Braga 5',
      }),
    );
    ok(await executePortalOperation(portalOps.portalCancelRequestOp, w.visitor, { id: move.id }));
    const twice = await executePortalOperation(portalOps.portalCancelRequestOp, w.visitor, { id: move.id });
    assert.equal(!twice.ok && twice.code, 'request_not_pending');
    // Cancelled: the same kind may be asked again.
    ok(
      await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
        kind: 'move',
        subscriptionId: w.sub.subscription.id,
        address: 'Jl. Braga 7',
      }),
    );
  });

  test("another customer's subscription and request are refused; staff without requests.decide cannot decide", async () => {
    const w = await world('rq-scope');
    const other = await makeSubscriber(db, w.org.id, { planId: w.basic.id, routerId: null });
    const otherVisitor = await portalCtx(w.org.id, other.customer.id);
    const theirs = ok(
      await executePortalOperation(portalOps.portalCreateRequestOp, otherVisitor, {
        kind: 'move',
        subscriptionId: other.subscription.id,
        address: 'Jl. Dago 99',
      }),
    );
    const asMine = await executePortalOperation(portalOps.portalCreateRequestOp, w.visitor, {
      kind: 'move',
      subscriptionId: other.subscription.id,
      address: 'Jl. Dago 99',
    });
    assert.equal(!asMine.ok && asMine.code, 'not_found');
    const quote = await executePortalOperation(portalOps.portalQuotePlanChangeOp, w.visitor, {
      subscriptionId: other.subscription.id,
      planId: w.fast.id,
    });
    assert.equal(!quote.ok && quote.code, 'not_found');
    const cancel = await executePortalOperation(portalOps.portalCancelRequestOp, w.visitor, { id: theirs.id });
    assert.equal(!cancel.ok && cancel.code, 'not_found');
    const mine = ok(await executePortalOperation(portalOps.portalRequestsOp, w.visitor, {}));
    assert.equal(mine.requests.length, 0);
    assert.ok(mine.subscriptions.every((s) => s.id === w.sub.subscription.id));

    const operator = await makeMember(db, w.org.id, 'operator');
    const opCtx = ctxFor(db, w.org.id, operator.user.id, 'operator');
    ok(await executeOperation(ops.listServiceRequestsOp, opCtx, {}));
    const refused = await executeOperation(ops.decideServiceRequestOp, opCtx, { id: theirs.id, decision: 'approve' });
    assert.equal(!refused.ok && refused.code, 'forbidden');
  });
});
