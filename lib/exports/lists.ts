/**
 * The customers, invoices and payments lists as sheets, with the same filters and order as
 * the pages (the pages' own queries, read a thousand rows at a time by their cursor).
 */
import type { Db } from '@/db/client';
import { type InvoiceAgeFilter, listInvoices } from '@/lib/billing/queries';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { listCustomers, type Viewer } from '@/lib/customers/queries';
import type { CustomerListInput } from '@/lib/customers/schemas';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { GATEWAY_MODULES } from '@/lib/payments/gateways';
import { listTransactions } from '@/lib/payments/queries';
import { date, datetime, money, type Sheet, text } from './render';

/** A bigger list is cut here; the response says so (`x-export-truncated`). */
export const EXPORT_MAX_ROWS = 50_000;
const CHUNK = 1_000;

type Page<T> = { items: T[]; nextCursor: string | null };

async function collect<T>(read: (cursor: string | undefined) => Promise<Page<T>>) {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX_ROWS);
  return { rows: rows.slice(0, EXPORT_MAX_ROWS), truncated: Boolean(cursor) || rows.length > EXPORT_MAX_ROWS };
}

const col = (locale: Locale, key: string) => translate(locale, `exports.columns.${key}`);

export async function customersSheet(
  db: Db,
  p: { viewer: Viewer; locale: Locale; filter: Omit<CustomerListInput, 'cursor'>; ids?: string[] },
) {
  const { rows, truncated } = await collect((cursor) =>
    listCustomers(db, p.viewer, { ...p.filter, ids: p.ids, cursor, limit: CHUNK }),
  );
  const t = (key: string) => col(p.locale, key);
  const sheet: Sheet = {
    headers: [t('number'), t('name'), t('phone'), t('plan'), t('area'), t('status'), t('createdAt')],
    rows: rows.map((c) => [
      text(formatCustomerNumber(c.number)),
      text(c.name),
      text(c.phone),
      text(c.planName),
      text(c.area),
      text(translate(p.locale, `statuses.${c.status}`)),
      datetime(c.createdAt),
    ]),
  };
  return { sheet, truncated };
}

export type InvoiceExportFilter = { status?: string; period?: string; overdue?: InvoiceAgeFilter; q?: string };

export async function invoicesSheet(
  db: Db,
  p: { orgId: string; locale: Locale; filter: InvoiceExportFilter; ids?: string[] },
) {
  const { rows, truncated } = await collect((cursor) =>
    listInvoices(db, { orgId: p.orgId, ...p.filter, ids: p.ids, cursor, limit: CHUNK }),
  );
  const t = (key: string) => col(p.locale, key);
  const sheet: Sheet = {
    headers: [
      t('invoiceNumber'),
      t('customerNumber'),
      t('customer'),
      t('period'),
      t('dueDate'),
      t('total'),
      t('paid'),
      t('outstanding'),
      t('status'),
      t('createdAt'),
    ],
    rows: rows.map((i) => [
      text(i.number),
      text(formatCustomerNumber(i.customerNumber)),
      text(i.customerName),
      date(i.period),
      date(i.dueDate),
      money(i.total),
      money(i.paidAmount),
      money(Math.max(0, i.total - i.paidAmount)),
      text(translate(p.locale, `invoiceStatuses.${i.status}`)),
      datetime(i.createdAt),
    ]),
  };
  return { sheet, truncated };
}

export type PaymentExportFilter = Parameters<typeof listTransactions>[1];

export async function paymentsSheet(db: Db, p: { locale: Locale; filter: Omit<PaymentExportFilter, 'cursor'> }) {
  const { rows, truncated } = await collect((cursor) => listTransactions(db, { ...p.filter, cursor, limit: CHUNK }));
  const t = (key: string) => col(p.locale, key);
  const method = (gateway: keyof typeof GATEWAY_MODULES, code: string) =>
    GATEWAY_MODULES[gateway].methods.find((m) => m.code === code)?.label ?? code;
  const sheet: Sheet = {
    headers: [
      t('orderId'),
      t('reference'),
      t('customer'),
      t('invoiceNumber'),
      t('gateway'),
      t('method'),
      t('amount'),
      t('fee'),
      t('charged'),
      t('status'),
      t('createdAt'),
      t('paidAt'),
    ],
    rows: rows.map((x) => [
      text(x.orderId),
      text(x.reference),
      text(x.customerName),
      text(x.invoiceNumber),
      text(GATEWAY_MODULES[x.gateway].label),
      text(method(x.gateway, x.method)),
      money(x.amount),
      money(x.fee),
      money(x.chargedAmount),
      text(translate(p.locale, `payments.statuses.${x.status}`)),
      datetime(x.createdAt),
      datetime(x.paidAt),
    ]),
  };
  return { sheet, truncated };
}
