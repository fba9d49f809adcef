import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { acsTasks, auditLogs, customers, invoices, payments, subscriptions, tickets } from '@/db/schema';
import { approvePayment, recordPayment } from '@/lib/billing/invoice-payments';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { acsAccess } from '@/lib/fibre/acs/access';
import { findModem } from '@/lib/fibre/acs/devices';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { sendModemTask } from '@/lib/fibre/acs/tasks';
import * as billingOps from '@/lib/portal/billing-operations';
import * as modemOps from '@/lib/portal/modem-operations';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import * as supportOps from '@/lib/portal/support-operations';
import type { Result } from '@/lib/server/operation';
import { addTicketMessage, changeTicketStatus } from '@/lib/tickets/mutations';
import { getTicket } from '@/lib/tickets/queries';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';

/**
 * The portal's self-service, as the customer would notice it: their invoices and nobody
 * else's, a transfer slip finance then sees, prepaid "extend now" (the same invoice twice,
 * paid → a period longer), their tickets with staff replies but not notes, rating once, and
 * the modem's WiFi changed through the ACS stand-in.
 */
const db = testDb();
let nbi: GenieAcsNbi;
before(async () => {
  nbi = await startGenieAcsNbi();
});
after(() => nbi.close());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const png = (name = 'slip.png') => new File([PNG], name, { type: 'image/png' });
let phoneSeq = 0;

/** An organization with two customers (different phones), each with one subscription, signed in as the first. */
async function world(label: string, billingType: 'prepaid' | 'postpaid' = 'postpaid') {
  const o = await makeOrg(db, label);
  const plan = await makePlan(db, o.org.id);
  const mk = async () => {
    const s = await makeSubscriber(db, o.org.id, { planId: plan.id, routerId: null });
    const phone = `62813${String(Date.now()).slice(-5)}${String(++phoneSeq).padStart(2, '0')}`;
    await db.update(customers).set({ phone }).where(eq(customers.id, s.customer.id));
    await db
      .update(subscriptions)
      .set({ billingType, activatedAt: new Date('2026-01-05T03:00:00Z') })
      .where(eq(subscriptions.id, s.subscription.id));
    return { ...s, phone };
  };
  const me = await mk();
  const other = await mk();
  const ctxOf = async (phone: string): Promise<PortalCtx> => {
    const { token } = await createPortalSession(db, { orgId: o.org.id, phone, ip: null });
    const v = await portalVisitor(db, { orgId: o.org.id, token });
    assert.ok(v);
    return { db, orgId: o.org.id, sessionId: v.sessionId, customerIds: v.customerIds, phone, ip: null, locale: 'id' };
  };
  return { ...o, plan, me, other, ctx: await ctxOf(me.phone), otherCtx: await ctxOf(other.phone) };
}

const run = <T>(op: { name: string }, ctx: PortalCtx, input: unknown) =>
  executePortalOperation(op as never, ctx, input) as Promise<Result<T>>;
const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found');
const data = <T>(r: Result<T>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
};

describe('portal invoices, payments and slips', () => {
  test('the visitor sees their own invoices only; a slip waits for finance, once per invoice', async () => {
    const w = await world('pb-inv');
    await runBilling(db, { orgId: w.org.id, period: '2026-11-01', actorUserId: null });
    const list = data(
      await run<{ items: { id: string; number: string; payable: boolean; token: string }[] }>(
        billingOps.portalInvoicesOp,
        w.ctx,
        {},
      ),
    );
    assert.equal(list.items.length, 1);
    const [mine] = await db.select().from(invoices).where(eq(invoices.customerId, w.me.customer.id));
    const [theirs] = await db.select().from(invoices).where(eq(invoices.customerId, w.other.customer.id));
    assert.equal(list.items[0]!.id, mine!.id);
    assert.ok(list.items[0]!.payable);
    assert.match(list.items[0]!.token, new RegExp(`^${mine!.id}\\.`));

    // Another customer's invoice: not found, nothing stored.
    notFound(await run(billingOps.portalSendSlipOp, w.ctx, { invoiceId: theirs!.id, file: png() }));
    // Not an image: refused by its bytes; too big: refused by size.
    const fake = new File([Buffer.from('<html>not a slip</html>')], 'slip.png', { type: 'image/png' });
    const bad = await run(billingOps.portalSendSlipOp, w.ctx, { invoiceId: mine!.id, file: fake });
    assert.equal(!bad.ok && bad.code, 'validation');
    const huge = new File([PNG, Buffer.alloc(6 * 1024 * 1024)], 'big.png', { type: 'image/png' });
    const big = await run(billingOps.portalSendSlipOp, w.ctx, { invoiceId: mine!.id, file: huge });
    assert.equal(!big.ok && big.code, 'validation');
    assert.equal((await db.select().from(payments).where(eq(payments.organizationId, w.org.id))).length, 0);

    const sent = data(
      await run<{ paymentId: string }>(billingOps.portalSendSlipOp, w.ctx, { invoiceId: mine!.id, file: png() }),
    );
    const again = await run(billingOps.portalSendSlipOp, w.ctx, { invoiceId: mine!.id, file: png() });
    assert.equal(!again.ok && again.code, 'portal_slip_pending');
    const [pending] = await db.select().from(payments).where(eq(payments.id, sent.paymentId));
    assert.equal(pending?.status, 'pending');
    assert.equal(pending?.method, 'transfer');
    assert.equal(pending?.amount, mine!.total);
    assert.equal(pending?.invoiceId, mine!.id);
    assert.ok(pending?.proofPath);
    const after1 = data(await run<{ items: { slipPending: boolean }[] }>(billingOps.portalInvoicesOp, w.ctx, {}));
    assert.equal(after1.items[0]!.slipPending, true);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'payment.submitted')));
    assert.equal(audit?.actorUserId, null);
    assert.equal(audit?.data.channel, 'portal');

    // Finance approves it at the counter's list: the invoice is paid, the payment and receipt show.
    await approvePayment(db, { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null, paymentId: sent.paymentId });
    const paid = data(
      await run<{ items: { status: string; payable: boolean }[] }>(billingOps.portalInvoicesOp, w.ctx, {}),
    );
    assert.equal(paid.items[0]!.status, 'paid');
    const pays = data(
      await run<{ items: { id: string; invoiceNumbers: string[] }[] }>(billingOps.portalPaymentsOp, w.ctx, {}),
    );
    assert.deepEqual(
      pays.items.map((p) => p.invoiceNumbers),
      [[mine!.number]],
    );
    const receipt = data(
      await run<{ approved: boolean; receiptNumber?: string }>(billingOps.portalReceiptOp, w.ctx, {
        paymentId: sent.paymentId,
      }),
    );
    assert.ok(receipt.approved && receipt.receiptNumber);
    // The other customer sees neither the payment nor its receipt.
    notFound(await run(billingOps.portalReceiptOp, w.otherCtx, { paymentId: sent.paymentId }));
    assert.equal(data(await run<{ items: unknown[] }>(billingOps.portalPaymentsOp, w.otherCtx, {})).items.length, 0);
    // A paid invoice takes no slip.
    const closed = await run(billingOps.portalSendSlipOp, w.ctx, { invoiceId: mine!.id, file: png() });
    assert.equal(!closed.ok && closed.code, 'portal_invoice_not_payable');
  });
});

describe('prepaid extend now', () => {
  test('issues the next period once, and paid it moves the paid-through date by a period', async () => {
    const w = await world('pb-ext', 'prepaid');
    const actor = { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null };
    const current = periodOf(new Date(), 'Asia/Jakarta');
    await runBilling(db, { orgId: w.org.id, period: current, actorUserId: null });
    const [now] = await db.select().from(invoices).where(eq(invoices.subscriptionId, w.me.subscription.id));
    // The open invoice of this month is what "extend" answers first: pay that one before.
    const first = data(
      await run<{ invoiceId: string; issued: boolean }>(billingOps.portalExtendOp, w.ctx, {
        subscriptionId: w.me.subscription.id,
      }),
    );
    assert.deepEqual([first.invoiceId, first.issued], [now!.id, false]);
    await recordPayment(db, {
      ...actor,
      input: { customerId: w.me.customer.id, amount: now!.total, method: 'cash', reference: null, note: null },
    });
    type Prepaid = { id: string; paidThrough: string | null }[];
    const before1 = data(await run<Prepaid>(billingOps.portalPrepaidOp, w.ctx, {}));
    assert.equal(before1[0]!.paidThrough?.slice(0, 7), current.slice(0, 7));

    const ext = data(
      await run<{ invoiceId: string; token: string; issued: boolean }>(billingOps.portalExtendOp, w.ctx, {
        subscriptionId: w.me.subscription.id,
      }),
    );
    assert.equal(ext.issued, true);
    const twice = data(
      await run<{ invoiceId: string }>(billingOps.portalExtendOp, w.ctx, { subscriptionId: w.me.subscription.id }),
    );
    assert.equal(twice.invoiceId, ext.invoiceId, 'pressing twice gives the same invoice');
    const [next] = await db.select().from(invoices).where(eq(invoices.id, ext.invoiceId));
    assert.equal(next?.period, shiftMonth(current, 1));
    assert.equal(next?.total, now!.total);
    // Another customer's subscription, or a postpaid one: refused.
    notFound(await run(billingOps.portalExtendOp, w.ctx, { subscriptionId: w.other.subscription.id }));

    await recordPayment(db, {
      ...actor,
      input: { customerId: w.me.customer.id, amount: next!.total, method: 'cash', reference: null, note: null },
    });
    const after1 = data(await run<Prepaid>(billingOps.portalPrepaidOp, w.ctx, {}));
    assert.equal(after1[0]!.paidThrough?.slice(0, 7), shiftMonth(current, 1).slice(0, 7));
    // The billing run of that period does not bill it again.
    const report = await runBilling(db, { orgId: w.org.id, period: shiftMonth(current, 1), actorUserId: null });
    assert.equal(report.skipped.alreadyInvoiced, 1);
    const all = await db.select().from(invoices).where(eq(invoices.subscriptionId, w.me.subscription.id));
    assert.equal(all.length, 2);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'invoice.issued_early')));
    assert.equal(audit?.data.channel, 'portal');
  });

  test('a postpaid subscription has nothing to extend', async () => {
    const w = await world('pb-post');
    const r = await run(billingOps.portalExtendOp, w.ctx, { subscriptionId: w.me.subscription.id });
    assert.equal(!r.ok && r.code, 'portal_not_prepaid');
  });
});

describe('portal tickets', () => {
  test('a report with a photo reaches staff as a portal ticket; replies show, notes do not; rated once', async () => {
    const w = await world('pb-tix');
    const staff = { orgId: w.org.id, actorUserId: w.admin.user.id, ip: null };
    const notPhoto = new File([Buffer.from('MZ not a photo')], 'x.jpg', { type: 'image/jpeg' });
    const refused = await run(supportOps.portalReportProblemOp, w.ctx, {
      category: 'slow',
      description: 'Lambat',
      photo: notPhoto,
    });
    assert.equal(!refused.ok && refused.code, 'validation');
    const made = data(
      await run<{ ticketId: string; number: string; joinedIncident: boolean }>(
        supportOps.portalReportProblemOp,
        w.ctx,
        {
          subscriptionId: w.me.subscription.id,
          category: 'no_internet',
          description: 'Lampu LOS merah sejak pagi',
          photo: png('modem.png'),
        },
      ),
    );
    assert.equal(made.joinedIncident, false);
    const staffView = await getTicket(db, { orgId: w.org.id, ticketId: made.ticketId });
    assert.equal(staffView.ticket.source, 'portal');
    assert.equal(staffView.ticket.customerId, w.me.customer.id);
    assert.equal(staffView.attachments.length, 1);

    await addTicketMessage(db, { ...staff, ticketId: made.ticketId, kind: 'reply', body: 'Teknisi menuju lokasi.' });
    await addTicketMessage(db, { ...staff, ticketId: made.ticketId, kind: 'note', body: 'Catatan internal ODP-7' });
    data(await run(supportOps.portalTicketMessageOp, w.ctx, { ticketId: made.ticketId, body: 'Terima kasih' }));
    type View = { messages: { kind: string; body: string }[]; photos: unknown[]; canRate: boolean; status: string };
    const view = data(await run<View>(supportOps.portalTicketOp, w.ctx, { ticketId: made.ticketId }));
    const bodies = view.messages.map((m) => m.body);
    assert.ok(bodies.includes('Teknisi menuju lokasi.'));
    assert.ok(bodies.includes('Terima kasih'));
    assert.ok(!JSON.stringify(view).includes('ODP-7'), 'an internal note never reaches the customer');
    assert.equal(view.photos.length, 1);
    const staffAfter = await getTicket(db, { orgId: w.org.id, ticketId: made.ticketId });
    assert.ok(JSON.stringify(staffAfter).includes('Terima kasih'));

    // Another customer: neither the list, the ticket, a message nor a rating.
    assert.equal(data(await run<{ items: unknown[] }>(supportOps.portalTicketsOp, w.otherCtx, {})).items.length, 0);
    notFound(await run(supportOps.portalTicketOp, w.otherCtx, { ticketId: made.ticketId }));
    notFound(await run(supportOps.portalTicketMessageOp, w.otherCtx, { ticketId: made.ticketId, body: 'x' }));
    notFound(await run(supportOps.portalRateTicketOp, w.otherCtx, { ticketId: made.ticketId, rating: 1 }));

    const early = await run(supportOps.portalRateTicketOp, w.ctx, { ticketId: made.ticketId, rating: 5 });
    assert.equal(!early.ok && early.code, 'rating_closed');
    await changeTicketStatus(db, { ...staff, ticketId: made.ticketId, status: 'resolved' });
    assert.equal(data(await run<View>(supportOps.portalTicketOp, w.ctx, { ticketId: made.ticketId })).canRate, true);
    data(await run(supportOps.portalRateTicketOp, w.ctx, { ticketId: made.ticketId, rating: 5, comment: 'Cepat' }));
    const twice = await run(supportOps.portalRateTicketOp, w.ctx, { ticketId: made.ticketId, rating: 1 });
    assert.equal(!twice.ok && twice.code, 'rating_closed');
    const [rated] = await db.select().from(tickets).where(eq(tickets.id, made.ticketId));
    assert.equal(rated?.rating, 5);
    // The problem is back: the customer's words reopen the resolved ticket for staff.
    data(await run(supportOps.portalTicketMessageOp, w.ctx, { ticketId: made.ticketId, body: 'Mati lagi sejak pagi' }));
    const [reopened] = await db.select().from(tickets).where(eq(tickets.id, made.ticketId));
    assert.equal(reopened?.status, 'open');
    assert.equal(reopened?.resolvedAt, null);
    const list = data(await run<{ items: { id: string }[] }>(supportOps.portalTicketsOp, w.ctx, {}));
    assert.deepEqual(
      list.items.map((t) => t.id),
      [made.ticketId],
    );
  });
});

describe('portal modem', () => {
  test('WiFi change goes through the ACS task to the modem; another customer’s modem is refused', async () => {
    const w = await world('pb-modem');
    await saveAcsSettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        nbiUrl: nbi.url,
        nbiUsername: nbi.username,
        nbiPassword: nbi.password,
        acsUrl: 'http://acs.example.net:7547',
        cwmpUsername: 'cpe',
        cwmpPassword: 'cwmp-rahasia',
      },
    });
    const attach = async (sub: { id: string }) => {
      const sn = `PBSN${Math.random().toString(16).slice(2, 10).toUpperCase()}`;
      const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: sn, params: tr098Params() });
      const device = await findModem(db, acsAccess(db), { orgId: w.org.id, subscriptionId: sub.id, serial: sn });
      assert.ok(device);
      return id;
    };
    const mine = await attach(w.me.subscription);
    await attach(w.other.subscription);
    const modems = data(
      await run<{ subscriptionId: string; ssid24: string | null }[]>(modemOps.portalModemsOp, w.ctx, {}),
    );
    assert.deepEqual(
      modems.map((m) => m.subscriptionId),
      [w.me.subscription.id],
    );
    assert.ok(!JSON.stringify(modems).includes('cwmp'), 'no ACS credentials or address in the portal');

    notFound(
      await run(modemOps.portalSetWifiOp, w.ctx, { subscriptionId: w.other.subscription.id, ssid24: 'Direbut' }),
    );
    const weak = await run(modemOps.portalSetWifiOp, w.ctx, {
      subscriptionId: w.me.subscription.id,
      password24: 'short',
    });
    assert.equal(!weak.ok && weak.code, 'validation');
    const asked = data(
      await run<{ taskId: string }>(modemOps.portalSetWifiOp, w.ctx, {
        subscriptionId: w.me.subscription.id,
        ssid24: 'Rumah Baru',
        password24: 'wifi-baru-123',
      }),
    );
    const sending = data(await run<{ tasks: { status: string }[] }[]>(modemOps.portalModemsOp, w.ctx, {}));
    assert.equal(sending[0]!.tasks[0]!.status, 'sending');
    assert.deepEqual(await sendModemTask(db, acsAccess(db), { orgId: w.org.id, taskId: asked.taskId }), {
      status: 'done',
    });
    assert.equal(nbi.value(mine, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), 'Rumah Baru');
    assert.equal(
      nbi.value(mine, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase'),
      'wifi-baru-123',
    );
    const done = data(
      await run<{ ssid24: string | null; tasks: { status: string }[] }[]>(modemOps.portalModemsOp, w.ctx, {}),
    );
    assert.equal(done[0]!.tasks[0]!.status, 'done');
    assert.equal(done[0]!.ssid24, 'Rumah Baru');
    const [task] = await db.select().from(acsTasks).where(eq(acsTasks.id, asked.taskId));
    assert.equal(task?.requestedBy, null);
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'acs_task.requested')));
    assert.equal(audit[0]?.data.channel, 'portal');
    assert.ok(!JSON.stringify(audit).includes('wifi-baru-123'));

    data(await run(modemOps.portalRebootModemOp, w.ctx, { subscriptionId: w.me.subscription.id }));
    notFound(await run(modemOps.portalRebootModemOp, w.ctx, { subscriptionId: w.other.subscription.id }));
  });
});
