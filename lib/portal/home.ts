import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { SubscriptionStatus } from '@/db/enums';
import { invoiceLinkToken } from '@/lib/billing/links';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { fromOrganizationNas } from '@/lib/network/radius/accounting';
import type { DayUsage } from '@/lib/usage/attribute';
import { monthToDate } from '@/lib/usage/month';
import { usageByDay } from '@/lib/usage/usage';

export type PortalInvoice = {
  id: string;
  number: string;
  dueDate: string;
  /** What is left to pay, integer rupiah. */
  amountDue: number;
  overdue: boolean;
  /** The public invoice page's token: the pay button is `/i/<token>`. */
  token: string;
};

export type PortalSubscription = {
  id: string;
  status: SubscriptionStatus;
  serviceUsername: string;
  planName: string;
  downloadKbps: number;
  uploadKbps: number;
  priceRupiah: number;
  /** null: no router knows it yet (nothing to say); true/false from the router or RADIUS. */
  online: boolean | null;
  invoices: PortalInvoice[];
  /** Why an isolated subscription is isolated: its oldest overdue invoice. */
  isolatedBy: PortalInvoice | null;
  /** This month's traffic per day in the organization's zone (lib/usage). */
  usage: DayUsage[];
};

export type PortalHomeCustomer = {
  id: string;
  name: string;
  number: string;
  creditBalance: number;
  subscriptions: PortalSubscription[];
};

/**
 * What the portal's home shows, per customer under the visitor and per subscription: status,
 * online now (API-mode routers: the last sessions snapshot; RADIUS: an open accounting row of
 * `<username>@<slug>` from one of the organization's NAS, as the map decides it), plan and
 * price, and unpaid invoices with their pay link. Terminated subscriptions are left out.
 */
export async function portalHome(db: Db, p: { orgId: string; customerIds: string[] }): Promise<PortalHomeCustomer[]> {
  if (p.customerIds.length === 0) return [];
  const ids = sql.join(
    p.customerIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const subs = await db.execute<{
    customer_id: string;
    customer_name: string;
    customer_number: number;
    credit_balance: number;
    timezone: string | null;
    id: string | null;
    status: SubscriptionStatus;
    service_username: string;
    plan_name: string;
    download_kbps: number;
    upload_kbps: number;
    price_rupiah: number;
    online: boolean | null;
  }>(sql`
    select c.id as customer_id, c.name as customer_name, c.number as customer_number, c.credit_balance::float8 as credit_balance, o.timezone,
      s.id, s.status, s.service_username, pl.name as plan_name, pl.download_kbps, pl.upload_kbps, pl.price_rupiah::float8 as price_rupiah,
      case when r.id is null then null
           when r.mode = 'radius' then exists (
             select 1 from radacct a where a.username = s.service_username || '@' || o.slug and a.acctstoptime is null
               and ${fromOrganizationNas(p.orgId, sql`a.nasipaddress`)})
           when r.last_seen_at is null then null
           else exists (select 1 from router_sessions rs where rs.organization_id = ${p.orgId} and rs.subscription_id = s.id)
      end as online
    from customers c
    join organizations o on o.id = c.organization_id
    left join subscriptions s on s.customer_id = c.id and s.organization_id = ${p.orgId} and s.status <> 'terminated'
    left join plans pl on pl.id = s.plan_id and pl.organization_id = ${p.orgId}
    left join routers r on r.id = s.router_id and r.organization_id = ${p.orgId}
    where c.organization_id = ${p.orgId} and c.id in (${ids})
    order by c.created_at, c.id, s.created_at, s.id`);
  const invoices = await db.execute<{
    id: string;
    subscription_id: string;
    number: string;
    due_date: string;
    amount_due: number;
    overdue: boolean;
  }>(sql`
    select i.id, i.subscription_id, i.number, i.due_date::text as due_date, (i.total - i.paid_amount)::float8 as amount_due,
      i.due_date < (now() at time zone o.timezone)::date as overdue
    from invoices i join organizations o on o.id = i.organization_id
    where i.organization_id = ${p.orgId} and i.customer_id in (${ids}) and i.status in ('unpaid', 'partial')
    order by i.due_date, i.number`);

  const bySub = new Map<string, PortalInvoice[]>();
  for (const i of invoices) {
    const list = bySub.get(i.subscription_id) ?? [];
    list.push({
      id: i.id,
      number: i.number,
      dueDate: i.due_date,
      amountDue: Number(i.amount_due),
      overdue: i.overdue,
      token: invoiceLinkToken(i.id),
    });
    bySub.set(i.subscription_id, list);
  }
  const out = new Map<string, PortalHomeCustomer>();
  for (const r of subs) {
    const customer = out.get(r.customer_id) ?? {
      id: r.customer_id,
      name: r.customer_name,
      number: formatCustomerNumber(r.customer_number),
      creditBalance: Number(r.credit_balance),
      subscriptions: [],
    };
    out.set(r.customer_id, customer);
    if (!r.id) continue;
    const list = bySub.get(r.id) ?? [];
    customer.subscriptions.push({
      id: r.id,
      status: r.status,
      serviceUsername: r.service_username,
      planName: r.plan_name,
      downloadKbps: r.download_kbps,
      uploadKbps: r.upload_kbps,
      priceRupiah: Number(r.price_rupiah),
      online: r.online,
      invoices: list,
      isolatedBy: r.status === 'isolated' ? (list.find((i) => i.overdue) ?? list[0] ?? null) : null,
      usage: await usageByDay(db, {
        orgId: p.orgId,
        subscriptionId: r.id,
        ...monthToDate(new Date(), r.timezone ?? 'Asia/Jakarta'),
        timeZone: r.timezone ?? 'Asia/Jakarta',
      }),
    });
  }
  return [...out.values()];
}
