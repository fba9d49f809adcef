import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { customers, invoices, resellerSettings, subscriptions } from '@/db/schema';
import * as resellerOps from '@/lib/resellers/operations';
import { saveResellerSettings } from '@/lib/resellers/settings';
import { executeOperation, type Operation, type Result } from '@/lib/server/operation';
import { ctxFor, makeMember, makePlan } from '../helpers';

/** A reseller member of the organization with a commission rate (basis points). */
export async function makeReseller(db: Database, orgId: string, adminUserId: string, rateBps = 500) {
  const member = await makeMember(db, orgId, 'reseller');
  await saveResellerSettings(db, {
    orgId,
    actorUserId: adminUserId,
    ip: null,
    input: { resellerUserId: member.user.id, commissionRate: rateBps, active: true, notes: null },
  });
  return member.user;
}

let seq = 0;
/**
 * A customer of the reseller (null: the organization's own) with one unpaid invoice whose
 * subtotal and PPN are given, straight into the tables.
 */
export async function makeResellerCustomer(
  db: Database,
  orgId: string,
  p: { resellerUserId: string | null; name?: string; subtotal?: number; tax?: number; period?: string },
) {
  const plan = await makePlan(db, orgId);
  const u = randomUUID().slice(0, 8);
  const [customer] = await db
    .insert(customers)
    .values({
      organizationId: orgId,
      number: 700_000 + ++seq + Math.floor(Math.random() * 99_000),
      name: p.name ?? `Pelanggan ${u}`,
      phone: '6281200000000',
      address: 'Jl. Test',
      status: 'active',
      planId: plan.id,
      resellerUserId: p.resellerUserId,
    })
    .returning();
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      organizationId: orgId,
      customerId: customer!.id,
      planId: plan.id,
      billingType: 'postpaid',
      serviceUsername: `r${u}`,
      servicePasswordEnc: 'x',
      status: 'active',
    })
    .returning();
  const subtotal = p.subtotal ?? 150_000;
  const tax = p.tax ?? Math.round(subtotal * 0.11);
  const [invoice] = await db
    .insert(invoices)
    .values({
      organizationId: orgId,
      number: `INV/${u}`,
      customerId: customer!.id,
      subscriptionId: subscription!.id,
      period: p.period ?? '2026-11-01',
      issueDate: '2026-11-01',
      dueDate: '2026-11-20',
      billingType: 'postpaid',
      subtotal,
      tax,
      total: subtotal + tax,
      lines: [{ kind: 'plan', description: plan.name, amount: subtotal, taxable: true }],
    })
    .returning();
  return { customer: customer!, subscription: subscription!, invoice: invoice! };
}

/** Inputs every role's run of the permission matrix uses (each must succeed for an allowed role). */
export async function resellerMatrixInputs(
  db: Database,
  orgId: string,
  adminUserId: string,
): Promise<Record<string, unknown>> {
  const reseller = await makeReseller(db, orgId, adminUserId);
  return {
    'resellers.portalSummary': {},
    'resellers.portalCustomers': { q: '' },
    'resellers.portalInvoices': { status: 'unpaid' },
    'resellers.portalCommissions': {},
    'resellers.list': {},
    'resellers.get': { resellerUserId: reseller.id },
    'resellers.saveSettings': { resellerUserId: reseller.id, commissionRate: '7,5', active: 'on', notes: 'Area RW 05' },
  };
}

type Run = <T>(op: Operation<never, T>, input: unknown) => Promise<Result<T>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

const op = <K extends keyof typeof resellerOps>(k: K) => resellerOps[k] as unknown as Operation<never, unknown>;
const json = (v: unknown) => JSON.stringify(v);

/**
 * Organization A tries every reseller operation on B: A's admin with B's reseller's id, and
 * a "reseller" of A whose user id is B's reseller (the portal never crosses organizations).
 */
export function resellerIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bData: Promise<{ resellerId: string; customerName: string; invoiceNumber: string }> | undefined;
  const bWorld = () =>
    (bData ??= (async () => {
      const { db, b } = sides();
      const resellerId = (await makeReseller(db, b.orgId, b.userId, 1000)).id;
      const { customer, invoice } = await makeResellerCustomer(db, b.orgId, {
        resellerUserId: resellerId,
        name: 'Pelanggan Rahasia B',
      });
      return { resellerId, customerName: customer.name, invoiceNumber: invoice.number };
    })());
  // B's reseller, seen as if signed in to A: their id must not unlock B's rows.
  const asBResellerInA = async <T>(o: Operation<never, T>, input: unknown) => {
    const { db, a } = sides();
    return executeOperation(o, ctxFor(db, a.orgId, (await bWorld()).resellerId, 'reseller'), input);
  };
  const portal =
    (k: 'portalSummaryOp' | 'portalCustomersOp' | 'portalInvoicesOp' | 'portalCommissionsOp') => async () => {
      const w = await bWorld();
      const r = await asBResellerInA(op(k), {});
      assert.ok(r.ok, json(r));
      assert.ok(!json(r.data).includes(w.customerName) && !json(r.data).includes(w.invoiceNumber));
      if (k === 'portalSummaryOp') assert.equal((r.data as { customers: number }).customers, 0);
    };
  return {
    'resellers.portalSummary': portal('portalSummaryOp'),
    'resellers.portalCustomers': portal('portalCustomersOp'),
    'resellers.portalInvoices': portal('portalInvoicesOp'),
    'resellers.portalCommissions': portal('portalCommissionsOp'),
    'resellers.list': async () => {
      const w = await bWorld();
      const r = await sides().run(op('listResellersOp'), {});
      assert.ok(r.ok && !json(r.data).includes(w.resellerId));
    },
    'resellers.get': async () => {
      const r = await sides().run(op('getResellerOp'), { resellerUserId: (await bWorld()).resellerId });
      assert.equal(!r.ok && r.code, 'not_found');
    },
    'resellers.saveSettings': async () => {
      const { db, b } = sides();
      const { resellerId } = await bWorld();
      const r = await sides().run(op('saveResellerSettingsOp'), {
        resellerUserId: resellerId,
        commissionRate: '100',
        active: 'on',
      });
      assert.equal(!r.ok && r.code, 'not_found');
      const [row] = await db
        .select()
        .from(resellerSettings)
        .where(and(eq(resellerSettings.organizationId, b.orgId), eq(resellerSettings.resellerUserId, resellerId)));
      assert.equal(row!.commissionRateBps, 1000);
    },
  };
}
