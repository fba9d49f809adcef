import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  acsDevices,
  acsTasks,
  customers,
  invoices,
  payments,
  subscriptions,
  ticketMessages,
  tickets,
} from '@/db/schema';
import { recordPayment } from '@/lib/billing/invoice-payments';
import { runBilling } from '@/lib/billing/run';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { PORTAL_OPERATIONS } from '@/lib/operations';
import * as billingOps from '@/lib/portal/billing-operations';
import * as modemOps from '@/lib/portal/modem-operations';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import * as supportOps from '@/lib/portal/support-operations';
import type { Result } from '@/lib/server/operation';
import { addTicketAttachment } from '@/lib/tickets/attachments';
import { openTicket } from '@/lib/tickets/open';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { malformedInputs } from '../support/malformed';

/**
 * The portal-billing lane's part of the portal tenant walk (until portal-core's walker takes
 * case files): a customer of organization A, and another customer of A itself, run every
 * self-service operation against B's customer's invoice, payment, ticket, photo and modem.
 * Each is not found (or an empty list) and nothing of B changes. Then every one of these
 * operations gets malformed input and answers with a result, never an exception.
 */
const db = testDb();
const MODULES = [billingOps, supportOps, modemOps];
const NAMES = MODULES.flatMap((m) => Object.values(m).map((op) => op.name));

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const png = () => new File([PNG], 'x.png', { type: 'image/png' });
let seq = 0;

async function side(label: string) {
  const o = await makeOrg(db, label);
  const plan = await makePlan(db, o.org.id);
  const s = await makeSubscriber(db, o.org.id, { planId: plan.id, routerId: null });
  const phone = `62814${String(Date.now()).slice(-5)}${String(++seq).padStart(2, '0')}`;
  await db.update(customers).set({ phone }).where(eq(customers.id, s.customer.id));
  await db
    .update(subscriptions)
    .set({ billingType: 'prepaid', activatedAt: new Date('2026-01-05T03:00:00Z') })
    .where(eq(subscriptions.id, s.subscription.id));
  const { token } = await createPortalSession(db, { orgId: o.org.id, phone, ip: null });
  const v = await portalVisitor(db, { orgId: o.org.id, token });
  assert.ok(v);
  const ctx: PortalCtx = {
    db,
    orgId: o.org.id,
    sessionId: v.sessionId,
    customerIds: v.customerIds,
    phone,
    ip: null,
    locale: 'id',
  };
  return { ...o, plan, ...s, ctx };
}

/** B's customer with an invoice, a pending slip, a ticket with a photo, and a modem. */
async function bWorld(b: Awaited<ReturnType<typeof side>>) {
  await runBilling(db, { orgId: b.org.id, period: '2026-11-01', actorUserId: null });
  const [invoice] = await db.select().from(invoices).where(eq(invoices.subscriptionId, b.subscription.id));
  const { paymentId } = await recordPayment(db, {
    orgId: b.org.id,
    actorUserId: b.admin.user.id,
    ip: null,
    input: { customerId: b.customer.id, amount: 1000, method: 'cash', reference: null, note: null },
  });
  const { ticket } = await openTicket(db, {
    orgId: b.org.id,
    actorUserId: null,
    source: 'portal',
    customerId: b.customer.id,
    category: 'billing',
    subject: 'Tagihan',
  });
  const photo = await addTicketAttachment(db, {
    orgId: b.org.id,
    actorUserId: b.admin.user.id,
    ip: null,
    ticketId: ticket.id,
    file: png(),
  });
  await saveAcsSettings(db, {
    orgId: b.org.id,
    actorUserId: b.admin.user.id,
    ip: null,
    input: {
      nbiUrl: 'http://10.255.9.1:7557',
      nbiUsername: 'nbi-B',
      nbiPassword: 'nbi-secret-B',
      acsUrl: 'http://acs-B.example.net:7547',
      cwmpUsername: 'cpe-B',
      cwmpPassword: 'cwmp-secret-B',
    },
  });
  await db.insert(acsDevices).values({
    organizationId: b.org.id,
    deviceId: `A1B2C3-F670L-BSN${seq}`,
    serial: `BSN${Date.now()}`,
    model: 'F670L',
    dataModel: 'tr098',
    subscriptionId: b.subscription.id,
    summary: { ssid24: 'WiFi-B-only' },
  });
  return { invoice: invoice!, paymentId, ticket, photoId: photo.id };
}

let a: Awaited<ReturnType<typeof side>>;
let b: Awaited<ReturnType<typeof side>>;
let bw: Awaited<ReturnType<typeof bWorld>>;
before(async () => {
  a = await side('pbi-a');
  b = await side('pbi-b');
  bw = await bWorld(b);
});

const run = (op: { name: string }, input: unknown) =>
  executePortalOperation(op as never, a.ctx, input) as Promise<Result<unknown>>;
const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
const emptyList = (r: Result<unknown>) => {
  assert.ok(r.ok);
  const d = r.data as { items?: unknown[] } | unknown[];
  assert.deepEqual(Array.isArray(d) ? d : d.items, []);
};
const bUnchanged = async () => {
  assert.equal((await db.select().from(payments).where(eq(payments.organizationId, b.org.id))).length, 1);
  assert.equal((await db.select().from(acsTasks).where(eq(acsTasks.organizationId, b.org.id))).length, 0);
  const msgs = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, bw.ticket.id));
  assert.ok(msgs.every((m) => m.kind === 'event'));
  assert.equal((await db.select().from(invoices).where(eq(invoices.organizationId, b.org.id))).length, 1);
  const [t] = await db.select().from(tickets).where(eq(tickets.id, bw.ticket.id));
  assert.equal(t?.rating, null);
};

const CASES: Record<string, () => Promise<void>> = {
  'portal.invoices': async () => {
    const r = await run(billingOps.portalInvoicesOp, {});
    assert.ok(r.ok && !JSON.stringify(r.data).includes(bw.invoice.number));
  },
  'portal.payments': async () => emptyList(await run(billingOps.portalPaymentsOp, {})),
  'portal.receipt': async () => notFound(await run(billingOps.portalReceiptOp, { paymentId: bw.paymentId })),
  'portal.sendSlip': async () =>
    notFound(await run(billingOps.portalSendSlipOp, { invoiceId: bw.invoice.id, file: png() })),
  'portal.prepaid': async () => {
    const r = await run(billingOps.portalPrepaidOp, {});
    assert.ok(r.ok && !JSON.stringify(r.data).includes(b.subscription.id));
  },
  'portal.extendPrepaid': async () =>
    notFound(await run(billingOps.portalExtendOp, { subscriptionId: b.subscription.id })),
  'portal.tickets': async () => emptyList(await run(supportOps.portalTicketsOp, {})),
  'portal.ticket': async () => notFound(await run(supportOps.portalTicketOp, { ticketId: bw.ticket.id })),
  'portal.ticketPhoto': async () =>
    notFound(await run(supportOps.portalTicketPhotoOp, { ticketId: bw.ticket.id, attachmentId: bw.photoId })),
  'portal.subscriptions': async () => {
    const r = await run(supportOps.portalSubscriptionsOp, {});
    assert.ok(r.ok && !JSON.stringify(r.data).includes(b.subscription.id));
  },
  'portal.reportProblem': async () =>
    notFound(
      await run(supportOps.portalReportProblemOp, {
        subscriptionId: b.subscription.id,
        category: 'slow',
        description: 'Lambat',
      }),
    ),
  'portal.ticketMessage': async () =>
    notFound(await run(supportOps.portalTicketMessageOp, { ticketId: bw.ticket.id, body: 'Halo' })),
  'portal.rateTicket': async () =>
    notFound(await run(supportOps.portalRateTicketOp, { ticketId: bw.ticket.id, rating: 1 })),
  'portal.modems': async () => emptyList(await run(modemOps.portalModemsOp, {})),
  'portal.setWifi': async () =>
    notFound(await run(modemOps.portalSetWifiOp, { subscriptionId: b.subscription.id, ssid24: 'Direbut' })),
  'portal.rebootModem': async () =>
    notFound(await run(modemOps.portalRebootModemOp, { subscriptionId: b.subscription.id })),
};

describe("a portal customer never reaches another organization's records", () => {
  test('every self-service operation is registered and has a case', () => {
    for (const name of NAMES) assert.ok(PORTAL_OPERATIONS[name], `${name} is not in PORTAL_MODULES`);
    assert.deepEqual(Object.keys(CASES).sort(), [...NAMES].sort());
  });
  for (const [name, check] of Object.entries(CASES)) {
    test(name, async () => {
      await check();
      await bUnchanged();
    });
  }
});

describe('malformed input to the self-service operations is a result, never an exception', () => {
  for (const mod of MODULES) {
    for (const op of Object.values(mod)) {
      test(op.name, async () => {
        const problems: string[] = [];
        for (const { label, input } of malformedInputs(op.input)) {
          try {
            const r = await executePortalOperation(op as never, a.ctx, input);
            if (!r.ok) assert.ok(r.message && !r.message.startsWith('errors.'), `${label}: untranslated ${r.code}`);
          } catch (error) {
            problems.push(`${label}: ${String((error as Error).message).slice(0, 160)}`);
          }
        }
        assert.deepEqual(problems.slice(0, 20), []);
      });
    }
  }
});
