import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices } from '@/db/schema';
import { OPEN_INVOICE_STATUSES } from '@/lib/billing/overdue';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatIDR, intlLocale } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { invoiceValues } from '@/lib/messaging/automatic';
import { customerRadiusSessions } from '@/lib/network/radius/accounting';
import type { Sender } from './senders';

/** The assistant's words (messages/*.json `assistant.*`) in the organization's language. */
export function say(locale: Locale, key: string, params: Record<string, string | number> = {}) {
  return translate(locale, `assistant.${key}`, params);
}

/** Several customers under one number: each part is headed by whose it is. */
function perCustomer(locale: Locale, senders: Sender[], part: (s: Sender) => string[]): string[] {
  const out: string[] = [];
  for (const s of senders) {
    const lines = part(s);
    if (lines.length === 0) continue;
    if (senders.length > 1)
      out.push(say(locale, 'customerHeader', { name: s.name, number: formatCustomerNumber(s.number) }));
    out.push(...lines);
  }
  return out;
}

async function openInvoices(db: Db, orgId: string, senders: Sender[]) {
  if (senders.length === 0) return [];
  return db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.organizationId, orgId),
        inArray(
          invoices.customerId,
          senders.map((s) => s.id),
        ),
        inArray(invoices.status, [...OPEN_INVOICE_STATUSES]),
      ),
    )
    .orderBy(asc(invoices.dueDate), asc(invoices.number));
}

/** `tagihan`: every unpaid invoice with its amount, due date and public pay link; `bayar`: the links. */
export async function billText(db: Db, p: { orgId: string; locale: Locale; senders: Sender[]; linksOnly: boolean }) {
  const open = await openInvoices(db, p.orgId, p.senders);
  if (open.length === 0) return say(p.locale, 'noBill');
  const body = perCustomer(p.locale, p.senders, (s) =>
    open
      .filter((i) => i.customerId === s.id)
      .map((i) => {
        const v = invoiceValues(i, p.locale);
        return say(p.locale, p.linksOnly ? 'payLine' : 'billLine', {
          period: String(v['invoice.period']),
          amount: String(v['invoice.outstanding']),
          due: String(v['invoice.due']),
          link: String(v['invoice.link']),
        });
      }),
  );
  return [say(p.locale, p.linksOnly ? 'payIntro' : 'billIntro'), ...body].join('\n');
}

/** `status`: each subscription's state (isolated: why, and what to do) and whether it is online now. */
export async function statusText(db: Db, p: { orgId: string; locale: Locale; senders: Sender[] }) {
  if (!p.senders.some((s) => s.subscriptions.length)) return say(p.locale, 'noService');
  const open = await openInvoices(db, p.orgId, p.senders);
  const online = new Map<string, boolean>();
  for (const s of p.senders.flatMap((x) => x.subscriptions))
    online.set(s.id, (await customerRadiusSessions(db, { orgId: p.orgId, subscriptionId: s.id, limit: 1 })).online);
  const body = perCustomer(p.locale, p.senders, (c) =>
    c.subscriptions.map((s) => {
      const unpaid = open.some((i) => i.subscriptionId === s.id);
      const state =
        say(p.locale, `state.${s.status}`) + (s.status === 'isolated' && unpaid ? say(p.locale, 'isolatedUnpaid') : '');
      const now = s.status === 'active' ? say(p.locale, online.get(s.id) ? 'onlineNow' : 'offlineNow') : '';
      return say(p.locale, 'statusLine', { plan: s.planName, username: s.serviceUsername, state, now });
    }),
  );
  return body.join('\n');
}

/** Plans are saved as Mbps x 1024 (routers count 1 M = 1024 k): 10240 kbps is 10 Mbps, as the plan list says. */
const mbps = (kbps: number, locale: Locale) =>
  new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(
    kbps % 1024 === 0 ? kbps / 1024 : kbps / 1000,
  );

/** `paket`: plan name, speed and monthly price of each subscription. */
export function planText(p: { locale: Locale; senders: Sender[] }) {
  if (!p.senders.some((s) => s.subscriptions.length)) return say(p.locale, 'noService');
  return perCustomer(p.locale, p.senders, (c) =>
    c.subscriptions.map((s) =>
      say(p.locale, 'planLine', {
        plan: s.planName,
        down: mbps(s.downloadKbps, p.locale),
        up: mbps(s.uploadKbps, p.locale),
        price: formatIDR(s.priceRupiah),
      }),
    ),
  ).join('\n');
}
