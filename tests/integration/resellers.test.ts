import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, resellerCommissions, walletEntries } from '@/db/schema';
import { recordPayment, reversePayment } from '@/lib/billing/invoice-payments';
import { listCustomersOp } from '@/lib/customers/operations';
import * as ops from '@/lib/resellers/operations';
import { commissionMonths } from '@/lib/resellers/queries';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { getWalletBalance, postWalletEntry, sumWalletEntries } from '@/lib/wallet/ledger';
import { decideTopup, requestTopup } from '@/lib/wallet/topups';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { makeReseller, makeResellerCustomer } from '../support/resellers';

const db = testDb();
let org: Awaited<ReturnType<typeof makeOrg>>;
let resellerA: { id: string };
let resellerB: { id: string };
let ctxA: Ctx;
let ctxB: Ctx;
const actor = () => ({ orgId: org.org.id, actorUserId: org.admin.user.id, ip: null });
const payCash = (customerId: string, amount: number) =>
  recordPayment(db, { ...actor(), input: { customerId, amount, method: 'cash', reference: null, note: null } });
const commissionsOf = (invoiceId: string) =>
  db.select().from(resellerCommissions).where(eq(resellerCommissions.invoiceId, invoiceId));
const balance = (resellerUserId: string) => getWalletBalance(db, { orgId: org.org.id, resellerUserId });

before(async () => {
  org = await makeOrg(db, 'reseller');
  resellerA = await makeReseller(db, org.org.id, org.admin.user.id, 250); // 2,5 %
  resellerB = await makeReseller(db, org.org.id, org.admin.user.id, 1000);
  ctxA = ctxFor(db, org.org.id, resellerA.id, 'reseller');
  ctxB = ctxFor(db, org.org.id, resellerB.id, 'reseller');
});

describe('commission per paid invoice', () => {
  test('credited once, on the subtotal before PPN, floored to whole rupiah', async () => {
    const { customer, invoice } = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: resellerA.id,
      subtotal: 150_333,
      tax: 16_537,
    });
    const before = await balance(resellerA.id);
    // Two payments: the first leaves the invoice partial (no commission yet).
    await payCash(customer.id, 100_000);
    assert.equal((await commissionsOf(invoice.id)).length, 0);
    await payCash(customer.id, 66_870 + 5_000); // the rest, plus 5,000 left as credit
    const rows = await commissionsOf(invoice.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.baseAmount, 150_333);
    assert.equal(rows[0]!.amount, 3_758); // floor(150,333 × 2.5 %) = floor(3,758.325)
    assert.equal(await balance(resellerA.id), before + 3_758);
    assert.equal(
      await sumWalletEntries(db, { orgId: org.org.id, resellerUserId: resellerA.id }),
      await balance(resellerA.id),
    );
    // More money later pays nothing new: still one commission.
    await payCash(customer.id, 10_000);
    assert.equal((await commissionsOf(invoice.id)).length, 1);
    const [entry] = await db.select().from(walletEntries).where(eq(walletEntries.id, rows[0]!.walletEntryId));
    assert.equal(entry!.kind, 'commission');
    assert.equal(entry!.refId, invoice.id);
  });

  test("the organization's own customers and inactive resellers earn nothing", async () => {
    const own = await makeResellerCustomer(db, org.org.id, { resellerUserId: null });
    await payCash(own.customer.id, own.invoice.total);
    assert.equal((await commissionsOf(own.invoice.id)).length, 0);
    const paused = await makeReseller(db, org.org.id, org.admin.user.id, 500);
    const r = await executeOperation(ops.saveResellerSettingsOp, ctxFor(db, org.org.id, org.admin.user.id, 'admin'), {
      resellerUserId: paused.id,
      commissionRate: '5',
      notes: '',
    });
    assert.ok(r.ok && r.data.active === false);
    const theirs = await makeResellerCustomer(db, org.org.id, { resellerUserId: paused.id });
    await payCash(theirs.customer.id, theirs.invoice.total);
    assert.equal((await commissionsOf(theirs.invoice.id)).length, 0);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, paused.id), eq(auditLogs.action, 'reseller.settings_updated')))
      .orderBy(auditLogs.createdAt);
    assert.ok(audit);
  });

  test('a refund that reopens the invoice takes the commission back', async () => {
    const { customer, invoice } = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: resellerB.id,
      subtotal: 200_000,
      tax: 22_000,
    });
    const start = await balance(resellerB.id);
    const { paymentId } = await payCash(customer.id, 222_000);
    assert.equal(await balance(resellerB.id), start + 20_000);
    await db.transaction((tx) => reversePayment(tx, { ...actor(), paymentId, reason: 'Salah input' }));
    const [row] = await commissionsOf(invoice.id);
    assert.equal(row!.status, 'reversed');
    assert.equal(await balance(resellerB.id), start);
    // Paid again: a new commission for the same invoice (the old one stays as history).
    await payCash(customer.id, 222_000);
    const rows = await commissionsOf(invoice.id);
    assert.deepEqual(rows.map((r) => r.status).sort(), ['credited', 'reversed']);
    assert.equal(await balance(resellerB.id), start + 20_000);
  });

  test('a reversal the wallet cannot cover is owed, never a negative balance, and settled later', async () => {
    const reseller = await makeReseller(db, org.org.id, org.admin.user.id, 1000);
    const first = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: reseller.id,
      subtotal: 100_000,
      tax: 0,
    });
    const { paymentId } = await payCash(first.customer.id, 100_000);
    assert.equal(await balance(reseller.id), 10_000);
    // The reseller spends most of it (a voucher purchase).
    await db.transaction((tx) =>
      postWalletEntry(tx, {
        orgId: org.org.id,
        resellerUserId: reseller.id,
        kind: 'purchase',
        amount: -8_000,
        actorUserId: reseller.id,
      }),
    );
    await db.transaction((tx) => reversePayment(tx, { ...actor(), paymentId, reason: 'Refund' }));
    const [owed] = await commissionsOf(first.invoice.id);
    assert.equal(owed!.status, 'reversal_pending');
    assert.equal(await balance(reseller.id), 2_000);
    const summary = await executeOperation(ops.portalSummaryOp, ctxFor(db, org.org.id, reseller.id, 'reseller'), {});
    assert.ok(summary.ok && summary.data.owed === 10_000);
    // The next commission (15,000) covers it: 2,000 + 15,000 − 10,000.
    const second = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: reseller.id,
      subtotal: 150_000,
      tax: 0,
    });
    await payCash(second.customer.id, 150_000);
    const [settled] = await commissionsOf(first.invoice.id);
    assert.equal(settled!.status, 'reversed');
    assert.equal(await balance(reseller.id), 7_000);
    assert.equal(await sumWalletEntries(db, { orgId: org.org.id, resellerUserId: reseller.id }), 7_000);
  });
});

describe('commission after an owed reversal', () => {
  test('paid again while the reversal is still owed: the owed reversal is cancelled, one commission net', async () => {
    const reseller = await makeReseller(db, org.org.id, org.admin.user.id, 1000);
    const { customer, invoice } = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: reseller.id,
      subtotal: 100_000,
      tax: 0,
    });
    const { paymentId } = await payCash(customer.id, 100_000);
    await db.transaction((tx) =>
      postWalletEntry(tx, {
        orgId: org.org.id,
        resellerUserId: reseller.id,
        kind: 'purchase',
        amount: -10_000,
        actorUserId: reseller.id,
      }),
    );
    await db.transaction((tx) => reversePayment(tx, { ...actor(), paymentId, reason: 'Salah input' }));
    assert.equal((await commissionsOf(invoice.id))[0]!.status, 'reversal_pending');
    // The customer pays the invoice again: the reseller earned the commission after all.
    await payCash(customer.id, 100_000);
    const rows = await commissionsOf(invoice.id);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['credited'],
    );
    assert.equal(await balance(reseller.id), 0);
    const summary = await executeOperation(ops.portalSummaryOp, ctxFor(db, org.org.id, reseller.id, 'reseller'), {});
    assert.ok(summary.ok && summary.data.owed === 0);
    // A later commission is not eaten by a reversal that no longer exists.
    const next = await makeResellerCustomer(db, org.org.id, { resellerUserId: reseller.id, subtotal: 50_000, tax: 0 });
    await payCash(next.customer.id, 50_000);
    assert.equal(await balance(reseller.id), 5_000);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, invoice.id), eq(auditLogs.action, 'commission.reversal_cancelled')));
    assert.ok(audit);
  });

  test('an approved top-up pays what is owed first', async () => {
    const reseller = await makeReseller(db, org.org.id, org.admin.user.id, 1000);
    const { customer } = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: reseller.id,
      subtotal: 100_000,
      tax: 0,
    });
    const { paymentId } = await payCash(customer.id, 100_000);
    await db.transaction((tx) =>
      postWalletEntry(tx, {
        orgId: org.org.id,
        resellerUserId: reseller.id,
        kind: 'purchase',
        amount: -10_000,
        actorUserId: reseller.id,
      }),
    );
    await db.transaction((tx) => reversePayment(tx, { ...actor(), paymentId, reason: 'Refund' }));
    const request = await requestTopup(db, {
      orgId: org.org.id,
      actorUserId: reseller.id,
      ip: null,
      input: { amount: 50_000 },
    });
    const decided = await decideTopup(db, {
      ...actor(),
      actorUserId: org.admin.user.id,
      requestId: request.id,
      decision: 'approve',
    });
    assert.equal(decided.balance, 40_000);
    assert.equal(await balance(reseller.id), 40_000);
    assert.equal(await sumWalletEntries(db, { orgId: org.org.id, resellerUserId: reseller.id }), 40_000);
    const summary = await executeOperation(ops.portalSummaryOp, ctxFor(db, org.org.id, reseller.id, 'reseller'), {});
    assert.ok(summary.ok && summary.data.owed === 0);
  });
});

describe('commission months follow the organization time zone', () => {
  test('a commission at 00:30 WIB on the 1st belongs to that month, not the UTC one', async () => {
    const reseller = await makeReseller(db, org.org.id, org.admin.user.id, 1000);
    const a = await makeResellerCustomer(db, org.org.id, { resellerUserId: reseller.id, subtotal: 100_000, tax: 0 });
    const b = await makeResellerCustomer(db, org.org.id, { resellerUserId: reseller.id, subtotal: 50_000, tax: 0 });
    await payCash(a.customer.id, 100_000);
    await payCash(b.customer.id, 50_000);
    // Start of this month in Jakarta (UTC+7), as a UTC instant.
    const now = new Date(Date.now() + 7 * 3_600_000);
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 7 * 3_600_000;
    await db
      .update(resellerCommissions)
      .set({ createdAt: new Date(monthStart + 30 * 60_000) })
      .where(eq(resellerCommissions.invoiceId, a.invoice.id));
    await db
      .update(resellerCommissions)
      .set({ createdAt: new Date(monthStart - 30 * 60_000) })
      .where(eq(resellerCommissions.invoiceId, b.invoice.id));
    const months = await commissionMonths(db, { orgId: org.org.id, resellerUserId: reseller.id, months: 3 });
    assert.equal(months.length, 3);
    assert.deepEqual([months[0]!.credited, months[0]!.count], [10_000, 1]);
    assert.deepEqual([months[1]!.credited, months[1]!.count], [5_000, 1]);
    assert.equal(months[2]!.net, 0);
    const summary = await executeOperation(ops.portalSummaryOp, ctxFor(db, org.org.id, reseller.id, 'reseller'), {});
    assert.ok(summary.ok);
    assert.equal(summary.data.thisMonth.net, 10_000);
  });
});

describe('reseller isolation', () => {
  test('a reseller sees only their own customers, invoices and commissions', async () => {
    const mine = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: resellerA.id,
      name: 'Pelanggan Milik A',
    });
    const theirs = await makeResellerCustomer(db, org.org.id, {
      resellerUserId: resellerB.id,
      name: 'Pelanggan Milik B',
    });
    await payCash(theirs.customer.id, theirs.invoice.total);
    const json = (v: unknown) => JSON.stringify(v);
    const customersA = await executeOperation(ops.portalCustomersOp, ctxA, {});
    assert.ok(customersA.ok);
    assert.ok(
      json(customersA.data).includes('Pelanggan Milik A') && !json(customersA.data).includes('Pelanggan Milik B'),
    );
    assert.ok(customersA.data.items.every((c) => c.connection));
    const invoicesA = await executeOperation(ops.portalInvoicesOp, ctxA, {});
    assert.ok(
      invoicesA.ok &&
        json(invoicesA.data).includes(mine.invoice.number) &&
        !json(invoicesA.data).includes(theirs.invoice.number),
    );
    const commissionsA = await executeOperation(ops.portalCommissionsOp, ctxA, {});
    assert.ok(commissionsA.ok && !json(commissionsA.data).includes(theirs.invoice.number));
    const commissionsB = await executeOperation(ops.portalCommissionsOp, ctxB, {});
    assert.ok(commissionsB.ok && json(commissionsB.data).includes(theirs.invoice.number));
    // Searching for B's customer by name finds nothing for A.
    const search = await executeOperation(ops.portalCustomersOp, ctxA, { q: 'Milik B' });
    assert.ok(search.ok && search.data.items.length === 0);
    // The general customers list keeps its reseller filter too.
    const list = await executeOperation(listCustomersOp, ctxA, { q: 'Pelanggan Milik' });
    assert.ok(list.ok && list.data.items.every((c) => c.name !== 'Pelanggan Milik B'));
  });

  test("a reseller cannot open the staff pages' operations or another's settings", async () => {
    for (const [o, input] of [
      [ops.listResellersOp, {}],
      [ops.getResellerOp, { resellerUserId: resellerB.id }],
      [ops.saveResellerSettingsOp, { resellerUserId: resellerA.id, commissionRate: '100', active: 'on' }],
    ] as const) {
      const r = await executeOperation(o as typeof ops.listResellersOp, ctxA, input);
      assert.equal(!r.ok && r.code, 'forbidden');
    }
  });

  test('staff see every reseller with rate and customers; finance views, cannot edit', async () => {
    const finance = await makeMember(db, org.org.id, 'finance');
    const ctxF = ctxFor(db, org.org.id, finance.user.id, 'finance');
    const list = await executeOperation(ops.listResellersOp, ctxF, {});
    assert.ok(list.ok);
    const a = list.data.find((r) => r.userId === resellerA.id);
    assert.equal(a?.rateBps, 250);
    assert.ok((a?.customers ?? 0) >= 1);
    const edit = await executeOperation(ops.saveResellerSettingsOp, ctxF, {
      resellerUserId: resellerA.id,
      commissionRate: '9',
      active: 'on',
    });
    assert.equal(!edit.ok && edit.code, 'forbidden');
    // Not a reseller (a staff member's id) is not found, and a bad rate is refused per field.
    const admin = ctxFor(db, org.org.id, org.admin.user.id, 'admin');
    const notReseller = await executeOperation(ops.getResellerOp, admin, { resellerUserId: finance.user.id });
    assert.equal(!notReseller.ok && notReseller.code, 'not_found');
    const bad = await executeOperation(ops.saveResellerSettingsOp, admin, {
      resellerUserId: resellerA.id,
      commissionRate: '101',
      active: 'on',
    });
    assert.ok(!bad.ok && bad.fieldErrors?.commissionRate);
    const three = await executeOperation(ops.saveResellerSettingsOp, admin, {
      resellerUserId: resellerA.id,
      commissionRate: '2,555',
      active: 'on',
    });
    assert.ok(!three.ok && three.fieldErrors?.commissionRate);
  });
});
