import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { serviceRequests } from '@/db/schema';
import { PORTAL_OPERATIONS } from '@/lib/operations';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import * as ops from '@/lib/requests/portal-operations';
import type { Result } from '@/lib/server/operation';
import { portalUsageOp } from '@/lib/usage/portal-operations';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { makeRequestWorld } from '../support/requests';

/**
 * The portal's request and usage operations walked by a signed-in customer of organization A
 * against another customer of A and a customer of organization B: every one answers
 * not_found (or leaves the other's rows out), and nothing of theirs changes.
 */
const db = testDb();
type Side = { orgId: string; customerId: string; subscriptionId: string; requestId: string; planId: string };
let visitor: PortalCtx;
let neighbour: Side;
let foreign: Side;

async function side(orgId: string): Promise<Side> {
  const plan = await makePlan(db, orgId, { priceRupiah: 200_000 });
  const other = await makePlan(db, orgId, { priceRupiah: 300_000 });
  const { customer } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
  const { request, subscriptionId } = await makeRequestWorld(db, orgId, customer.id);
  return { orgId, customerId: customer.id, subscriptionId, requestId: request.id, planId: other.id };
}

before(async () => {
  const a = await makeOrg(db, 'portal-rq-a');
  const b = await makeOrg(db, 'portal-rq-b');
  const plan = await makePlan(db, a.org.id);
  const me = await makeSubscriber(db, a.org.id, { planId: plan.id, routerId: null });
  neighbour = await side(a.org.id);
  foreign = await side(b.org.id);
  const { token } = await createPortalSession(db, { orgId: a.org.id, customerId: me.customer.id, ip: null });
  const v = await portalVisitor(db, { orgId: a.org.id, token });
  assert.ok(v);
  visitor = {
    db,
    orgId: a.org.id,
    sessionId: v.sessionId,
    customerIds: v.customerIds,
    phone: null,
    ip: null,
    locale: 'id',
  };
});

const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
const stillPending = async (s: Side) => {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, s.requestId));
  assert.equal(row?.status, 'pending');
};

const CASES: Record<string, (s: Side) => Promise<void>> = {
  'portal.requests.list': async (s) => {
    const r = await executePortalOperation(ops.portalRequestsOp, visitor, {});
    assert.ok(r.ok);
    const text = JSON.stringify({ subs: r.data.subscriptions, requests: r.data.requests });
    assert.ok(!text.includes(s.requestId) && !text.includes(s.subscriptionId));
    assert.ok(r.data.plans.every((p) => p.id !== s.planId || s.orgId === visitor.orgId));
  },
  'portal.requests.quote': async (s) =>
    notFound(
      await executePortalOperation(ops.portalQuotePlanChangeOp, visitor, {
        subscriptionId: s.subscriptionId,
        planId: s.planId,
      }),
    ),
  'portal.requests.create': async (s) => {
    notFound(
      await executePortalOperation(ops.portalCreateRequestOp, visitor, {
        kind: 'stop',
        subscriptionId: s.subscriptionId,
        reason: 'bukan milik saya',
        endDate: '2099-01-01',
      }),
    );
    const rows = await db.select().from(serviceRequests).where(eq(serviceRequests.subscriptionId, s.subscriptionId));
    assert.equal(rows.length, 1);
  },
  'portal.requests.cancel': async (s) => {
    notFound(await executePortalOperation(ops.portalCancelRequestOp, visitor, { id: s.requestId }));
    await stillPending(s);
  },
  'portal.usage.month': async (s) =>
    notFound(await executePortalOperation(portalUsageOp, visitor, { subscriptionId: s.subscriptionId })),
};

describe("a portal customer reaches no other customer's requests or usage", () => {
  test('every request and usage portal operation has a case', () => {
    const mine = Object.keys(PORTAL_OPERATIONS).filter(
      (n) => n.startsWith('portal.requests.') || n.startsWith('portal.usage.'),
    );
    assert.deepEqual(mine.sort(), Object.keys(CASES).sort());
  });
  for (const [name, check] of Object.entries(CASES)) {
    test(`${name}: another customer of the same organization`, () => check(neighbour));
    test(`${name}: a customer of another organization`, () => check(foreign));
  }
});
