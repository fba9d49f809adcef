import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, invoices, paymentAllocations, payments, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { lockSubscriptions } from '@/lib/core/subscription-lock';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import {
  counterPaymentRows,
  emitRows,
  gatewayPaymentRows,
  idIn,
  invoicePaidRows,
  type PaymentFailure,
  refundedPaymentRows,
} from '@/lib/events/rows';
import { enqueue } from '@/lib/jobs/enqueue';
import { customerNotify } from '@/lib/messaging/jobs';
import { accrueCommission, reverseCommission } from '@/lib/resellers/commissions';
import { AppError } from '@/lib/server/errors';
import { sniffUpload, storeOrgFile } from '@/lib/server/files';
import { rupiahText } from '@/lib/server/form-input';

// Money that pays invoices, whoever took it: cash and transfers recorded at the counter, gateway
// payments settled by lib/payments (recordGatewayPayment), and their reversal on a refund.
const PROOF_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
export const PROOF_MAX_BYTES = 5 * 1024 * 1024;

export const paymentSchema = z
  .object({
    customerId: z.string().uuid('validation.invalid'),
    amount: z.preprocess(
      rupiahText,
      z
        .number('validation.price')
        .int('validation.price')
        .min(1, 'validation.price')
        .max(1_000_000_000, 'validation.price'),
    ),
    method: z.enum(['cash', 'transfer'], 'validation.invalid'),
    reference: z
      .string()
      .trim()
      .max(120)
      .optional()
      .transform((v) => v || null),
    note: z
      .string()
      .trim()
      .max(300)
      .optional()
      .transform((v) => v || null),
    // A photo or PDF of the transfer slip; an empty file input arrives as a 0-byte file.
    proof: z
      .instanceof(File)
      .optional()
      .transform((f) => (f && f.size > 0 ? f : undefined))
      .refine((f) => !f || f.size <= PROOF_MAX_BYTES, 'validation.proofSize')
      .refine((f) => !f || f.type === '' || f.type in PROOF_TYPES, 'validation.proofType'),
  })
  .refine((p) => p.method !== 'transfer' || p.proof, { message: 'validation.proofRequired', path: ['proof'] });
export type PaymentInput = Omit<z.output<typeof paymentSchema>, 'proof'> & { proof?: File };

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/**
 * Cash is counted at the counter and paid at once. A transfer is recorded with its slip and
 * waits for finance (approvePayment): until then it pays nothing.
 */
export async function recordPayment(
  db: Db,
  p: Actor & {
    input: PaymentInput;
    filesDir?: string;
    /** The invoice a customer sent the slip for (portal): approved, it pays that one first. */
    invoiceId?: string | null;
    /** Added to the audit entry (a customer's own upload: `portalAuditData`). */
    auditData?: Record<string, unknown>;
  },
) {
  // The slip is typed by its bytes: a page renamed to .png is refused, not stored.
  const proofType = p.input.proof ? await sniffUpload(p.input.proof) : null;
  if (p.input.proof && !(proofType && proofType in PROOF_TYPES))
    throw new AppError('validation', {}, { proof: 'validation.proofType' });
  return db.transaction(async (tx) => {
    const customer = await lockCustomerAccount(tx, { orgId: p.orgId, customerId: p.input.customerId });
    if (!customer) throw new AppError('not_found');
    const pending = p.input.method === 'transfer';
    const [payment] = await tx
      .insert(payments)
      .values({
        organizationId: p.orgId,
        customerId: customer.id,
        amount: p.input.amount,
        method: p.input.method,
        reference: p.input.reference,
        note: p.input.note,
        status: pending ? 'pending' : 'approved',
        receivedBy: p.actorUserId,
        invoiceId: p.invoiceId ?? null,
      })
      .returning();
    if (p.input.proof) {
      const relative = await storeOrgFile({
        orgId: p.orgId,
        folder: 'proofs',
        name: `${payment!.id}.${PROOF_TYPES[proofType!]}`,
        file: p.input.proof,
        filesDir: p.filesDir,
      });
      await tx.update(payments).set({ proofPath: relative, proofType }).where(eq(payments.id, payment!.id));
    }
    // Cash is created and completed at once; a transfer is created now and completed (or
    // failed) when finance decides on its slip. Emitted before the invoices it pays (their
    // invoice.paid), so a listener hears cause before effect.
    await emitPayment(tx, 'payment.created', { orgId: p.orgId, paymentId: payment!.id });
    if (!pending) await emitPayment(tx, 'payment.completed', { orgId: p.orgId, paymentId: payment!.id });
    const applied = pending
      ? { paidInvoices: [] as string[], credit: 0, reconnected: 0 }
      : await applyPayment(tx, { ...p, paymentId: payment!.id, customerId: customer.id, amount: p.input.amount });
    if (!pending)
      await notifyPaymentReceived(tx, {
        orgId: p.orgId,
        customerId: customer.id,
        paymentId: payment!.id,
        actorUserId: p.actorUserId,
      });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: pending ? 'payment.submitted' : 'payment.recorded',
      entityType: 'customer',
      entityId: customer.id,
      data: { ...p.auditData, paymentId: payment!.id, amount: p.input.amount, method: payment!.method, ...applied },
    });
    return { paymentId: payment!.id, amount: p.input.amount, status: payment!.status, ...applied };
  });
}

/** Finance checked the slip: the transfer now pays invoices exactly as cash would. */
export async function approvePayment(db: Db, p: Actor & { paymentId: string }) {
  return db.transaction(async (tx) => {
    const payment = await pendingPayment(tx, p);
    await tx
      .update(payments)
      .set({ status: 'approved', reviewedBy: p.actorUserId, reviewedAt: sql`now()` })
      .where(eq(payments.id, payment.id));
    await emitPayment(tx, 'payment.completed', { orgId: p.orgId, paymentId: payment.id });
    const applied = await applyPayment(tx, {
      ...p,
      paymentId: payment.id,
      customerId: payment.customerId,
      amount: payment.amount,
      firstInvoiceId: payment.invoiceId,
    });
    await notifyPaymentReceived(tx, {
      orgId: p.orgId,
      customerId: payment.customerId,
      paymentId: payment.id,
      actorUserId: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'payment.approved',
      entityType: 'customer',
      entityId: payment.customerId,
      data: { paymentId: payment.id, amount: payment.amount, ...applied },
    });
    return { paymentId: payment.id, amount: payment.amount, ...applied };
  });
}

export async function rejectPayment(db: Db, p: Actor & { paymentId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const payment = await pendingPayment(tx, p);
    await tx
      .update(payments)
      .set({ status: 'rejected', rejectReason: p.reason, reviewedBy: p.actorUserId, reviewedAt: sql`now()` })
      .where(eq(payments.id, payment.id));
    await emitPayment(tx, 'payment.failed', {
      orgId: p.orgId,
      paymentId: payment.id,
      reason: 'rejected',
      note: p.reason,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'payment.rejected',
      entityType: 'customer',
      entityId: payment.customerId,
      data: { paymentId: payment.id, reason: p.reason },
    });
  });
}

async function pendingPayment(db: Db, p: { orgId: string; paymentId: string }) {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, p.orgId)))
    .for('update');
  if (!payment) throw new AppError('not_found');
  if (payment.status !== 'pending') throw new AppError('payment_not_pending');
  return payment;
}

/**
 * A settled gateway payment: paid, with no one at the counter. It pays the invoice the
 * customer paid from first (they expect to see that one paid), then the rest as cash would.
 */
export async function recordGatewayPayment(
  db: Db,
  p: Actor & {
    customerId: string;
    invoiceId: string | null;
    amount: number;
    reference: string;
    note: string;
    /** The gateway transaction settled (its payment.completed event names its order). */
    transactionId: string;
  },
) {
  await lockCustomerAccount(db, p);
  const [payment] = await db
    .insert(payments)
    .values({
      organizationId: p.orgId,
      customerId: p.customerId,
      amount: p.amount,
      method: 'gateway',
      reference: p.reference,
      note: p.note,
      status: 'approved',
    })
    .returning();
  await emitRows(db, {
    orgId: p.orgId,
    type: 'payment.completed',
    rows: gatewayPaymentRows({ orgId: p.orgId, transactionId: p.transactionId, paymentId: payment!.id }),
  });
  const applied = await applyPayment(db, { ...p, paymentId: payment!.id, firstInvoiceId: p.invoiceId });
  await notifyPaymentReceived(db, {
    orgId: p.orgId,
    customerId: p.customerId,
    paymentId: payment!.id,
    actorUserId: p.actorUserId,
  });
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'payment.recorded',
    entityType: 'customer',
    entityId: p.customerId,
    data: { paymentId: payment!.id, amount: p.amount, method: 'gateway', reference: p.reference, ...applied },
  });
  return { paymentId: payment!.id, ...applied };
}

/**
 * A gateway refund: the payment no longer pays anything. Its allocations are taken back
 * (the invoices reopen) and what it left as credit is removed. The customer is not isolated
 * here; the isolation pass decides that by the usual rules.
 */
export async function reversePayment(db: Db, p: Actor & { paymentId: string; reason: string }) {
  const [payment] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, p.orgId)))
    .for('update');
  if (!payment) throw new AppError('not_found');
  if (payment.status !== 'approved') return { reopened: [] as string[] };
  await db.select({ id: customers.id }).from(customers).where(eq(customers.id, payment.customerId)).for('update');
  const allocations = await db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment.id));
  const reopened: string[] = [];
  let allocated = 0;
  for (const a of allocations) {
    allocated += a.amount;
    const [inv] = await db
      .update(invoices)
      .set({
        paidAmount: sql`${invoices.paidAmount} - ${a.amount}`,
        status: sql`case when ${invoices.status} in ('paid', 'partial') then (case when ${invoices.paidAmount} - ${a.amount} <= 0 then 'unpaid' else 'partial' end) else ${invoices.status} end`,
        paidAt: null,
      })
      .where(and(eq(invoices.id, a.invoiceId), eq(invoices.organizationId, p.orgId)))
      .returning({ number: invoices.number, status: invoices.status });
    if (inv) reopened.push(inv.number);
    // A reseller's commission was earned by the invoice being paid; reopened, it goes back.
    if (inv && inv.status !== 'paid')
      await reverseCommission(db, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        invoiceId: a.invoiceId,
        reason: p.reason,
      });
  }
  if (payment.amount > allocated) {
    await db
      .update(customers)
      .set({ creditBalance: sql`${customers.creditBalance} - ${payment.amount - allocated}` })
      .where(and(eq(customers.id, payment.customerId), eq(customers.organizationId, p.orgId)));
  }
  await db
    .update(payments)
    .set({ status: 'refunded', rejectReason: p.reason, reviewedBy: p.actorUserId, reviewedAt: sql`now()` })
    .where(eq(payments.id, payment.id));
  await emitRows(db, {
    orgId: p.orgId,
    type: 'payment.refunded',
    rows: refundedPaymentRows({ orgId: p.orgId, paymentId: payment.id, note: p.reason }),
  });
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'payment.refunded',
    entityType: 'customer',
    entityId: payment.customerId,
    data: { paymentId: payment.id, amount: payment.amount, reopened, reason: p.reason },
  });
  return { reopened };
}

/** The customer's "payment received" WhatsApp message (the job renders and queues it). */
function notifyPaymentReceived(
  db: Db,
  p: { orgId: string; customerId: string; paymentId: string; actorUserId: string | null },
) {
  return enqueue(db, customerNotify, {
    orgId: p.orgId,
    payload: { customerId: p.customerId, event: 'payment_received', paymentId: p.paymentId },
    createdBy: p.actorUserId,
  });
}

/** Applies an approved payment to the customer's open invoices, oldest first; the rest is credit. */
async function applyPayment(
  db: Db,
  p: Actor & { paymentId: string; customerId: string; amount: number; firstInvoiceId?: string | null },
) {
  await lockCustomerAccount(db, p);
  const open = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.customerId, p.customerId),
        eq(invoices.organizationId, p.orgId),
        inArray(invoices.status, ['unpaid', 'partial']),
      ),
    )
    .orderBy(
      sql`${invoices.id} = ${p.firstInvoiceId ?? null} desc nulls last`,
      asc(invoices.period),
      asc(invoices.createdAt),
      asc(invoices.id),
    )
    .for('update');
  let left = p.amount;
  const paidInvoices: string[] = [];
  const paidIds: string[] = [];
  for (const invoice of open) {
    if (left <= 0) break;
    const take = Math.min(left, invoice.total - invoice.paidAmount);
    left -= take;
    const paidAmount = invoice.paidAmount + take;
    const done = paidAmount >= invoice.total;
    await db
      .update(invoices)
      .set({ paidAmount, status: done ? 'paid' : 'partial', paidAt: done ? sql`now()` : null })
      .where(eq(invoices.id, invoice.id));
    await db.insert(paymentAllocations).values({ paymentId: p.paymentId, invoiceId: invoice.id, amount: take });
    if (done) paidInvoices.push(invoice.number);
    if (done) paidIds.push(invoice.id);
    // The reseller's commission is booked with the payment, or neither is.
    if (done)
      await accrueCommission(db, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        invoice,
        paymentId: p.paymentId,
      });
  }
  if (paidIds.length > 0)
    await emitRows(db, {
      orgId: p.orgId,
      type: 'invoice.paid',
      rows: invoicePaidRows({ orgId: p.orgId, where: idIn(sql`i.id`, paidIds), paymentId: p.paymentId }),
    });
  if (left > 0) {
    await db
      .update(customers)
      .set({ creditBalance: sql`${customers.creditBalance} + ${left}` })
      .where(eq(customers.id, p.customerId));
  }
  const reconnected = await reconnectPaidUp(db, {
    orgId: p.orgId,
    customerId: p.customerId,
    actorUserId: p.actorUserId,
    ip: p.ip,
  });
  return { paidInvoices, credit: Math.max(0, left), reconnected };
}

/**
 * Locks what paying a customer changes, in the isolation pass's order (lib/billing/isolation.ts):
 * the customer's subscriptions by id, then the customer. A pass that has isolated one of them
 * and not yet committed is waited for, so the payment then sees it isolated and reconnects it;
 * a pass that comes second waits for the payment and sees its invoices paid. Both sides lock
 * subscriptions before customers, so neither can hold a row the other is waiting for.
 */
async function lockCustomerAccount(db: Db, p: { orgId: string; customerId: string }) {
  await lockSubscriptions(db, { orgId: p.orgId, where: sql`s.customer_id = ${p.customerId}` });
  const [customer] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, p.customerId), eq(customers.organizationId, p.orgId)))
    .for('update');
  return customer;
}

/** Isolated subscriptions of the customer with nothing left to pay go back to active. */
async function reconnectPaidUp(
  db: Db,
  p: { orgId: string; customerId: string; actorUserId: string | null; ip: string | null },
) {
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
    await transitionSubscription(db, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      subscriptionId: sub.id,
      to: 'active',
      reason: 'paid',
    });
    await enqueue(db, customerNotify, {
      orgId: p.orgId,
      payload: { customerId: p.customerId, subscriptionId: sub.id, event: 'reconnected' },
      createdBy: p.actorUserId,
    });
  }
  return isolated.length;
}

/** payment.created / completed / failed for a counter payment (lib/events/rows.ts has its data). */
function emitPayment(
  db: Db,
  type: 'payment.created' | 'payment.completed' | 'payment.failed',
  p: { orgId: string; paymentId: string; reason?: PaymentFailure; note?: string | null },
) {
  return emitRows(db, { orgId: p.orgId, type, rows: counterPaymentRows(p) });
}
