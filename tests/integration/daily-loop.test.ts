import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, billingSettings, customers, invoices, messages, payments, whatsappSessions } from '@/db/schema';
import { customerBillingOp, getPaymentOp } from '@/lib/billing/operations';
import { daysOverdue } from '@/lib/billing/overdue';
import { getCustomerOp } from '@/lib/customers/operations';
import { invoiceShareOp, sendInvoiceOp } from '@/lib/messaging/operations';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

test('an invoice goes to WhatsApp: a wa.me link with the text, or queued through the session and audited', async () => {
  const { org, admin } = await makeOrg(db, 'share');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const cashier = await makeMember(db, org.id, 'operator');
  const ctx = ctxFor(db, org.id, cashier.user.id, 'operator');

  const share = await executeOperation(invoiceShareOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(share.ok);
  assert.ok(share.data.text.includes(w.invoice.number));
  assert.ok(share.data.text.includes(share.data.link), 'the message carries the public link');
  assert.match(share.data.link, /\/i\/[0-9a-f-]{36}\.[\w-]{43}$/);
  assert.ok(share.data.chatUrl?.startsWith('https://wa.me/6281234567890?text='));
  assert.equal(decodeURIComponent(share.data.chatUrl!.split('?text=')[1]!), share.data.text);
  assert.deepEqual(share.data.whatsapp, { connected: false, queued: 0 });
  // 10,000 of 150,000 paid at the counter: the message asks for what is left, not the total.
  assert.match(share.data.text, /\nSisa yang harus dibayar: Rp\s140\.000\n/);

  // The duplicate guard is per minute: begin away from a minute's end so both taps share one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
  const sent = await executeOperation(sendInvoiceOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(sent.ok);
  assert.deepEqual(sent.data, { queued: true, reason: null });
  const queued = await db.select().from(messages).where(eq(messages.customerId, w.customer.id));
  assert.equal(queued.length, 1);
  assert.equal(queued[0]!.status, 'queued');
  assert.equal(queued[0]!.category, 'invoice');
  assert.equal(queued[0]!.toPhone, '6281234567890');
  assert.equal(queued[0]!.body, share.data.text);
  const [audit] = await db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'invoice.sent_whatsapp')));
  assert.equal(audit?.entityId, w.customer.id);
  assert.equal(audit?.actorUserId, cashier.user.id);

  // A second tap does not send the bill twice.
  const again = await executeOperation(sendInvoiceOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(again.ok);
  assert.equal(again.data.reason, 'already_queued');
  assert.equal((await db.select().from(messages).where(eq(messages.customerId, w.customer.id))).length, 1);

  // No session: the message waits, and the page can say so.
  const waiting = await executeOperation(invoiceShareOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(waiting.ok);
  assert.deepEqual(waiting.data.whatsapp, { connected: false, queued: 1 });
  await db.insert(whatsappSessions).values({
    organizationId: org.id,
    name: 'Kantor',
    transport: 'http_gateway',
    status: 'connected',
    phone: '6281100001111',
  });
  const live = await executeOperation(invoiceShareOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(live.ok);
  assert.equal(live.data.whatsapp.connected, true);

  // A customer who asked for no WhatsApp gets none; the log keeps it as cancelled.
  await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, w.customer.id));
  const later = new Date(Date.now() + 120_000);
  const { sendInvoiceWhatsapp } = await import('@/lib/messaging/invoice-share');
  const refused = await sendInvoiceWhatsapp(db, { ...ctx.actor, invoiceId: w.invoice.id, now: later });
  assert.deepEqual(refused, { queued: false, reason: 'opted_out' });
  // Nothing was sent, and the audit (and so the customer history) does not say it was.
  const actions = (await db.select().from(auditLogs).where(eq(auditLogs.organizationId, org.id))).map((a) => a.action);
  assert.equal(actions.filter((a) => a === 'invoice.sent_whatsapp').length, 1);
  assert.equal(actions.filter((a) => a === 'invoice.whatsapp_not_sent').length, 1);

  // A paid invoice is not sent: a field error in the reader's language.
  await db.update(invoices).set({ status: 'paid', paidAmount: w.invoice.total }).where(eq(invoices.id, w.invoice.id));
  const paid = await executeOperation(sendInvoiceOp, ctx, { invoiceId: w.invoice.id });
  assert.equal(paid.ok, false);
  assert.ok(!paid.ok && paid.code === 'invoice_not_payable');
  assert.equal(
    !paid.ok && paid.fieldErrors?.invoiceId,
    'Hanya tagihan yang belum lunas yang bisa dikirim ke WhatsApp.',
  );
  const paidEn = await executeOperation(sendInvoiceOp, { ...ctx, locale: 'en' }, { invoiceId: w.invoice.id });
  assert.equal(
    !paidEn.ok && paidEn.fieldErrors?.invoiceId,
    'Only an invoice that is not fully paid can be sent to WhatsApp.',
  );
  // A fully paid invoice's text carries no "still to pay" line.
  const paidShare = await executeOperation(invoiceShareOp, ctx, { invoiceId: w.invoice.id });
  assert.ok(paidShare.ok && !paidShare.data.text.includes('Sisa yang harus dibayar'));

  // A technician sees no invoices and sends none.
  const tech = await makeMember(db, org.id, 'technician');
  const denied = await executeOperation(sendInvoiceOp, ctxFor(db, org.id, tech.user.id, 'technician'), {
    invoiceId: w.invoice.id,
  });
  assert.equal(denied.ok, false);
});

test('a receipt carries its number, the period and plan paid, the ISP and what is still owed', async () => {
  const { org, admin } = await makeOrg(db, 'receipt');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  await db
    .insert(billingSettings)
    .values({ organizationId: org.id, companyAddress: 'Jl. Merdeka 1, Bandung' })
    .onConflictDoUpdate({ target: billingSettings.organizationId, set: { companyAddress: 'Jl. Merdeka 1, Bandung' } });
  await db.insert(whatsappSessions).values({
    organizationId: org.id,
    name: 'CS',
    transport: 'http_gateway',
    status: 'connected',
    phone: '6282200002222',
  });
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const r = await executeOperation(getPaymentOp, ctx, { paymentId: w.paymentId });
  assert.ok(r.ok && r.data.approved);
  const again = await executeOperation(getPaymentOp, ctx, { paymentId: w.paymentId });
  assert.ok(again.ok && again.data.approved);
  assert.match(r.data.receiptNumber, /^KW\/\d{8}\/[0-9A-F]{8}$/);
  assert.equal(again.data.receiptNumber, r.data.receiptNumber, 'reprinting shows the same number');
  assert.deepEqual(r.data.periods, ['2026-11-01']);
  assert.deepEqual(r.data.plans, [w.plan.name]);
  assert.deepEqual(r.data.isp, { name: org.name, address: 'Jl. Merdeka 1, Bandung', phone: '6282200002222' });
  // The company phone from the billing settings, once set, comes before the WhatsApp number.
  await db
    .update(billingSettings)
    .set({ companyPhone: '(022) 7654321' })
    .where(eq(billingSettings.organizationId, org.id));
  const withPhone = await executeOperation(getPaymentOp, ctx, { paymentId: w.paymentId });
  assert.ok(withPhone.ok && withPhone.data.approved);
  assert.equal(withPhone.data.isp.phone, '(022) 7654321');
  // 150,000 billed, 10,000 paid in cash (the two transfers still wait for finance).
  assert.equal(r.data.outstanding, w.invoice.total - 10_000);
  assert.ok(Math.abs(r.data.outstandingAt.getTime() - Date.now()) < 60_000, 'the balance is as of the print time');

  // A transfer still waiting for finance has no receipt: only its status and the customer.
  const pending = await executeOperation(getPaymentOp, ctx, { paymentId: w.transfers[0] });
  assert.ok(pending.ok);
  assert.deepEqual(pending.data, { approved: false, status: 'pending', customerId: w.customer.id });
  await db.update(payments).set({ status: 'rejected' }).where(eq(payments.id, w.transfers[1]));
  const rejected = await executeOperation(getPaymentOp, ctx, { paymentId: w.transfers[1] });
  assert.ok(rejected.ok && !rejected.data.approved && rejected.data.status === 'rejected');
  assert.ok(!('receiptNumber' in rejected.data));
});

test('the customer history shows money (payments, charges, invoices sent) only to readers with billing access', async () => {
  const { org, admin } = await makeOrg(db, 'history-money');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const money = (actions: string[]) => actions.filter((a) => /^(payment|billing|invoice|wallet|commission)\./.test(a));
  const read = async (role: 'admin' | 'technician' | 'noc' | 'sales') => {
    const member = role === 'admin' ? admin : await makeMember(db, org.id, role);
    const r = await executeOperation(getCustomerOp, ctxFor(db, org.id, member.user.id, role), {
      customerId: w.customer.id,
    });
    assert.ok(r.ok, role);
    return r.data.audit.map((a) => a.action);
  };
  assert.ok((await read('admin')).includes('payment.recorded'), 'the admin reads the counter payment');
  for (const role of ['technician', 'noc', 'sales'] as const) {
    const actions = await read(role);
    assert.ok(actions.length > 0, `${role} still reads the rest of the history`);
    assert.deepEqual(money(actions), [], `${role} reads no money`);
  }
});

test('the customer page is about the oldest open invoice: it is late, and it is what WhatsApp asks for', async () => {
  const { org, admin } = await makeOrg(db, 'oldest-open');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  // November is still partly open when December's invoice is made.
  const { id: _id, ...nov } = w.invoice;
  const [dec] = await db
    .insert(invoices)
    .values({
      ...nov,
      number: `${nov.number}-DEC`,
      period: '2026-12-01',
      dueDate: '2026-12-20',
      paidAmount: 0,
      status: 'unpaid',
      createdAt: new Date(Date.now() + 60_000),
    })
    .returning();
  const r = await executeOperation(customerBillingOp, ctx, { customerId: w.customer.id });
  assert.ok(r.ok);
  assert.equal(r.data.invoices.items[0]?.id, dec!.id, 'the last invoice is still December');
  assert.equal(r.data.oldestOpen?.id, w.invoice.id, 'the oldest open one is November');
  assert.equal(daysOverdue(r.data.oldestOpen!, '2026-12-06'), 16);
  // Once November is paid, December is the one.
  await db.update(invoices).set({ status: 'paid', paidAmount: w.invoice.total }).where(eq(invoices.id, w.invoice.id));
  const later = await executeOperation(customerBillingOp, ctx, { customerId: w.customer.id });
  assert.ok(later.ok);
  assert.equal(later.data.oldestOpen?.id, dec!.id);
});
