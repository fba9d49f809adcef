import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, invoices, paymentAllocations, payments, subscriptions, PAYMENT_METHODS } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { AppError } from '@/lib/server/errors';

export const paymentSchema = z.object({
  customerId: z.string().uuid('validation.invalid'),
  amount: z.preprocess(
    (v) => (typeof v === 'string' ? (v.replace(/[^\d]/g, '') === '' ? undefined : Number(v.replace(/[^\d]/g, ''))) : v),
    z.number('validation.price').int('validation.price').min(1, 'validation.price').max(1_000_000_000, 'validation.price'),
  ),
  method: z.enum(PAYMENT_METHODS.filter((m) => m !== 'gateway') as ['cash', 'transfer'], 'validation.invalid'),
  reference: z.string().trim().max(120).optional().transform((v) => v || null),
  note: z.string().trim().max(300).optional().transform((v) => v || null),
});
export type PaymentInput = z.output<typeof paymentSchema>;

/**
 * Records a payment and applies it to the customer's open invoices, oldest first. What is
 * left goes to the customer's credit balance. A subscription whose open invoices are now all
 * paid and that is isolated is reconnected at once (network job + notification job).
 */
export async function recordPayment(
  db: Db,
  p: { orgId: string; actorUserId: string | null; ip: string | null; input: PaymentInput; method?: 'cash' | 'transfer' | 'gateway' },
) {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.id, p.input.customerId), eq(customers.organizationId, p.orgId)))
      .for('update');
    if (!customer) throw new AppError('not_found');
    const [payment] = await tx
      .insert(payments)
      .values({
        organizationId: p.orgId,
        customerId: customer.id,
        amount: p.input.amount,
        method: p.method ?? p.input.method,
        reference: p.input.reference,
        note: p.input.note,
        receivedBy: p.actorUserId,
      })
      .returning();
    const open = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.customerId, customer.id), eq(invoices.organizationId, p.orgId), inArray(invoices.status, ['unpaid', 'partial'])))
      .orderBy(asc(invoices.period), asc(invoices.createdAt))
      .for('update');
    let left = p.input.amount;
    const paidInvoices: string[] = [];
    for (const invoice of open) {
      if (left <= 0) break;
      const take = Math.min(left, invoice.total - invoice.paidAmount);
      left -= take;
      const paidAmount = invoice.paidAmount + take;
      const done = paidAmount >= invoice.total;
      await tx
        .update(invoices)
        .set({ paidAmount, status: done ? 'paid' : 'partial', paidAt: done ? sql`now()` : null })
        .where(eq(invoices.id, invoice.id));
      await tx.insert(paymentAllocations).values({ paymentId: payment!.id, invoiceId: invoice.id, amount: take });
      if (done) paidInvoices.push(invoice.number);
    }
    if (left > 0) {
      await tx.update(customers).set({ creditBalance: sql`${customers.creditBalance} + ${left}` }).where(eq(customers.id, customer.id));
    }
    const reconnected = await reconnectPaidUp(tx, { orgId: p.orgId, customerId: customer.id, actorUserId: p.actorUserId, ip: p.ip });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'payment.recorded',
      entityType: 'customer',
      entityId: customer.id,
      data: { paymentId: payment!.id, amount: p.input.amount, method: payment!.method, paidInvoices, credit: left, reconnected },
    });
    return { paymentId: payment!.id, amount: p.input.amount, paidInvoices, credit: Math.max(0, left), reconnected };
  });
}

/** Isolated subscriptions of the customer with nothing left to pay go back to active. */
async function reconnectPaidUp(db: Db, p: { orgId: string; customerId: string; actorUserId: string | null; ip: string | null }) {
  const isolated = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.customerId, p.customerId),
        eq(subscriptions.organizationId, p.orgId),
        eq(subscriptions.status, 'isolated'),
        sql`not exists (select 1 from invoices i where i.subscription_id = "subscriptions"."id" and i.status in ('unpaid', 'partial'))`,
      ),
    );
  for (const sub of isolated) {
    await transitionSubscription(db, { orgId: p.orgId, actorUserId: p.actorUserId, ip: p.ip, subscriptionId: sub.id, to: 'active', reason: 'paid' });
    await enqueueJob(db, { orgId: p.orgId, type: 'customer-notify', payload: { customerId: p.customerId, subscriptionId: sub.id, event: 'reconnected' }, createdBy: p.actorUserId });
  }
  return isolated.length;
}
