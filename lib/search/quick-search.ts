/** The quick search (Ctrl-K): a few records of each kind the member may see, matched by what people type. */
import { and, desc, eq, gte, ilike, like, lt, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, invoices, odps, routers, vouchers } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { searchCondition } from '@/lib/core/customer-search';
import { contains, startsWith } from '@/lib/server/search';

export const QUICK_SEARCH_KINDS = ['customers', 'invoices', 'vouchers', 'odps', 'routers'] as const;
export type QuickSearchKind = (typeof QUICK_SEARCH_KINDS)[number];

export type QuickHit = { kind: QuickSearchKind; id: string; title: string; detail: string | null; href: string };

export type QuickSearchScope = {
  orgId: string;
  /** The kinds the member's role may see; the others are not queried at all. */
  kinds: readonly QuickSearchKind[];
  /** A reseller finds only the customers attributed to them. */
  resellerUserId: string | null;
  q: string;
  limit?: number;
};

/**
 * One small query per kind, run together. Customers go through the trigram index on
 * search_text (name, phone, C-number, PPPoE usernames); invoice numbers and voucher codes
 * match exactly by their unique (organization, code) index or, from 4 characters, as a
 * substring within the organization; ODPs and routers are few per organization.
 */
export async function quickSearch(db: Db, s: QuickSearchScope): Promise<QuickHit[]> {
  const q = s.q.trim();
  if (q.length < 2) return [];
  const limit = s.limit ?? 5;
  const want = new Set(s.kinds);
  const runs: Promise<QuickHit[]>[] = [];
  if (want.has('customers')) runs.push(findCustomers(db, s, q, limit));
  if (want.has('invoices')) runs.push(findInvoices(db, s.orgId, q, limit));
  if (want.has('vouchers')) runs.push(findVouchers(db, s.orgId, q, limit));
  if (want.has('odps')) runs.push(findOdps(db, s.orgId, q, limit));
  if (want.has('routers')) runs.push(findRouters(db, s.orgId, q, limit));
  return (await Promise.all(runs)).flat();
}

/** Customers as the customers list finds them; a term too short for the trigram index finds none. */
async function findCustomers(db: Db, s: QuickSearchScope, q: string, limit: number): Promise<QuickHit[]> {
  let condition: ReturnType<typeof searchCondition>;
  try {
    condition = searchCondition(q);
  } catch {
    return [];
  }
  const rows = await db
    .select({ id: customers.id, name: customers.name, number: customers.number, phone: customers.phone })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, s.orgId),
        s.resellerUserId ? eq(customers.resellerUserId, s.resellerUserId) : undefined,
        condition,
      ),
    )
    .orderBy(customers.name)
    .limit(limit);
  return rows.map((c) => ({
    kind: 'customers',
    id: c.id,
    title: c.name,
    detail: `${formatCustomerNumber(c.number)} · ${c.phone}`,
    href: `/customers/${c.id}`,
  }));
}

/**
 * An invoice number or voucher code as typed (any case; both are stored upper case): exact
 * below 4 characters, so "20" does not list a year; from 4 on, every code that starts with
 * it. The range `q <= code < q'` (q with its last character stepped up) is what the unique
 * btree on (organization, code) serves, so only the matching entries are read; Postgres
 * derives no such range from a LIKE unless the collation is exactly C, and a substring match
 * (`%q%`) would read every code of the organization per keystroke pause. The LIKE keeps the
 * result exact.
 */
function codeMatch(column: typeof invoices.number | typeof vouchers.code, q: string) {
  const code = q.toUpperCase();
  if (code.length < 4) return eq(column, code);
  const next = code.slice(0, -1) + String.fromCharCode(code.charCodeAt(code.length - 1) + 1);
  return and(gte(column, code), lt(column, next), like(column, startsWith(code)));
}

async function findInvoices(db: Db, orgId: string, q: string, limit: number): Promise<QuickHit[]> {
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, name: customers.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.organizationId, orgId), codeMatch(invoices.number, q)))
    // Along the index, newest numbering first: the scan stops at the limit.
    .orderBy(desc(invoices.number))
    .limit(limit);
  return rows.map((i) => ({
    kind: 'invoices',
    id: i.id,
    title: i.number,
    detail: i.name,
    href: `/invoices/${i.id}`,
  }));
}

async function findVouchers(db: Db, orgId: string, q: string, limit: number): Promise<QuickHit[]> {
  const rows = await db
    .select({ id: vouchers.id, code: vouchers.code })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, orgId), codeMatch(vouchers.code, q)))
    .orderBy(vouchers.code)
    .limit(limit);
  // Vouchers have no page of their own: the vouchers list, searched for the code.
  return rows.map((v) => ({
    kind: 'vouchers',
    id: v.id,
    title: v.code,
    detail: null,
    href: `/vouchers?q=${encodeURIComponent(v.code)}`,
  }));
}

async function findOdps(db: Db, orgId: string, q: string, limit: number): Promise<QuickHit[]> {
  const rows = await db
    .select({ id: odps.id, code: odps.code, name: odps.name, area: odps.area })
    .from(odps)
    .where(and(eq(odps.organizationId, orgId), or(ilike(odps.code, contains(q)), ilike(odps.name, contains(q)))))
    .orderBy(odps.code)
    .limit(limit);
  return rows.map((o) => ({
    kind: 'odps',
    id: o.id,
    title: o.code,
    detail: [o.name, o.area].filter(Boolean).join(' · ') || null,
    href: `/network/odps/${o.id}`,
  }));
}

async function findRouters(db: Db, orgId: string, q: string, limit: number): Promise<QuickHit[]> {
  const rows = await db
    .select({ id: routers.id, name: routers.name, host: routers.host })
    .from(routers)
    .where(
      and(eq(routers.organizationId, orgId), or(ilike(routers.name, contains(q)), ilike(routers.host, contains(q)))),
    )
    .orderBy(routers.name)
    .limit(limit);
  return rows.map((r) => ({ kind: 'routers', id: r.id, title: r.name, detail: r.host, href: `/routers/${r.id}` }));
}
