import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  invoices,
  type PAYMENT_METHODS,
  type PAYMENT_STATUSES,
  paymentAllocations,
  payments,
  users,
} from '@/db/schema';
import { inOrganizationMonths } from '@/lib/core/org-months';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { verifyInvoiceLinkToken } from './links';

/** Open invoices by days past their due date (`current` = not due yet; `all` = every open one). */
export const INVOICE_AGE_FILTERS = ['all', 'current', '1-30', '31-60', '61-90', '90+'] as const;
export type InvoiceAgeFilter = (typeof INVOICE_AGE_FILTERS)[number];

// The dashboard's aging buckets link here; "today" is the organization's.
function openByAge(orgId: string, age: InvoiceAgeFilter) {
  const today = sql`(select (now() at time zone o.timezone)::date from organizations o where o.id = ${orgId})`;
  const days = sql`(${today} - ${invoices.dueDate})`;
  const range = {
    all: sql`true`,
    current: sql`${days} <= 0`,
    '1-30': sql`${days} between 1 and 30`,
    '31-60': sql`${days} between 31 and 60`,
    '61-90': sql`${days} between 61 and 90`,
    '90+': sql`${days} > 90`,
  }[age];
  return and(or(eq(invoices.status, 'unpaid'), eq(invoices.status, 'partial')), range);
}

// resellerUserId: only invoices of that reseller's customers (the reseller portal).
export type InvoiceFilter = {
  orgId: string;
  status?: string;
  period?: string;
  overdue?: InvoiceAgeFilter;
  q?: string;
  customerId?: string;
  resellerUserId?: string;
  cursor?: string;
  limit?: number;
  /** A selection from the list (exports of the selected rows). */
  ids?: string[];
};

export async function listInvoices(db: Db, f: InvoiceFilter) {
  const limit = f.limit ?? 25;
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      period: invoices.period,
      dueDate: invoices.dueDate,
      total: invoices.total,
      paidAmount: invoices.paidAmount,
      status: invoices.status,
      billingType: invoices.billingType,
      customerId: invoices.customerId,
      customerName: customers.name,
      customerNumber: customers.number,
      createdAt: invoices.createdAt,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(
      and(
        eq(invoices.organizationId, f.orgId),
        f.status ? eq(invoices.status, f.status as 'unpaid') : undefined,
        f.period ? eq(invoices.period, f.period) : undefined,
        f.overdue ? openByAge(f.orgId, f.overdue) : undefined,
        f.customerId ? eq(invoices.customerId, f.customerId) : undefined,
        f.ids ? inArray(invoices.id, f.ids) : undefined,
        f.resellerUserId ? eq(customers.resellerUserId, f.resellerUserId) : undefined,
        f.q ? or(ilike(invoices.number, contains(f.q)), ilike(customers.name, contains(f.q))) : undefined,
        afterCursor(invoices.createdAt, invoices.id, decodeCursor(f.cursor)),
      ),
    )
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export async function getInvoice(db: Db, p: { orgId: string; invoiceId: string }) {
  const [row] = await db
    .select({ invoice: invoices, customer: customers })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.id, p.invoiceId), eq(invoices.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return withDetails(db, row.invoice, row.customer);
}

/** The public invoice page: found through its signed link only, never by a bare id. */
export async function getInvoiceByToken(db: Db, token: string) {
  const invoiceId = verifyInvoiceLinkToken(token);
  if (!invoiceId) return null;
  const [row] = await db
    .select({ invoice: invoices, customer: customers })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, invoiceId));
  return row ? withDetails(db, row.invoice, row.customer) : null;
}

async function withDetails(db: Db, invoice: typeof invoices.$inferSelect, customer: typeof customers.$inferSelect) {
  const paid = await db
    .select({
      id: payments.id,
      amount: paymentAllocations.amount,
      method: payments.method,
      createdAt: payments.createdAt,
    })
    .from(paymentAllocations)
    .innerJoin(payments, eq(payments.id, paymentAllocations.paymentId))
    // A refunded payment's allocations were taken back: it no longer pays the invoice.
    .where(and(eq(paymentAllocations.invoiceId, invoice.id), eq(payments.status, 'approved')))
    .orderBy(asc(payments.createdAt), asc(payments.id));
  return { invoice, customer, items: invoice.lines, payments: paid };
}

type PaymentFilter = {
  orgId: string;
  customerId?: string;
  status?: (typeof PAYMENT_STATUSES)[number];
  method?: (typeof PAYMENT_METHODS)[number];
  month?: string;
  q?: string;
};

/** `month` (YYYY-MM) is a calendar month in the organization's zone, as the dashboard counts it. */
function paymentsWhere(p: PaymentFilter) {
  return and(
    eq(payments.organizationId, p.orgId),
    p.customerId ? eq(payments.customerId, p.customerId) : undefined,
    p.status ? eq(payments.status, p.status) : undefined,
    p.method ? eq(payments.method, p.method) : undefined,
    p.month ? inOrganizationMonths(payments.createdAt, p.orgId, p.month) : undefined,
    p.q ? or(ilike(customers.name, contains(p.q)), ilike(payments.reference, contains(p.q))) : undefined,
  );
}

/** Payments recorded (cash at the counter, transfers with their slip, gateway payments), newest first. */
export async function listPayments(db: Db, p: PaymentFilter & { cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: payments.id,
      amount: payments.amount,
      method: payments.method,
      status: payments.status,
      hasProof: sql<boolean>`"payments"."proof_path" is not null`,
      reference: payments.reference,
      customerId: payments.customerId,
      customerName: customers.name,
      customerNumber: customers.number,
      receivedByName: users.name,
      createdAt: payments.createdAt,
      invoices: sql<
        string[]
      >`coalesce((select array_agg(i.number order by i.period, i.number) from payment_allocations a join invoices i on i.id = a.invoice_id where a.payment_id = "payments"."id"), '{}')`,
    })
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.receivedBy))
    .where(and(paymentsWhere(p), afterCursor(payments.createdAt, payments.id, decodeCursor(p.cursor))))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** How many payments the filters match and how much of it counts (approved), over every page. */
export async function paymentsTotal(db: Db, p: PaymentFilter) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      approved: sql<number>`coalesce(sum(${payments.amount}) filter (where ${payments.status} = 'approved'), 0)::bigint`,
    })
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .where(paymentsWhere(p));
  return { count: Number(row?.count ?? 0), approved: Number(row?.approved ?? 0) };
}

export async function getPayment(db: Db, p: { orgId: string; paymentId: string }) {
  const page = await db
    .select({
      id: payments.id,
      amount: payments.amount,
      method: payments.method,
      status: payments.status,
      reference: payments.reference,
      note: payments.note,
      createdAt: payments.createdAt,
      customerId: payments.customerId,
      customerName: customers.name,
      customerNumber: customers.number,
      customerPhone: customers.phone,
      creditBalance: customers.creditBalance,
      receivedByName: users.name,
    })
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.receivedBy))
    .where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, p.orgId)));
  if (!page[0]) throw new AppError('not_found');
  const allocations = await db
    .select({
      number: invoices.number,
      amount: paymentAllocations.amount,
      status: invoices.status,
      period: invoices.period,
    })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(eq(paymentAllocations.paymentId, p.paymentId));
  return { ...page[0], allocations };
}

/** What the customer page shows: recent invoices, payments and what is still owed (not_found for another organization's customer). */
export async function customerBilling(db: Db, orgId: string, customerId: string) {
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, orgId)));
  if (!customer) throw new AppError('not_found');
  const open = and(
    eq(invoices.organizationId, orgId),
    eq(invoices.customerId, customerId),
    or(eq(invoices.status, 'unpaid'), eq(invoices.status, 'partial')),
  );
  const [invoicePage, paymentPage, [owed], [oldestOpen]] = await Promise.all([
    listInvoices(db, { orgId, customerId, limit: 12 }),
    listPayments(db, { orgId, customerId, limit: 12 }),
    db
      .select({ outstanding: sql<number>`coalesce(sum(${invoices.total} - ${invoices.paidAmount}), 0)::bigint` })
      .from(invoices)
      .where(
        and(
          eq(invoices.organizationId, orgId),
          eq(invoices.customerId, customerId),
          or(eq(invoices.status, 'unpaid'), eq(invoices.status, 'partial')),
        ),
      ),
    // The oldest invoice still to pay: what the customer is late with and is asked for first.
    db
      .select({
        id: invoices.id,
        number: invoices.number,
        period: invoices.period,
        dueDate: invoices.dueDate,
        total: invoices.total,
        paidAmount: invoices.paidAmount,
        status: invoices.status,
      })
      .from(invoices)
      .where(open)
      .orderBy(asc(invoices.dueDate), asc(invoices.period), asc(invoices.number))
      .limit(1),
  ]);
  return {
    invoices: invoicePage,
    payments: paymentPage,
    outstanding: Number(owed?.outstanding ?? 0),
    oldestOpen: oldestOpen ?? null,
  };
}

export async function getPaymentProof(db: Db, p: { orgId: string; paymentId: string }) {
  const [row] = await db
    .select({ path: payments.proofPath, type: payments.proofType })
    .from(payments)
    .where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, p.orgId)));
  if (!row?.path || !row.type) throw new AppError('not_found');
  return { path: row.path, type: row.type };
}

/** The dashboard's money line: customers by status, what is owed, what came in this month. */
export async function billingSummary(db: Db, orgId: string) {
  const [row] = await db.execute<{
    active: number;
    isolated: number;
    unpaid: number;
    outstanding: number;
    collected: number;
  }>(sql`
    select
      (select count(*)::int from customers where organization_id = ${orgId} and status = 'active') as active,
      (select count(*)::int from customers where organization_id = ${orgId} and status = 'isolated') as isolated,
      (select count(*)::int from invoices where organization_id = ${orgId} and status in ('unpaid', 'partial')) as unpaid,
      (select coalesce(sum(total - paid_amount), 0)::bigint from invoices where organization_id = ${orgId} and status in ('unpaid', 'partial')) as outstanding,
      (select coalesce(sum(p.amount), 0)::bigint from payments p join organizations o on o.id = p.organization_id
        where p.organization_id = ${orgId} and p.status = 'approved'
          and p.created_at >= (date_trunc('month', now() at time zone o.timezone) at time zone o.timezone)) as collected`);
  return {
    active: row!.active,
    isolated: row!.isolated,
    unpaid: row!.unpaid,
    outstanding: Number(row!.outstanding),
    collected: Number(row!.collected),
  };
}
