import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices, organizations, paymentAllocations, payments, plans, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { PROOF_MAX_BYTES, recordPayment } from '@/lib/billing/invoice-payments';
import { invoiceLinkToken } from '@/lib/billing/links';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { getReceipt } from '@/lib/billing/receipt';
import { issueSubscriptionInvoice } from '@/lib/billing/run';
import { AppError } from '@/lib/server/errors';
import { sniffUpload } from '@/lib/server/files';
import { type PortalCtx, portalAuditData } from './operation';

/** Invoices and payments per "load more". */
export const PORTAL_PAGE_SIZE = 20;
/** Slips per portal session and per address, per hour: a person retries a few times, a script does not. */
export const SLIPS_PER_HOUR = 5;
/** How far ahead a prepaid customer may pay: a year. */
export const EXTEND_MAX_MONTHS_AHEAD = 12;
export { PROOF_MAX_BYTES as SLIP_MAX_BYTES };

type Scope = Pick<PortalCtx, 'orgId' | 'customerIds'>;

/** Every invoice of the visitor's subscriptions, newest first, with its pay link and whether a slip waits. */
export async function listPortalInvoices(db: Db, p: Scope & { page: number }) {
  if (p.customerIds.length === 0) return { items: [], more: false };
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      period: invoices.period,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      billingType: invoices.billingType,
      total: invoices.total,
      paidAmount: invoices.paidAmount,
      status: invoices.status,
      serviceUsername: subscriptions.serviceUsername,
      plan: plans.name,
      slipPending: sql<boolean>`exists (select 1 from payments p where p.invoice_id = ${invoices.id} and p.organization_id = ${p.orgId} and p.status = 'pending')`,
    })
    .from(invoices)
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.id, invoices.subscriptionId), eq(subscriptions.organizationId, p.orgId)),
    )
    .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, p.orgId)))
    .where(and(eq(invoices.organizationId, p.orgId), inArray(invoices.customerId, p.customerIds)))
    .orderBy(desc(invoices.period), desc(invoices.createdAt), desc(invoices.id))
    .limit(PORTAL_PAGE_SIZE * p.page + 1);
  const more = rows.length > PORTAL_PAGE_SIZE * p.page;
  return {
    items: rows.slice(0, PORTAL_PAGE_SIZE * p.page).map((r) => ({
      ...r,
      payable: r.status === 'unpaid' || r.status === 'partial',
      due: Math.max(0, r.total - r.paidAmount),
      token: invoiceLinkToken(r.id),
    })),
    more,
  };
}
export type PortalInvoice = Awaited<ReturnType<typeof listPortalInvoices>>['items'][number];

/** Payments the visitor's customers made (approved, waiting, rejected), newest first, with the invoices they paid. */
export async function listPortalPayments(db: Db, p: Scope & { page: number }) {
  if (p.customerIds.length === 0) return { items: [], more: false };
  const rows = await db
    .select({
      id: payments.id,
      createdAt: payments.createdAt,
      method: payments.method,
      amount: payments.amount,
      status: payments.status,
      rejectReason: payments.rejectReason,
      invoiceNumbers: sql<string[]>`coalesce((
        select array_agg(i.number order by i.period) from ${paymentAllocations} a
        join ${invoices} i on i.id = a.invoice_id and i.organization_id = ${p.orgId}
        where a.payment_id = ${payments.id}), (
        select array[i.number] from ${invoices} i where i.id = ${payments.invoiceId} and i.organization_id = ${p.orgId}
      ), '{}')`,
    })
    .from(payments)
    .where(and(eq(payments.organizationId, p.orgId), inArray(payments.customerId, p.customerIds)))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(PORTAL_PAGE_SIZE * p.page + 1);
  const more = rows.length > PORTAL_PAGE_SIZE * p.page;
  return { items: rows.slice(0, PORTAL_PAGE_SIZE * p.page), more };
}

/** The counter receipt of one of the visitor's payments; another customer's is not found. */
export async function portalReceipt(db: Db, p: Scope & { paymentId: string }) {
  await ownPayment(db, p);
  return getReceipt(db, { orgId: p.orgId, paymentId: p.paymentId });
}

async function ownPayment(db: Db, p: Scope & { paymentId: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.id, p.paymentId),
        eq(payments.organizationId, p.orgId),
        inArray(payments.customerId, p.customerIds),
      ),
    );
  if (!row) throw new AppError('not_found');
}

/** One of the visitor's invoices, else not found. */
async function ownInvoice(db: Db, p: Scope & { invoiceId: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  const [row] = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.id, p.invoiceId),
        eq(invoices.organizationId, p.orgId),
        inArray(invoices.customerId, p.customerIds),
      ),
    );
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * A transfer slip for one of the visitor's unpaid invoices: the same pending transfer finance
 * approves at the counter's list (lib/billing/invoice-payments.ts), for what is left to pay,
 * tied to the invoice so approval pays that one first. One slip waits per invoice (a unique
 * index decides, so two quick taps cannot make two); the bytes decide the type.
 */
export async function submitPortalSlip(
  db: Db,
  ctx: Omit<PortalCtx, 'db' | 'locale'>,
  p: { invoiceId: string; file: File; filesDir?: string },
) {
  const invoice = await ownInvoice(db, { ...ctx, invoiceId: p.invoiceId });
  if (invoice.status !== 'unpaid' && invoice.status !== 'partial') throw new AppError('portal_invoice_not_payable');
  if (p.file.size === 0) throw new AppError('validation', {}, { file: 'validation.proofRequired' });
  if (p.file.size > PROOF_MAX_BYTES) throw new AppError('validation', {}, { file: 'validation.proofSize' });
  const sessionOk = await consumeAttempt(db, `portal-slip:${ctx.sessionId}`, SLIPS_PER_HOUR, 60);
  const ipOk = ctx.ip ? await consumeAttempt(db, `portal-slip-ip:${limitKey(ctx.ip)}`, SLIPS_PER_HOUR * 4, 60) : true;
  if (!sessionOk || !ipOk) throw new AppError('portal_too_many');
  if (!(await sniffUpload(p.file))) throw new AppError('validation', {}, { file: 'validation.proofType' });
  const [waiting] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(eq(payments.organizationId, ctx.orgId), eq(payments.invoiceId, invoice.id), eq(payments.status, 'pending')),
    );
  if (waiting) throw new AppError('portal_slip_pending');
  try {
    const r = await recordPayment(db, {
      orgId: ctx.orgId,
      actorUserId: null,
      ip: ctx.ip,
      filesDir: p.filesDir,
      invoiceId: invoice.id,
      auditData: portalAuditData(ctx as PortalCtx, { invoiceId: invoice.id, invoiceNumber: invoice.number }),
      input: {
        customerId: invoice.customerId,
        amount: invoice.total - invoice.paidAmount,
        method: 'transfer',
        reference: invoice.number,
        note: null,
        proof: p.file,
      },
    });
    return { paymentId: r.paymentId, invoiceNumber: invoice.number };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('portal_slip_pending');
    if ((error as { cause?: { code?: string } }).cause?.code === '23505') throw new AppError('portal_slip_pending');
    throw error;
  }
}

/**
 * Prepaid "extend now": the invoice of the period after the last one invoiced, issued today
 * exactly as the billing run would issue it on its day (lib/billing/run.ts), so paying it keeps
 * the service on through that period and the run skips it. An invoice still open (this one,
 * pressed twice, or an older one) is answered instead: the customer pays that first, and
 * nothing is issued twice.
 */
export async function extendPrepaid(db: Db, ctx: Omit<PortalCtx, 'db' | 'locale'>, p: { subscriptionId: string }) {
  if (ctx.customerIds.length === 0) throw new AppError('not_found');
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ id: subscriptions.id, billingType: subscriptions.billingType, status: subscriptions.status })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.id, p.subscriptionId),
          eq(subscriptions.organizationId, ctx.orgId),
          inArray(subscriptions.customerId, ctx.customerIds),
        ),
      )
      .for('update');
    if (!sub) throw new AppError('not_found');
    if (sub.billingType !== 'prepaid') throw new AppError('portal_not_prepaid');
    if (sub.status !== 'active' && sub.status !== 'isolated') throw new AppError('portal_not_prepaid');
    const [open] = await tx
      .select({ id: invoices.id, number: invoices.number })
      .from(invoices)
      .where(
        and(
          eq(invoices.organizationId, ctx.orgId),
          eq(invoices.subscriptionId, sub.id),
          inArray(invoices.status, ['unpaid', 'partial']),
        ),
      )
      .orderBy(invoices.period)
      .limit(1);
    if (open) return { invoiceId: open.id, number: open.number, token: invoiceLinkToken(open.id), issued: false };
    const [org] = await tx
      .select({ timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, ctx.orgId));
    const current = periodOf(new Date(), org?.timezone ?? 'Asia/Jakarta');
    const [last] = await tx
      .select({ period: invoices.period })
      .from(invoices)
      .where(and(eq(invoices.organizationId, ctx.orgId), eq(invoices.subscriptionId, sub.id)))
      .orderBy(desc(invoices.period))
      .limit(1);
    // This month not invoiced yet (its invoice day has not come): it is the next one to pay,
    // unless the run would not bill it either (activated this month: billed next month with a
    // prorata line). Skipping it would leave an unpaid month behind a later paid one.
    let next = last && last.period >= current ? shiftMonth(last.period, 1) : current;
    if (next > shiftMonth(current, EXTEND_MAX_MONTHS_AHEAD)) throw new AppError('portal_extend_too_far');
    let invoiceId = await issueSubscriptionInvoice(tx, { orgId: ctx.orgId, period: next, subscriptionId: sub.id });
    if (!invoiceId && next === current) {
      next = shiftMonth(current, 1);
      invoiceId = await issueSubscriptionInvoice(tx, { orgId: ctx.orgId, period: next, subscriptionId: sub.id });
    }
    if (!invoiceId) throw new AppError('portal_not_prepaid');
    const [inv] = await tx
      .select({ number: invoices.number })
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), eq(invoices.organizationId, ctx.orgId)));
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actorUserId: null,
      ip: ctx.ip,
      action: 'invoice.issued_early',
      entityType: 'subscription',
      entityId: sub.id,
      data: portalAuditData(ctx as PortalCtx, { invoiceId, number: inv!.number, period: next }),
    });
    return { invoiceId, number: inv!.number, token: invoiceLinkToken(invoiceId), issued: true };
  });
}

/**
 * The visitor's prepaid subscriptions with the last day their paid invoices cover (the end of
 * the latest paid period): what "extend now" moves by one period once its invoice is paid.
 */
export async function portalPrepaid(db: Db, p: Scope) {
  if (p.customerIds.length === 0) return [];
  const rows = await db
    .select({
      id: subscriptions.id,
      serviceUsername: subscriptions.serviceUsername,
      plan: plans.name,
      paidPeriod: sql<
        string | null
      >`(select max(i.period)::text from ${invoices} i where i.subscription_id = ${subscriptions.id} and i.organization_id = ${p.orgId} and i.status = 'paid')`,
    })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, p.orgId)))
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        inArray(subscriptions.customerId, p.customerIds),
        eq(subscriptions.billingType, 'prepaid'),
        inArray(subscriptions.status, ['active', 'isolated']),
      ),
    )
    .orderBy(subscriptions.createdAt);
  return rows.map((r) => ({
    id: r.id,
    serviceUsername: r.serviceUsername,
    plan: r.plan,
    paidThrough: r.paidPeriod ? lastDayOf(r.paidPeriod) : null,
  }));
}

/** "2026-12-01" → "2026-12-31". */
export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
