import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { customers, invoices, jobs, payments, pendingCharges, subscriptions } from '@/db/schema';
import { approvePayment, recordPayment, rejectPayment } from '@/lib/billing/invoice-payments';
import { runIsolation } from '@/lib/billing/isolation';
import { invoiceLinkToken } from '@/lib/billing/links';
import { recordPaymentOp } from '@/lib/billing/operations';
import { billingSummary } from '@/lib/billing/queries';
import { buildReport } from '@/lib/billing/reports';
import { runBilling } from '@/lib/billing/run';
import { encryptSecret } from '@/lib/crypto';
import { customerNotify } from '@/lib/messaging/jobs';
import { subscriptionApply } from '@/lib/network/jobs';
import { executeOperation, makeCtx } from '@/lib/server/operation';
import { makeOrg, makePlan, testDb } from '../helpers';

const db = testDb();
const NOV = '2026-11-01';

async function world(over: { taxable?: boolean } = {}) {
  const { org, admin } = await makeOrg(db, 'bill');
  const plan = await makePlan(db, org.id, { priceRupiah: 150_000, taxable: over.taxable ?? true });
  let n = 0;
  const subscribe = async (o: {
    billingType?: 'prepaid' | 'postpaid';
    activatedAt?: string | null;
    status?: 'active' | 'isolated' | 'pending';
  }) => {
    n++;
    const [c] = await db
      .insert(customers)
      .values({
        organizationId: org.id,
        number: n,
        name: `Pelanggan ${n}`,
        phone: `62812000${n}`,
        address: 'Jl. Uji',
        status: o.status ?? 'active',
        planId: plan.id,
      })
      .returning();
    const [s] = await db
      .insert(subscriptions)
      .values({
        organizationId: org.id,
        customerId: c!.id,
        planId: plan.id,
        billingType: o.billingType ?? 'postpaid',
        serviceUsername: `u${n}-${randomUUID().slice(0, 4)}`,
        servicePasswordEnc: encryptSecret('x'),
        status: o.status ?? 'active',
        activatedAt:
          o.activatedAt === undefined
            ? new Date('2026-06-10T03:00:00Z')
            : o.activatedAt === null
              ? null
              : new Date(o.activatedAt),
      })
      .returning();
    return { customer: c!, subscription: s! };
  };
  return { org, admin, plan, subscribe };
}

/**
 * November's run, its invoices issued a week ahead (25 Oct): these tests travel in time with
 * `now`, and an invoice younger than the minimum notice (24 h) isolates no one.
 */
async function billNovemberAhead(orgId: string) {
  await runBilling(db, { orgId, period: NOV, actorUserId: null });
  await db
    .update(invoices)
    .set({ createdAt: new Date('2026-10-25T00:00:00Z') })
    .where(eq(invoices.organizationId, orgId));
}

const invoicesOf = (subscriptionId: string) =>
  db.select().from(invoices).where(eq(invoices.subscriptionId, subscriptionId)).orderBy(invoices.period);
const itemsOf = async (invoiceId: string) =>
  (await db.select().from(invoices).where(eq(invoices.id, invoiceId)))[0]!.lines;
const jobsFor = (orgId: string, type: string) =>
  db
    .select()
    .from(jobs)
    .where(and(eq(jobs.organizationId, orgId), eq(jobs.type, type)));

describe('billing run', () => {
  test('a full month: plan line, PPN 11 % half up, number, due day', async () => {
    const w = await world();
    const post = await w.subscribe({ billingType: 'postpaid' });
    const pre = await w.subscribe({ billingType: 'prepaid' });
    const report = await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    assert.deepEqual(report, {
      period: NOV,
      eligible: 2,
      issued: 2,
      skipped: { alreadyInvoiced: 0, activatedThisPeriod: 0, paidUntilLater: 0 },
      skippedSample: [],
      total: 333_000,
      dryRun: false,
    });
    const [inv] = await invoicesOf(post.subscription.id);
    assert.deepEqual(
      [inv!.number, inv!.subtotal, inv!.tax, inv!.total, inv!.issueDate, inv!.dueDate, inv!.status],
      ['INV/202611/00001', 150_000, 16_500, 166_500, NOV, '2026-11-20', 'unpaid'],
    );
    const [preInv] = await invoicesOf(pre.subscription.id);
    assert.equal(preInv!.number, 'INV/202611/00002');
    assert.equal(preInv!.dueDate, NOV, 'prepaid is due on the invoice day');
    assert.match(invoiceLinkToken(preInv!.id), /^[0-9a-f-]{36}\.[\w-]{43}$/);
  });

  test('the first partial month is billed by days used, on the next invoice', async () => {
    const w = await world();
    // Activated 17 October 10:00 WIB: 15 of October's 31 days.
    const s = await w.subscribe({ activatedAt: '2026-10-17T03:00:00Z' });
    await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    const [inv] = await invoicesOf(s.subscription.id);
    const items = await itemsOf(inv!.id);
    assert.deepEqual(
      items.map((i) => [i.kind, i.amount]),
      [
        ['plan', 150_000],
        ['prorata', 72_581],
      ],
    );
    assert.equal(inv!.subtotal, 222_581);
    assert.equal(inv!.tax, 24_484); // 24483.91
    assert.equal(inv!.total, 247_065);
  });

  test('re-running issues nothing twice and says why each subscription was skipped', async () => {
    const w = await world();
    await w.subscribe({});
    await w.subscribe({});
    const late = await w.subscribe({ activatedAt: '2026-11-05T03:00:00Z' });
    await w.subscribe({ status: 'pending', activatedAt: null });
    const first = await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    assert.deepEqual(
      [first.eligible, first.issued, first.skipped],
      [2, 2, { alreadyInvoiced: 0, activatedThisPeriod: 1, paidUntilLater: 0 }],
    );
    const again = await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    assert.deepEqual(
      [again.eligible, again.issued, again.skipped],
      [0, 0, { alreadyInvoiced: 2, activatedThisPeriod: 1, paidUntilLater: 0 }],
    );
    assert.deepEqual(
      again.skippedSample.map((x) => x.reason).sort(),
      ['activated_this_period', 'already_invoiced', 'already_invoiced'],
      'each skipped subscription is named with its reason',
    );
    assert.ok(
      again.skippedSample.some(
        (x) => x.serviceUsername === late.subscription.serviceUsername && x.reason === 'activated_this_period',
      ),
    );
    assert.equal((await invoicesOf(late.subscription.id)).length, 0);
    // December picks up the late one with its prorata (5–30 November: 26 of 30 days).
    await runBilling(db, { orgId: w.org.id, period: '2026-12-01', actorUserId: null });
    const [dec] = await invoicesOf(late.subscription.id);
    assert.deepEqual(
      (await itemsOf(dec!.id)).map((i) => [i.kind, i.amount]),
      [
        ['plan', 150_000],
        ['prorata', 130_000],
      ],
    );
  });

  test('unpaid rest is carried as a line and the old invoice is closed; one-off charges are added once', async () => {
    const w = await world({ taxable: false });
    const s = await w.subscribe({});
    await runBilling(db, { orgId: w.org.id, period: '2026-10-01', actorUserId: null });
    await recordPayment(db, {
      orgId: w.org.id,
      actorUserId: null,
      ip: null,
      input: { customerId: s.customer.id, amount: 50_000, method: 'cash', reference: null, note: null },
    });
    await db.insert(pendingCharges).values([
      { organizationId: w.org.id, subscriptionId: s.subscription.id, description: 'Biaya instalasi', amount: 200_000 },
      { organizationId: w.org.id, subscriptionId: s.subscription.id, description: 'Diskon promo', amount: -25_000 },
    ]);
    await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    const [oct, nov] = await invoicesOf(s.subscription.id);
    assert.equal(oct!.status, 'carried');
    assert.equal(oct!.carriedToId, nov!.id);
    const items = await itemsOf(nov!.id);
    assert.deepEqual(
      items.map((i) => [i.kind, i.amount]).sort(),
      [
        ['carried', 100_000],
        ['charge', -25_000],
        ['charge', 200_000],
        ['plan', 150_000],
      ].sort(),
    );
    assert.equal(nov!.total, 425_000);
    await runBilling(db, { orgId: w.org.id, period: '2026-12-01', actorUserId: null });
    const dec = (await invoicesOf(s.subscription.id))[2]!;
    assert.deepEqual(
      (await itemsOf(dec.id)).map((i) => i.kind).sort(),
      ['carried', 'plan'],
      'charges are not billed twice',
    );
  });

  test('two runs at the same moment issue each invoice once', async () => {
    const w = await world();
    for (let i = 0; i < 30; i++) await w.subscribe({});
    const [a, b] = await Promise.all([
      runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null }),
      runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null }),
    ]);
    assert.equal(a.issued + b.issued, 30);
    const [row] = await db.execute<{ n: number; numbers: number }>(
      sql`select count(*)::int as n, count(distinct number)::int as numbers from invoices where organization_id = ${w.org.id}`,
    );
    assert.deepEqual([row!.n, row!.numbers], [30, 30]);
  });

  test('invoice numbers grow past 99999 instead of being cut to five digits', async () => {
    const w = await world();
    for (let i = 0; i < 3; i++) await w.subscribe({});
    await db.execute(
      sql`insert into invoice_counters (organization_id, period, last_number) values (${w.org.id}, ${NOV}, 99998)`,
    );
    await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    const rows = await db
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.organizationId, w.org.id));
    assert.deepEqual(rows.map((r) => r.number).sort(), ['INV/202611/100000', 'INV/202611/100001', 'INV/202611/99999']);
  });

  test('the preview reports the same figures and writes nothing', async () => {
    const w = await world();
    await w.subscribe({});
    const preview = await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null, dryRun: true });
    assert.deepEqual([preview.eligible, preview.total, preview.dryRun], [1, 166_500, true]);
    assert.equal((await db.select().from(invoices).where(eq(invoices.organizationId, w.org.id))).length, 0);
  });

  test('completeness: 10,000 subscriptions get exactly one invoice each, numbers unique', async () => {
    const w = await world();
    await seedMany(db, w.org.id, w.plan.id, 10_000);
    const report = await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    assert.equal(report.eligible, 10_000);
    assert.equal(report.issued, 10_000);
    const [row] = await db.execute<{ subs: number; invoiced: number; numbers: number; missing: number }>(sql`
      select (select count(*)::int from subscriptions where organization_id = ${w.org.id}) as subs,
             (select count(*)::int from invoices where organization_id = ${w.org.id}) as invoiced,
             (select count(distinct number)::int from invoices where organization_id = ${w.org.id}) as numbers,
             (select count(*)::int from subscriptions s where s.organization_id = ${w.org.id}
                and (select count(*) from invoices i where i.subscription_id = s.id) <> 1) as missing`);
    assert.deepEqual(row, { subs: 10_000, invoiced: 10_000, numbers: 10_000, missing: 0 });
  });
});

describe('isolation and reconnection', () => {
  test('prepaid unpaid is isolated at H+0 (00:01 WIB), with one network and one notification job', async () => {
    const w = await world();
    const s = await w.subscribe({ billingType: 'prepaid' });
    await billNovemberAhead(w.org.id);
    assert.equal(
      (await runIsolation(db, { orgId: w.org.id, now: new Date('2026-10-31T17:00:00Z') })).isolated,
      0,
      '1 Nov 00:00 WIB: not yet',
    );
    assert.equal(
      (await runIsolation(db, { orgId: w.org.id, now: new Date('2026-10-31T17:01:00Z') })).isolated,
      1,
      '00:01 WIB',
    );
    assert.equal(
      (await runIsolation(db, { orgId: w.org.id, now: new Date('2026-10-31T18:00:00Z') })).isolated,
      0,
      'only once',
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, s.subscription.id));
    assert.equal(sub!.status, 'isolated');
    const network = await jobsFor(w.org.id, subscriptionApply.name);
    const notify = await jobsFor(w.org.id, customerNotify.name);
    assert.deepEqual(
      network.map((j) => j.payload),
      [{ subscriptionId: s.subscription.id, status: 'isolated' }],
    );
    assert.deepEqual(
      notify.map((j) => j.payload),
      [{ customerId: s.customer.id, subscriptionId: s.subscription.id, event: 'isolated' }],
    );
  });

  test('postpaid unpaid is isolated the day after due day + grace', async () => {
    const w = await world();
    await db.execute(
      sql`insert into billing_settings (organization_id, due_day, grace_days) values (${w.org.id}, 20, 2)`,
    );
    const s = await w.subscribe({ billingType: 'postpaid' });
    await billNovemberAhead(w.org.id);
    // Due 20 Nov, grace 2 days: isolated on 23 Nov at 00:01 WIB.
    assert.equal((await runIsolation(db, { orgId: w.org.id, now: new Date('2026-11-22T16:59:00Z') })).isolated, 0);
    assert.equal((await runIsolation(db, { orgId: w.org.id, now: new Date('2026-11-22T17:01:00Z') })).isolated, 1);
    const [c] = await db.select().from(customers).where(eq(customers.id, s.customer.id));
    assert.equal(c!.status, 'isolated');
  });

  test('paying the outstanding amount reconnects at once; partial payments do not; over-payments become credit', async () => {
    const w = await world();
    const s = await w.subscribe({ billingType: 'prepaid' });
    await billNovemberAhead(w.org.id);
    await runIsolation(db, { orgId: w.org.id, now: new Date('2026-11-02T00:00:00Z') });
    const pay = (amount: number) =>
      recordPayment(db, {
        orgId: w.org.id,
        actorUserId: w.admin.user.id,
        ip: null,
        input: { customerId: s.customer.id, amount, method: 'cash', reference: null, note: null },
      });

    const partial = await pay(100_000);
    assert.deepEqual([partial.paidInvoices, partial.reconnected], [[], 0]);
    const [inv] = await invoicesOf(s.subscription.id);
    assert.deepEqual([inv!.status, inv!.paidAmount], ['partial', 100_000]);

    const rest = await pay(100_000);
    assert.deepEqual(
      [rest.amount, rest.paidInvoices, rest.reconnected, rest.credit],
      [100_000, ['INV/202611/00001'], 1, 33_500],
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, s.subscription.id));
    assert.equal(sub!.status, 'active');
    const [c] = await db.select().from(customers).where(eq(customers.id, s.customer.id));
    assert.equal(c!.creditBalance, 33_500);
    const network = (await jobsFor(w.org.id, subscriptionApply.name))
      .map((j) => (j.payload as { status: string }).status)
      .sort();
    const notify = (await jobsFor(w.org.id, customerNotify.name))
      .map((j) => (j.payload as { event: string }).event)
      .sort();
    assert.deepEqual(network, ['active', 'isolated']);
    // Each counter payment is acknowledged to the customer (WhatsApp), then the reconnection.
    assert.deepEqual(notify, ['isolated', 'payment_received', 'payment_received', 'reconnected']);
  });
});

describe('bank transfers', () => {
  test('a transfer with its slip waits for finance; approval pays and reconnects, rejection pays nothing', async () => {
    const w = await world();
    const s = await w.subscribe({ billingType: 'prepaid' });
    await billNovemberAhead(w.org.id);
    await runIsolation(db, { orgId: w.org.id, now: new Date('2026-11-02T00:00:00Z') });
    const slip = new File([Buffer.from('%PDF-1.4 bukti transfer')], 'bukti.pdf', { type: 'application/pdf' });
    const filesDir = await mkdtemp(path.join(os.tmpdir(), 'jaring-files-'));
    const input = {
      customerId: s.customer.id,
      amount: 166_500,
      method: 'transfer' as const,
      reference: 'BRI 998877',
      note: null,
      proof: slip,
    };

    const rejected = await recordPayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input,
      filesDir,
    });
    assert.deepEqual([rejected.status, rejected.paidInvoices, rejected.reconnected], ['pending', [], 0]);
    await rejectPayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      paymentId: rejected.paymentId,
      reason: 'nominal tidak cocok',
    });
    assert.equal((await invoicesOf(s.subscription.id))[0]!.status, 'unpaid');
    await assert.rejects(
      approvePayment(db, { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null, paymentId: rejected.paymentId }),
    );

    const good = await recordPayment(db, { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null, input, filesDir });
    const [row] = await db.select().from(payments).where(eq(payments.id, good.paymentId));
    assert.equal(row!.proofType, 'application/pdf');
    assert.equal(await readFile(path.join(filesDir, row!.proofPath!), 'utf8'), '%PDF-1.4 bukti transfer');
    assert.ok(row!.proofPath!.startsWith(w.org.id), 'slips are filed per organization');
    const approved = await approvePayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      paymentId: good.paymentId,
    });
    assert.deepEqual([approved.paidInvoices, approved.reconnected], [['INV/202611/00001'], 1]);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, s.subscription.id));
    assert.equal(sub!.status, 'active');
  });

  test('a transfer without a slip, or with the wrong kind of file, is refused per field', async () => {
    const w = await world();
    const s = await w.subscribe({});
    const ctx = makeCtx({ db, orgId: w.org.id, userId: w.admin.user.id, role: 'finance', ip: null, locale: 'id' });
    const none = await executeOperation(recordPaymentOp, ctx, {
      customerId: s.customer.id,
      amount: '150.000',
      method: 'transfer',
    });
    assert.equal(!none.ok && none.fieldErrors?.proof, 'Lampirkan foto atau PDF bukti transfer.');
    const exe = new File([Buffer.from('MZ')], 'virus.exe', { type: 'application/x-msdownload' });
    const bad = await executeOperation(recordPaymentOp, ctx, {
      customerId: s.customer.id,
      amount: '150.000',
      method: 'transfer',
      proof: exe,
    });
    assert.equal(!bad.ok && bad.fieldErrors?.proof, 'Bukti harus JPG, PNG, WEBP, atau PDF.');
    // The declared type is only a claim: a web page named and typed as a PNG is refused by its bytes.
    const page = new File([Buffer.from('<html><script>alert(1)</script></html>')], 'bukti.png', { type: 'image/png' });
    const disguised = await executeOperation(recordPaymentOp, ctx, {
      customerId: s.customer.id,
      amount: '150.000',
      method: 'transfer',
      proof: page,
    });
    assert.equal(!disguised.ok && disguised.fieldErrors?.proof, 'Bukti harus JPG, PNG, WEBP, atau PDF.');
    assert.equal(
      (await db.select().from(payments).where(eq(payments.customerId, s.customer.id))).length,
      0,
      'nothing recorded',
    );
  });
});

describe('dashboard', () => {
  test('the money line counts customers by status, what is owed and what came in', async () => {
    const w = await world({ taxable: false });
    const a = await w.subscribe({ billingType: 'prepaid' });
    await w.subscribe({ billingType: 'postpaid' });
    await billNovemberAhead(w.org.id);
    await runIsolation(db, { orgId: w.org.id, now: new Date('2026-11-02T00:00:00Z') });
    await db.update(customers).set({ status: 'isolated' }).where(eq(customers.id, a.customer.id));
    await recordPayment(db, {
      orgId: w.org.id,
      actorUserId: null,
      ip: null,
      input: { customerId: a.customer.id, amount: 40_000, method: 'cash', reference: null, note: null },
    });
    const summary = await billingSummary(db, w.org.id);
    assert.deepEqual(summary, { active: 1, isolated: 1, unpaid: 2, outstanding: 260_000, collected: 40_000 });
  });
});

describe('reports', () => {
  test('revenue counts carried debt once; aging buckets by days past due; payments by method', async () => {
    const w = await world({ taxable: false });
    const s = await w.subscribe({});
    await runBilling(db, { orgId: w.org.id, period: '2026-10-01', actorUserId: null });
    await runBilling(db, { orgId: w.org.id, period: NOV, actorUserId: null });
    const [, nov] = await invoicesOf(s.subscription.id);
    assert.equal(nov!.total, 300_000, 'November carries October');
    const transfer = await recordPayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: { customerId: s.customer.id, amount: 120_000, method: 'transfer', reference: 'BCA 123', note: null },
    });
    await approvePayment(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      paymentId: transfer.paymentId,
    });
    await db.execute(sql`update invoices set due_date = current_date - 45 where id = ${nov!.id}`);

    const revenue = await buildReport(db, w.org.id, 'revenue');
    assert.deepEqual(
      revenue.rows.map((r) => [r[0], r[3], r[4]]),
      [
        ['2026-11', 150_000, 120_000],
        ['2026-10', 150_000, 0],
      ],
    );
    const aging = await buildReport(db, w.org.id, 'aging');
    assert.deepEqual(aging.rows, [
      ['0-30', 0, 0],
      ['31-60', 1, 180_000],
      ['61-90', 0, 0],
      ['90+', 0, 0],
    ]);
    const byMethod = await buildReport(db, w.org.id, 'payments');
    assert.deepEqual(
      byMethod.rows.map((r) => [r[1], r[2], r[3], r[4]]),
      [['transfer', 'Test admin', 1, 120_000]],
    );
  });
});

/** 10,000 active subscriptions in one statement each (the test is about the run, not seeding). */
async function seedMany(db: Database, orgId: string, planId: string, n: number) {
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, status, plan_id)
    select ${orgId}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Uji', 'active', ${planId}
    from generate_series(1000, ${999 + n}) g`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at)
    select ${orgId}, c.id, ${planId}, 'postpaid', 'u' || c.number, 'x', 'active', '2026-06-01'::timestamptz
    from customers c where c.organization_id = ${orgId}`);
}

describe('tenancy in the database itself', () => {
  test("an invoice or history row cannot point at another organization's customer or subscription", async () => {
    const a = await world();
    const b = await world();
    const theirs = await b.subscribe({});
    await assert.rejects(
      db.insert(invoices).values({
        organizationId: a.org.id,
        number: 'X/1',
        customerId: theirs.customer.id,
        subscriptionId: theirs.subscription.id,
        period: NOV,
        issueDate: NOV,
        dueDate: NOV,
        billingType: 'postpaid',
        subtotal: 1,
        tax: 0,
        total: 1,
      }),
      (e: { cause?: { constraint_name?: string } }) =>
        /^invoices_(customer|subscription)_tenant_fk$/.test(e.cause?.constraint_name ?? ''),
    );
    await assert.rejects(
      db.execute(
        sql`insert into subscription_history (organization_id, subscription_id, to_status) values (${a.org.id}, ${theirs.subscription.id}, 'active')`,
      ),
      (e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name === 'subscription_history_tenant_fk',
    );
  });
});
