import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { payments } from '@/db/schema';
import { listPaymentsOp, paymentsTotalOp } from '@/lib/billing/operations';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeOrg, testDb } from '../helpers';

const db = testDb();

/**
 * The list behind the dashboard's "collected this month": a month is the organization's
 * calendar month (Jakarta here): a payment at 23:30 on 30 November in Jakarta stays in
 * November, one at 00:30 on 1 December in Jakarta (still 30 November in UTC) is December's.
 */
describe('payments received', () => {
  test('filtered by the organization\u2019s month, method, status and name; the total spans every page', async () => {
    const { org, admin } = await makeOrg(db, 'recv');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    await db.delete(payments).where(eq(payments.organizationId, org.id));
    const pay = (
      amount: number,
      at: string,
      method: 'cash' | 'transfer',
      status: 'approved' | 'pending',
      reference?: string,
    ) => ({
      organizationId: org.id,
      customerId: w.customer.id,
      amount,
      method,
      status,
      reference,
      createdAt: new Date(at),
    });
    await db.insert(payments).values([
      pay(100_000, '2026-11-30T16:30:00Z', 'cash', 'approved'), // 23:30 30 Nov in Jakarta
      pay(150_000, '2026-11-30T17:30:00Z', 'cash', 'approved'), // 00:30 1 Dec in Jakarta
      pay(200_000, '2026-12-05T03:00:00Z', 'transfer', 'pending', 'BCA-778'),
      pay(50_000, '2026-12-06T03:00:00Z', 'transfer', 'approved', 'BRI-12'),
    ]);
    const list = async (input: Record<string, string | number>) => {
      const r = await executeOperation(listPaymentsOp, ctx, input);
      assert.ok(r.ok, JSON.stringify(r));
      return r.data.items.map((p) => p.amount);
    };
    assert.deepEqual(await list({ month: '2026-11' }), [100_000]);
    assert.deepEqual(await list({ month: '2026-12' }), [50_000, 200_000, 150_000]);
    assert.deepEqual(await list({ month: '2026-12', status: 'approved' }), [50_000, 150_000]);
    assert.deepEqual(await list({ method: 'transfer' }), [50_000, 200_000]);
    assert.deepEqual(await list({ q: 'bca' }), [200_000]);
    assert.deepEqual(await list({ q: w.customer.name.slice(0, 4), month: '2026-11' }), [100_000]);
    // Paged two at a time, the total still counts the whole month.
    const first = await executeOperation(listPaymentsOp, ctx, { month: '2026-12', limit: 2 });
    assert.ok(first.ok && first.data.items.length === 2 && first.data.nextCursor);
    const total = await executeOperation(paymentsTotalOp, ctx, { month: '2026-12' });
    assert.ok(total.ok);
    assert.deepEqual(total.data, { count: 3, approved: 200_000 });
    // A month that is not one is a field error, not a 500.
    const bad = await executeOperation(listPaymentsOp, ctx, { month: '2026-13' });
    assert.ok(!bad.ok && bad.fieldErrors?.month);
  });
});
