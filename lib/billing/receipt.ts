import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices, organizations, plans, subscriptions, whatsappSessions } from '@/db/schema';
import { getPayment } from './queries';
import { receiptNumber } from './receipt-number';
import { getBillingSettings } from './settings';

/**
 * Everything a counter receipt prints: the payment and what it paid (invoices and their
 * periods), the plan, the ISP's name, address and phone, and what the customer still owes.
 * The ISP's phone is the number of its WhatsApp session (the one customers already write to).
 */
export async function getReceipt(db: Db, p: { orgId: string; paymentId: string }) {
  const payment = await getPayment(db, p);
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
    db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, p.orgId)),
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
    receiptNumber: receiptNumber(payment.id, new Date(payment.createdAt)),
    periods: [...new Set(paidInvoices.map((i) => i.period))],
    plans: paidInvoices.length ? [...new Set(paidInvoices.map((i) => i.plan))] : plan ? [plan] : [],
    isp: { name: org?.name ?? '', address: settings.companyAddress, phone: session?.phone ?? null },
    outstanding: Number(owed?.outstanding ?? 0),
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
