import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices, organizations, plans, subscriptions, whatsappSessions } from '@/db/schema';
import { getPayment } from './queries';
import { receiptNumber } from './receipt-number';
import { getBillingSettings } from './settings';

/**
 * Everything a counter receipt prints: the payment and what it paid (invoices and their
 * periods), the plan, the ISP's name, address and phone, and what the customer still owes.
 * The ISP's phone is the company phone from the billing settings, else the number of its
 * WhatsApp session (the one customers already write to).
 * Only an approved payment has a receipt: a transfer still waiting for finance, a rejected or
 * a refunded one gets its status and the customer to go back to, never a receipt number.
 * What is still owed is today's figure (`outstandingAt`), so a reprint says when it was counted.
 */
export async function getReceipt(db: Db, p: { orgId: string; paymentId: string; now?: Date }) {
  const payment = await getPayment(db, p);
  if (payment.status !== 'approved')
    return { approved: false as const, status: payment.status, customerId: payment.customerId };
  const [paidInvoices, settings, [org], [session], [owed]] = await Promise.all([
    db
      .select({ period: invoices.period, plan: plans.name })
      .from(invoices)
      .innerJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(
        and(
          eq(invoices.organizationId, p.orgId),
          inArray(invoices.id, sql`(select invoice_id from payment_allocations where payment_id = ${p.paymentId})`),
        ),
      )
      .orderBy(asc(invoices.period)),
    getBillingSettings(db, p.orgId),
    db
      .select({ name: organizations.name, timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, p.orgId)),
    db
      .select({ phone: whatsappSessions.phone })
      .from(whatsappSessions)
      .where(
        and(
          eq(whatsappSessions.organizationId, p.orgId),
          eq(whatsappSessions.enabled, true),
          isNotNull(whatsappSessions.phone),
        ),
      )
      .orderBy(asc(whatsappSessions.priority), asc(whatsappSessions.createdAt))
      .limit(1),
    db
      .select({ outstanding: sql<number>`coalesce(sum(${invoices.total} - ${invoices.paidAmount}), 0)::bigint` })
      .from(invoices)
      .where(
        and(
          eq(invoices.organizationId, p.orgId),
          eq(invoices.customerId, payment.customerId),
          or(eq(invoices.status, 'unpaid'), eq(invoices.status, 'partial')),
        ),
      ),
  ]);
  // A payment that paid no invoice (all of it became credit) still names the customer's plan.
  const plan = paidInvoices.length ? null : await currentPlan(db, p.orgId, payment.customerId);
  return {
    ...payment,
    approved: true as const,
    receiptNumber: receiptNumber(payment.id, new Date(payment.createdAt), org?.timezone ?? 'Asia/Jakarta'),
    periods: [...new Set(paidInvoices.map((i) => i.period))],
    plans: paidInvoices.length ? [...new Set(paidInvoices.map((i) => i.plan))] : plan ? [plan] : [],
    isp: {
      name: org?.name ?? '',
      address: settings.companyAddress,
      phone: settings.companyPhone ?? session?.phone ?? null,
    },
    outstanding: Number(owed?.outstanding ?? 0),
    outstandingAt: p.now ?? new Date(),
  };
}

async function currentPlan(db: Db, orgId: string, customerId: string) {
  const [row] = await db
    .select({ plan: plans.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.organizationId, orgId), eq(subscriptions.customerId, customerId)))
    .orderBy(sql`${subscriptions.status} = 'terminated'`, desc(subscriptions.createdAt))
    .limit(1);
  return row?.plan ?? null;
}
