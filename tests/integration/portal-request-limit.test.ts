import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { executePortalOperation } from '@/lib/portal/operation';
import { portalCancelRequestOp, portalCreateRequestOp } from '@/lib/requests/portal-operations';
import { REQUESTS_PER_HOUR } from '@/lib/requests/schemas';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { portalCtxFor } from './portal-isolation-cases';

const db = testDb();

test('a portal visitor asking and cancelling in a loop is stopped after the hourly limit', async () => {
  const { org } = await makeOrg(db, 'portal-req-limit');
  const plan = await makePlan(db, org.id);
  const { customer, subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  await db.update(customers).set({ phone: '6281277700042' }).where(eq(customers.id, customer.id));
  const ctx = await portalCtxFor(db, org.id, '6281277700042');
  const move = { kind: 'move', subscriptionId: subscription.id, address: 'Jl. Melati No. 5, Bekasi' };
  for (let i = 0; i < REQUESTS_PER_HOUR; i += 2) {
    const made = await executePortalOperation(portalCreateRequestOp, ctx, move);
    assert.ok(made.ok, JSON.stringify(made));
    const cancelled = await executePortalOperation(portalCancelRequestOp, ctx, { id: made.data.id });
    assert.ok(cancelled.ok, JSON.stringify(cancelled));
  }
  const over = await executePortalOperation(portalCreateRequestOp, ctx, move);
  assert.equal(!over.ok && over.code, 'portal_too_many');
});
