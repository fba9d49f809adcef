import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '@/db/client';
import { customers, invoices, portalAccounts, subscriptions } from '@/db/schema';
import { executePortalOperation, type PortalCtx, type PortalOperation } from '@/lib/portal/operation';
import * as portalCoreOps from '@/lib/portal/operations';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import type { Result } from '@/lib/server/operation';
import { makePlan, makeSubscriber } from '../helpers';

/**
 * The portal's tenant walk (tests/integration/tenant-isolation.test.ts runs every entry):
 * one case per portal operation in PORTAL_OPERATIONS, by name. Each case gets A's visitor
 * (`a.ctx`, a phone with one customer) and the ids of rows it must never reach: organization
 * B's (`b`) and another customer of A under another phone (`y`). A case asserts not_found /
 * nothing of B's or Y's in the answer, and that their rows did not change.
 *
 * Lanes add their operations' cases at the end of PORTAL_CASES (one entry per operation);
 * the walker fails while an operation has none.
 */
export type PortalSide = {
  orgId: string;
  customerId: string;
  subscriptionId: string;
  invoiceId: string;
  phone: string;
};
export type PortalSides = {
  db: Database;
  a: PortalSide & { ctx: PortalCtx };
  b: PortalSide;
  y: PortalSide;
};

/** One customer with a subscription and an unpaid invoice, under `phone`. */
export async function makePortalCustomer(db: Database, orgId: string, phone: string): Promise<PortalSide> {
  const plan = await makePlan(db, orgId);
  const { customer, subscription } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
  await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
  const [invoice] = await db
    .insert(invoices)
    .values({
      organizationId: orgId,
      number: `INV-ISO-${randomUUID().slice(0, 8)}`,
      customerId: customer.id,
      subscriptionId: subscription.id,
      period: '2026-11-01',
      issueDate: '2026-11-01',
      dueDate: '2026-11-20',
      billingType: 'postpaid',
      subtotal: 150_000,
      tax: 0,
      total: 150_000,
    })
    .returning();
  return { orgId, customerId: customer.id, subscriptionId: subscription.id, invoiceId: invoice!.id, phone };
}

/** A visitor signed in by phone, as the portal's pages build it. */
export async function portalCtxFor(db: Database, orgId: string, phone: string): Promise<PortalCtx> {
  const s = await createPortalSession(db, { orgId, phone, ip: null });
  const v = await portalVisitor(db, { orgId, token: s.token });
  assert.ok(v, 'the visitor is signed in');
  return { db, orgId, sessionId: v.sessionId, customerIds: v.customerIds, phone: v.phone, ip: null, locale: 'en' };
}

export const portalRun = <S extends z.ZodType, T>(ctx: PortalCtx, op: PortalOperation<S, T>, input: unknown) =>
  executePortalOperation(op, ctx, input);

export const expectPortalNotFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not_found');
};

/** What a visitor's answer must never contain: B's and Y's ids and invoice numbers. */
async function foreignMarks(s: PortalSides) {
  const rows = await s.db
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.id, s.b.invoiceId)));
  const rowsY = await s.db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, s.y.invoiceId));
  return [
    s.b.customerId,
    s.b.subscriptionId,
    s.b.invoiceId,
    s.y.customerId,
    s.y.subscriptionId,
    s.y.invoiceId,
    rows[0]!.number,
    rowsY[0]!.number,
  ];
}

export async function assertNothingForeign(s: PortalSides, data: unknown) {
  const text = JSON.stringify(data);
  for (const mark of await foreignMarks(s)) assert.ok(!text.includes(mark), `leaked ${mark}`);
}

export const PORTAL_CASES: Record<string, (s: PortalSides) => Promise<void>> = {
  'portal.home': async (s) => {
    const r = await portalRun(s.a.ctx, portalCoreOps.portalHomeOp, {});
    assert.ok(r.ok);
    assert.deepEqual(
      r.data.map((c) => c.id),
      [s.a.customerId],
    );
    await assertNothingForeign(s, r.data);
    // The subscription status of B's and Y's customers is untouched by any read, of course;
    // the visitor's own one is there.
    const [own] = await s.db.select().from(subscriptions).where(eq(subscriptions.id, s.a.subscriptionId));
    assert.equal(r.data[0]!.subscriptions[0]!.id, own!.id);
  },
  'portal.account': async (s) => {
    const r = await portalRun(s.a.ctx, portalCoreOps.portalAccountOp, {});
    assert.ok(r.ok);
    assert.deepEqual(
      r.data.customers.map((c) => c.id),
      [s.a.customerId],
    );
    await assertNothingForeign(s, r.data);
  },
  'portal.setPassword': async (s) => {
    for (const other of [s.b, s.y]) {
      expectPortalNotFound(
        await portalRun(s.a.ctx, portalCoreOps.setPortalPasswordOp, {
          customerId: other.customerId,
          password: 'bukan-punyamu',
          confirm: 'bukan-punyamu',
        }),
      );
      assert.deepEqual(
        await s.db.select().from(portalAccounts).where(eq(portalAccounts.customerId, other.customerId)),
        [],
      );
    }
  },
  'portal.more': async (s) => {
    const r = await portalRun(s.a.ctx, portalCoreOps.portalMoreOp, {});
    assert.ok(r.ok);
    assert.deepEqual(r.data, { modem: false });
  },
};
