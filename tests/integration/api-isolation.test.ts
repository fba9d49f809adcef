import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers, leads, payments, plans, subscriptions, tickets, voucherBatches, workOrders } from '@/db/schema';
import { RESOURCES } from '@/lib/api/resources';
import { testDb } from '../helpers';
import { type ApiWorld, callApi, makeApiWorld, ROUTES_IN_ORDER, requestOf, validCalls } from '../support/api';

/**
 * Organization A's key, holding every scope, walks EVERY route of the resource table with
 * organization B's ids (in the path, the query and the body): nothing of B is read, and
 * nothing of B changes. A new route in lib/api/resources.ts is walked here without a new case.
 */
const db = testDb();
let a: ApiWorld;
let b: ApiWorld;

before(async () => {
  a = await makeApiWorld(db, 'api-iso-a');
  b = await makeApiWorld(db, 'api-iso-b');
});

/** Every row of B a route could read or change, as it stands. */
async function snapshotOfB() {
  const org = b.org.id;
  const [c, s, l, p, pl, t, wo, vb] = await Promise.all([
    db.select().from(customers).where(eq(customers.organizationId, org)),
    db.select().from(subscriptions).where(eq(subscriptions.organizationId, org)),
    db.select().from(leads).where(eq(leads.organizationId, org)),
    db.select().from(payments).where(eq(payments.organizationId, org)),
    db.select().from(plans).where(eq(plans.organizationId, org)),
    db.select().from(tickets).where(eq(tickets.organizationId, org)),
    db.select().from(workOrders).where(eq(workOrders.organizationId, org)),
    db.select().from(voucherBatches).where(eq(voucherBatches.organizationId, org)),
  ]);
  return JSON.stringify({ c, s, l, p, pl, t, wo, vb });
}

function idsOfB(): string[] {
  return [
    b.w.customer.id,
    b.w.subscription.id,
    b.w.lead1.id,
    b.w.lead2.id,
    b.w.plan.id,
    b.w.spare.id,
    b.w.invoice.id,
    b.w.paymentId,
    ...b.w.transfers,
    b.router.id,
    b.vouchers.batch.id,
    b.vouchers.profile.id,
    b.ticket.id,
    b.workOrderId,
  ];
}

describe('a key of organization A reaches nothing of organization B', () => {
  test('every route, with B’s ids in the path, the query or the body', async () => {
    const before = await snapshotOfB();
    const calls = validCalls(b);
    const leaks: string[] = [];
    for (const resource of ROUTES_IN_ORDER) {
      const { method, path, body } = requestOf(resource, calls[resource.op.name]!);
      const res = await callApi(a.token, method, path, { body });
      const text = await res.text();
      const label = `${method} ${path} -> ${res.status}`;
      if (resource.id) {
        // B's record in the path: as if it did not exist.
        if (res.status !== 404) leaks.push(`${label}: expected 404 ${text.slice(0, 160)}`);
      } else if (method === 'GET') {
        // A list filtered by B's ids: answers (A's rows or none), never B's.
        if (res.status >= 500) leaks.push(`${label} ${text.slice(0, 160)}`);
      } else if (res.status < 400) {
        // A creation naming B's records must be refused; one that names none (a plan) is A's own.
        const created = JSON.parse(text).data as { id?: string };
        if (resource.op.name !== 'plans.create') leaks.push(`${label}: accepted ${text.slice(0, 160)}`);
        else {
          const [plan] = await db.select().from(plans).where(eq(plans.id, created.id!));
          assert.equal(plan?.organizationId, a.org.id);
        }
      }
      for (const id of idsOfB()) if (text.includes(id)) leaks.push(`${label}: shows B's ${id}`);
      if (text.includes(b.org.id)) leaks.push(`${label}: shows B's organization`);
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshotOfB(), before, 'no row of B changed');
  });

  test('the walk covers every route of the table', () => {
    assert.deepEqual(
      ROUTES_IN_ORDER.map((r) => `${r.method} ${r.path}`).sort(),
      RESOURCES.map((r) => `${r.method} ${r.path}`).sort(),
    );
    assert.deepEqual(Object.keys(validCalls(b)).sort(), RESOURCES.map((r) => r.op.name).sort());
  });

  test('B’s own key still reads B’s records (the walk above is not vacuous)', async () => {
    const res = await callApi(b.token, 'GET', `/customers/${b.w.customer.id}`);
    assert.equal(res.status, 200);
  });
});
