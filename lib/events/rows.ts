import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { EventType } from './catalog';
import { wantedSql } from './emit';

/**
 * Each event type's data, built once, in SQL, from the row it reports: a single change and a
 * set-based pass (the billing run, the isolation pass, a CSV import) emit the same shape, and
 * EVENT_SAMPLES (samples.ts) is tested against it. Only public fields: no password, no
 * token, no secret. Times are ISO-8601 UTC strings, dates `YYYY-MM-DD`, money integer rupiah.
 */
const iso = (t: SQL) => sql`to_char(${t} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (d: SQL) => sql`to_char(${d}, 'YYYY-MM-DD')`;
/** As lib/core/customer-number.ts and formatTicketNumber write them (never cut past 6 digits). */
const numbered = (prefix: string, n: SQL) =>
  sql`${prefix}::text || lpad(${n}::text, greatest(6, length(${n}::text)), '0')`;

/**
 * Inserts one event per row of `rows` (a select with a `data` jsonb column), in the caller's
 * transaction, when the organization has a subscriber for `type`. The condition does not
 * depend on the row, so Postgres checks it once and skips the select entirely when nobody
 * listens: a 100,000-invoice run costs one `exists` for an organization without webhooks.
 * created_at is the clock's, not the transaction's start: the events of one change keep the
 * order they were emitted in (the events pass hands them out by created_at).
 */
export async function emitRows(db: Db, p: { orgId: string; type: EventType; rows: SQL }) {
  const inserted = await db.execute<{ n: number }>(sql`
    with ins as (${eventsInsert(p)} returning 1)
    select count(*)::int as n from ins`);
  return inserted[0]?.n ?? 0;
}

/**
 * emitRows' statement, for a pass that emits in the statement that makes its rows (a
 * data-modifying CTE reading the `returning` of its insert: no second look-up of the rows).
 */
export function eventsInsert(p: { orgId: string; type: EventType; rows: SQL }) {
  return sql`
    insert into events (organization_id, type, data, created_at)
    select ${p.orgId}::uuid, ${p.type}, q.data, clock_timestamp() from (${p.rows}) q
    where ${wantedSql(sql`${p.orgId}::uuid`, p.type)}`;
}

/**
 * Which rows a builder reads: the organization's rows of its table matched by `where`, or
 * `from`, rows a pass already holds under the builder's alias (`ins i`: an insert's
 * `returning *`; `isolation_batch b join subscriptions s on …`), all of the organization.
 */
type RowsOf = { where: SQL } | { from: SQL };
const source = (table: string, alias: string, orgId: string, p: RowsOf) =>
  'from' in p
    ? sql`from ${p.from}`
    : sql`from ${sql.raw(table)} ${sql.raw(alias)} where ${sql.raw(alias)}.organization_id = ${orgId} and ${p.where}`;

export type CustomerSource = 'lead' | 'import' | 'router_import';

/** customer.created for the organization's customers matched by `where` (on `c`). */
export function customerRows(p: { orgId: string; where: SQL; source: CustomerSource }) {
  return sql`
    select jsonb_build_object(
      'customerId', c.id, 'number', ${numbered('C-', sql`c.number`)}, 'name', c.name, 'phone', c.phone,
      'email', c.email, 'address', c.address, 'area', c.area, 'status', c.status, 'planId', c.plan_id,
      'resellerUserId', c.reseller_user_id, 'source', ${p.source}::text, 'createdAt', ${iso(sql`c.created_at`)}) as data
    from customers c where c.organization_id = ${p.orgId} and ${p.where}`;
}

/** invoice.created for the organization's invoices (alias `i`). */
export function invoiceCreatedRows(p: { orgId: string } & RowsOf) {
  return sql`
    select jsonb_build_object(
      'invoiceId', i.id, 'number', i.number, 'customerId', i.customer_id, 'subscriptionId', i.subscription_id,
      'period', ${day(sql`i.period`)}, 'issueDate', ${day(sql`i.issue_date`)}, 'dueDate', ${day(sql`i.due_date`)},
      'billingType', i.billing_type, 'subtotal', i.subtotal, 'tax', i.tax, 'total', i.total, 'status', i.status,
      'createdAt', ${iso(sql`i.created_at`)}) as data
    ${source('invoices', 'i', p.orgId, p)}`;
}

/** invoice.paid: the invoices matched by `where` (on `i`), paid in full by `paymentId`. */
export function invoicePaidRows(p: { orgId: string; where: SQL; paymentId: string }) {
  return sql`
    select jsonb_build_object(
      'invoiceId', i.id, 'number', i.number, 'customerId', i.customer_id, 'subscriptionId', i.subscription_id,
      'amount', i.total, 'paymentId', ${p.paymentId}::uuid, 'paidAt', ${iso(sql`coalesce(i.paid_at, now())`)}) as data
    from invoices i where i.organization_id = ${p.orgId} and i.status = 'paid' and ${p.where}`;
}

/**
 * subscription.* for the organization's subscriptions (alias `s`), after their status changed
 * from `previousStatus`; `reason` is the history row's (a code or staff's words).
 */
export function subscriptionRows(p: { orgId: string; previousStatus: string; reason: string | null } & RowsOf) {
  return sql`
    select jsonb_build_object(
      'subscriptionId', s.id, 'customerId', s.customer_id, 'serviceUsername', s.service_username,
      'planId', s.plan_id, 'status', s.status, 'previousStatus', ${p.previousStatus}::text,
      'reason', ${p.reason}::text, 'at', ${iso(sql`now()`)}) as data
    ${source('subscriptions', 's', p.orgId, p)}`;
}

/** ticket.created / ticket.resolved for one ticket. */
export function ticketRows(p: { orgId: string; ticketId: string }) {
  return sql`
    select jsonb_build_object(
      'ticketId', t.id, 'number', ${numbered('T-', sql`t.number`)}, 'kind', t.kind, 'subject', t.subject,
      'category', t.category, 'priority', t.priority, 'status', t.status, 'source', t.source,
      'customerId', t.customer_id, 'subscriptionId', t.subscription_id, 'outageId', t.outage_id,
      'createdAt', ${iso(sql`t.created_at`)},
      'resolvedAt', case when t.resolved_at is not null then ${iso(sql`t.resolved_at`)} end) as data
    from tickets t where t.organization_id = ${p.orgId} and t.id = ${p.ticketId}`;
}

/** router.offline for one router, just marked offline. */
export function routerOfflineRows(p: { orgId: string; routerId: string }) {
  return sql`
    select jsonb_build_object(
      'routerId', r.id, 'name', r.name, 'area', r.area, 'errorKind', r.last_error_kind,
      'lastSeenAt', case when r.last_seen_at is not null then ${iso(sql`r.last_seen_at`)} end,
      'offlineAt', ${iso(sql`coalesce(r.last_checked_at, now())`)}) as data
    from routers r where r.organization_id = ${p.orgId} and r.id = ${p.routerId}`;
}

/**
 * voucher.sold: one batch sold to a reseller (bought from their wallet, or handed to them by
 * the office). `amount` is what the reseller pays (count × the profile's reseller price).
 */
export function voucherSaleRows(p: { orgId: string; batchId: string }) {
  return sql`
    select jsonb_build_object(
      'batchId', b.id, 'voucherId', null, 'channel', 'reseller', 'resellerUserId', b.reseller_user_id,
      'profileId', b.profile_id, 'profileName', pr.name,
      'count', b.count, 'unitPrice', b.cost_rupiah, 'amount', b.cost_rupiah * b.count,
      'retailPrice', b.price_rupiah, 'soldAt', ${iso(sql`b.created_at`)}) as data
    from voucher_batches b join voucher_profiles pr on pr.id = b.profile_id
    where b.organization_id = ${p.orgId} and b.id = ${p.batchId} and b.reseller_user_id is not null`;
}

/**
 * voucher.sold: one office voucher sold at the hotspot, counted sold at its first login
 * (rows of `from`, alias `v`: vouchers just given their sale time). The buyer paid the
 * batch's retail price; the code itself is the buyer's login and is not sent.
 */
export function hotspotVoucherSaleRows(p: { orgId: string; from: SQL }) {
  return sql`
    select jsonb_build_object(
      'batchId', b.id, 'voucherId', v.id, 'channel', 'hotspot', 'resellerUserId', null,
      'profileId', v.profile_id, 'profileName', pr.name,
      'count', 1, 'unitPrice', b.price_rupiah, 'amount', b.price_rupiah,
      'retailPrice', b.price_rupiah, 'soldAt', ${iso(sql`v.sold_at`)}) as data
    from ${p.from}
    join voucher_batches b on b.id = v.batch_id and b.organization_id = ${p.orgId}
    join voucher_profiles pr on pr.id = v.profile_id and pr.organization_id = ${p.orgId}`;
}

/**
 * wallet.topped_up: a reseller's top-up request approved (by finance, or its gateway payment
 * settled) and `credited` rupiah put in the wallet, leaving `balanceAfter`.
 */
export function walletTopupRows(p: { orgId: string; requestId: string; credited: number; balanceAfter: number }) {
  return sql`
    select jsonb_build_object(
      'requestId', r.id, 'resellerUserId', r.reseller_user_id, 'channel', r.channel, 'amount', r.amount,
      'credited', ${p.credited}::bigint, 'balanceAfter', ${p.balanceAfter}::bigint,
      'approvedAt', ${iso(sql`coalesce(r.decided_at, now())`)}) as data
    from wallet_topup_requests r where r.organization_id = ${p.orgId} and r.id = ${p.requestId}`;
}

/**
 * Why a payment failed: a slip finance rejected, a gateway payment that expired or failed, one
 * the gateway refused to create, or one held for review that finance rejected.
 */
export type PaymentFailure = 'rejected' | 'expired' | 'failed' | 'refused' | 'review_rejected';

// payment.* carry one shape whichever record they come from: a counter payment (`payments`),
// or a gateway payment (`gateway_transactions`, whose payments row exists once it settles).
const paymentShape = (f: {
  paymentId: SQL;
  orderId: SQL;
  method: SQL;
  gateway: SQL;
  channel: SQL;
  alias: 'p' | 't';
  reason: PaymentFailure | null;
  note: string | null;
}) => sql`jsonb_build_object(
  'paymentId', ${f.paymentId}, 'orderId', ${f.orderId}, 'customerId', ${sql.raw(f.alias)}.customer_id,
  'invoiceId', ${sql.raw(f.alias)}.invoice_id, 'amount', ${sql.raw(f.alias)}.amount, 'method', ${f.method},
  'gateway', ${f.gateway}, 'channel', ${f.channel}, 'reference', ${sql.raw(f.alias)}.reference,
  'reason', ${f.reason}::text, 'note', ${f.note}::text, 'at', ${iso(sql`now()`)})`;

/** payment.* for one counter payment (cash or a transfer with its slip). */
export function counterPaymentRows(p: {
  orgId: string;
  paymentId: string;
  reason?: PaymentFailure;
  note?: string | null;
}) {
  const data = paymentShape({
    paymentId: sql`p.id`,
    orderId: sql`null::text`,
    method: sql`p.method`,
    gateway: sql`null::text`,
    channel: sql`null::text`,
    alias: 'p',
    reason: p.reason ?? null,
    note: p.note ?? null,
  });
  return sql`select ${data} as data from payments p where p.organization_id = ${p.orgId} and p.id = ${p.paymentId}`;
}

/**
 * payment.* for one gateway payment of an invoice (wallet top-ups are a reseller's money, not
 * a customer's payment, and emit nothing). `paymentId`: the payments row its settlement made.
 */
export function gatewayPaymentRows(p: {
  orgId: string;
  transactionId: string;
  paymentId?: string | null;
  reason?: PaymentFailure;
  note?: string | null;
}) {
  const data = paymentShape({
    paymentId: sql`coalesce(t.payment_id, ${p.paymentId ?? null}::uuid)`,
    orderId: sql`t.order_id`,
    method: sql`'gateway'::text`,
    gateway: sql`t.gateway`,
    channel: sql`t.method`,
    alias: 't',
    reason: p.reason ?? null,
    note: p.note ?? null,
  });
  return sql`select ${data} as data from gateway_transactions t
    where t.organization_id = ${p.orgId} and t.id = ${p.transactionId} and t.purpose = 'invoice'`;
}

/**
 * payment.refunded for one payment taken back (a refund at the gateway): the counter shape,
 * with the gateway's order, name and channel when a gateway payment made it, and `note` the
 * refund's.
 */
export function refundedPaymentRows(p: { orgId: string; paymentId: string; note: string | null }) {
  const data = paymentShape({
    paymentId: sql`p.id`,
    orderId: sql`t.order_id`,
    method: sql`p.method`,
    gateway: sql`t.gateway`,
    channel: sql`t.method`,
    alias: 'p',
    reason: null,
    note: p.note,
  });
  return sql`select ${data} as data from payments p
    left join gateway_transactions t on t.organization_id = p.organization_id and t.payment_id = p.id
    where p.organization_id = ${p.orgId} and p.id = ${p.paymentId}`;
}

/** `column` is one of `ids` (one parameter, whatever the count). */
export function idIn(column: SQL, ids: readonly string[]) {
  return sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}

/**
 * Which event a subscription's status change is: activated (first switch-on, from pending),
 * reconnected (back to active from isolated or suspended), isolated, suspended (paused on
 * request or by NOC), terminated.
 */
export function subscriptionEventType(from: string, to: string): EventType | null {
  if (to === 'active') return from === 'pending' ? 'subscription.activated' : 'subscription.reconnected';
  if (to === 'isolated') return 'subscription.isolated';
  if (to === 'suspended') return 'subscription.suspended';
  if (to === 'terminated') return 'subscription.terminated';
  return null;
}
