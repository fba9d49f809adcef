import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLogs, customers, invoices, jobs, messages, subscriptions } from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import { customersStatusOp, invoicesStatusOp, remindCustomersOp, remindInvoicesOp } from '@/lib/bulk/operations';
import { formatIDR } from '@/lib/format';
import { subscriptionApply } from '@/lib/network/jobs';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  return { org, admin, w, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

describe('bulk actions on the customers and invoices lists', () => {
  test('a reminder is queued once a day per open invoice, in the own organization only, and audited', async () => {
    const a = await world('bra');
    const b = await world('brb');
    const first = await executeOperation(remindInvoicesOp, a.ctx, { ids: [a.w.invoice.id, b.w.invoice.id] });
    assert.ok(first.ok, JSON.stringify(first));
    assert.deepEqual(first.data, {
      selected: 2,
      queued: 1,
      optedOut: 0,
      cancelled: 0,
      alreadySent: 0,
      noOpenInvoice: 1,
    });
    const mine = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, a.org.id), like(messages.eventKey, 'reminder:%')));
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.status, 'queued');
    assert.equal(mine[0]!.customerId, a.w.customer.id);
    assert.equal(mine[0]!.createdBy, a.admin.user.id);
    assert.match(mine[0]!.body, new RegExp(a.w.invoice.number));
    // Past its due day and partly paid: the invoice wording, as "Kirim ke WhatsApp" sends it,
    // with what is still owed under the total.
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, a.w.invoice.id));
    const owed = inv!.total - inv!.paidAmount;
    assert.ok(owed > 0 && owed < inv!.total, JSON.stringify(inv));
    assert.ok(mine[0]!.body.includes(`Sisa yang harus dibayar: ${formatIDR(owed)}`), mine[0]!.body);
    const theirs = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, b.org.id), like(messages.eventKey, 'reminder:%')));
    assert.equal(theirs.length, 0);
    // A second tap the same day (here through the customer) sends nothing twice.
    const again = await executeOperation(remindCustomersOp, a.ctx, { ids: [a.w.customer.id] });
    assert.ok(again.ok);
    assert.deepEqual(again.data, {
      selected: 1,
      queued: 0,
      optedOut: 0,
      cancelled: 0,
      alreadySent: 1,
      noOpenInvoice: 0,
    });
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, a.org.id), eq(auditLogs.action, 'bulk.reminders_queued')));
    assert.equal(audit.length, 2);
    // Before its due day: the H-3/H-1 reminder wording, with the days left; an opted-out
    // customer is counted apart from a missing number.
    await db
      .update(invoices)
      .set({ dueDate: localDate(new Date(), 'Asia/Jakarta', 3) })
      .where(eq(invoices.id, b.w.invoice.id));
    const ahead = await executeOperation(remindInvoicesOp, b.ctx, { ids: [b.w.invoice.id] });
    assert.ok(ahead.ok && ahead.data.queued === 1, JSON.stringify(ahead));
    const [early] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, b.org.id), like(messages.eventKey, 'reminder:%')));
    assert.equal(early!.category, 'due_reminder');
    assert.match(early!.body, /3 hari lagi/);
    await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, b.w.customer.id));
    await db.delete(messages).where(eq(messages.id, early!.id));
    const out = await executeOperation(remindCustomersOp, b.ctx, { ids: [b.w.customer.id] });
    assert.ok(out.ok);
    assert.deepEqual([out.data.optedOut, out.data.cancelled, out.data.queued], [1, 0, 0]);
  });

  test('isolate and reopen go through the subscription transition, with its router job', async () => {
    const a = await world('bsa');
    const b = await world('bsb');
    const r = await executeOperation(customersStatusOp, a.ctx, {
      ids: [a.w.customer.id, b.w.customer.id],
      action: 'isolate',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.data, { selected: 2, changed: 1, skipped: 1, services: 1 });
    const status = async (id: string) =>
      (await db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!.status;
    assert.equal(await status(a.w.subscription.id), 'isolated');
    assert.equal(await status(b.w.subscription.id), 'active');
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, a.org.id), eq(jobs.type, subscriptionApply.name)));
    assert.ok(queued.some((j) => (j.payload as { status?: string }).status === 'isolated'));
    // Isolating again changes nothing; reopening through the invoice brings it back.
    const twice = await executeOperation(customersStatusOp, a.ctx, { ids: [a.w.customer.id], action: 'isolate' });
    assert.ok(twice.ok && twice.data.changed === 0);
    const reopened = await executeOperation(invoicesStatusOp, a.ctx, {
      ids: [a.w.invoice.id, b.w.invoice.id],
      action: 'reopen',
    });
    assert.ok(reopened.ok && reopened.data.changed === 1, JSON.stringify(reopened));
    assert.equal(await status(a.w.subscription.id), 'active');
  });

  test('counts are of selected rows; a paid invoice does not isolate its service', async () => {
    const a = await world('bsc');
    const status = async (id: string) =>
      (await db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!.status;
    // The customer has a second active service; their invoice has a twin for December.
    const { id: _s, createdAt: _sc, updatedAt: _su, ...sub } = a.w.subscription;
    const [second] = await db
      .insert(subscriptions)
      .values({ ...sub, serviceUsername: `dua${randomUUID().slice(0, 6)}`, odpPort: null, status: 'active' })
      .returning();
    const { id: _i, createdAt: _ic, ...inv } = a.w.invoice;
    const [december] = await db
      .insert(invoices)
      .values({ ...inv, number: `${inv.number}-B`, period: '2026-12-01' })
      .returning();
    const customers = await executeOperation(customersStatusOp, a.ctx, { ids: [a.w.customer.id], action: 'isolate' });
    assert.ok(customers.ok, JSON.stringify(customers));
    assert.deepEqual(customers.data, { selected: 1, changed: 1, skipped: 0, services: 2 });
    const back = await executeOperation(invoicesStatusOp, a.ctx, {
      ids: [a.w.invoice.id, december!.id],
      action: 'reopen',
    });
    assert.ok(back.ok);
    assert.deepEqual(back.data, { selected: 2, changed: 2, skipped: 0, services: 1 });
    assert.equal(await status(a.w.subscription.id), 'active');
    // Both invoices paid: selecting them isolates nothing.
    await db.update(invoices).set({ status: 'paid' }).where(eq(invoices.subscriptionId, a.w.subscription.id));
    const paid = await executeOperation(invoicesStatusOp, a.ctx, {
      ids: [a.w.invoice.id, december!.id],
      action: 'isolate',
    });
    assert.ok(paid.ok);
    assert.deepEqual(paid.data, { selected: 2, changed: 0, skipped: 2, services: 0 });
    assert.equal(await status(a.w.subscription.id), 'active');
    // One of them open again: its service is isolated, the paid one is skipped.
    await db.update(invoices).set({ status: 'unpaid' }).where(eq(invoices.id, december!.id));
    const open = await executeOperation(invoicesStatusOp, a.ctx, {
      ids: [a.w.invoice.id, december!.id],
      action: 'isolate',
    });
    assert.ok(open.ok);
    assert.deepEqual(open.data, { selected: 2, changed: 1, skipped: 1, services: 1 });
    assert.equal(await status(a.w.subscription.id), 'isolated');
    assert.equal(await status(second!.id), 'isolated');
  });

  test('the selection is checked: 1 to 500 ids, and the permission of the action', async () => {
    const a = await world('bva');
    const none = await executeOperation(remindInvoicesOp, a.ctx, { ids: [] });
    assert.ok(!none.ok && none.code === 'validation');
    const many = Array.from({ length: 501 }, () => randomUUID());
    const tooMany = await executeOperation(customersStatusOp, a.ctx, { ids: many, action: 'isolate' });
    assert.ok(!tooMany.ok && tooMany.fieldErrors?.ids === 'Pilih 1 sampai 500 baris.', JSON.stringify(tooMany));
    const finance = await makeMember(db, a.org.id, 'finance');
    const fctx = ctxFor(db, a.org.id, finance.user.id, 'finance');
    const refused = await executeOperation(invoicesStatusOp, fctx, { ids: [a.w.invoice.id], action: 'isolate' });
    assert.ok(!refused.ok && refused.code === 'forbidden');
    assert.ok((await executeOperation(remindInvoicesOp, fctx, { ids: [a.w.invoice.id] })).ok);
  });
});
