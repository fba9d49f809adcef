import { auditActionLabel } from '@/lib/audit/labels';
import { formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { formatCustomerNumber, historyReasonKey } from './constants';

/**
 * The customer's history as sentences in the reader's language ("Demo operator mencatat
 * pembayaran Rp 150.000 (Tunai)."), from the two places it is stored: the subscription
 * status history and the audit rows about the customer, its subscriptions and its lead.
 * Pure, so the wording is tested without a database.
 */
export type StatusRow = {
  id: string;
  createdAt: Date | string;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  jobId: string | null;
};
export type AuditRow = {
  id: string | number;
  createdAt: Date | string;
  actorName: string | null;
  action: string;
  data: unknown;
};
export type TimelineEntry = { id: string; createdAt: Date; jobId: string | null; text: string };

type Data = Record<string, unknown>;

// Audit data keys of a customer or service change, and the words for them.
const FIELD_KEYS: Record<string, string> = {
  name: 'common.name',
  phone: 'customers.phone',
  email: 'customers.email',
  address: 'customers.address',
  area: 'customers.area',
  latitude: 'customers.map',
  longitude: 'customers.map',
  planId: 'customers.servicePlan',
  routerId: 'customers.serviceRouter',
  remoteAddress: 'customers.serviceRemoteAddress',
  localAddress: 'customers.serviceLocalAddress',
  callerId: 'customers.serviceCallerId',
  odpId: 'customers.odp',
  odpPort: 'customers.odp',
};
// Values worth quoting in the sentence; ids (plan, router, ODP) are not words.
const QUOTED = new Set(['name', 'phone', 'email', 'address', 'area', 'remoteAddress', 'localAddress', 'callerId']);

/** Both stores merged, newest first. The status-change audit row repeats the status history, so it is left out. */
export function customerTimeline(locale: Locale, history: StatusRow[], audit: AuditRow[]): TimelineEntry[] {
  const entries = [
    ...history.map((h) => ({
      id: h.id,
      createdAt: new Date(h.createdAt),
      jobId: h.jobId,
      text: statusSentence(locale, h),
    })),
    ...audit
      .filter((a) => a.action !== 'subscription.status_changed')
      .map((a) => ({
        id: `audit-${a.id}`,
        createdAt: new Date(a.createdAt),
        jobId: null,
        text: auditSentence(locale, a),
      })),
  ];
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export function statusSentence(locale: Locale, h: StatusRow): string {
  const tr = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
  const actor = h.actorName ?? tr('audit.system');
  const to = tr(`statuses.${h.toStatus}`);
  const base = h.fromStatus
    ? tr('customerHistory.status', { actor, from: tr(`statuses.${h.fromStatus}`), to })
    : tr('customerHistory.statusFirst', { actor, to });
  return withReason(locale, base, h.reason);
}

function withReason(locale: Locale, sentence: string, reason: unknown): string {
  if (typeof reason !== 'string' || !reason.trim()) return sentence;
  const key = historyReasonKey(reason);
  return `${sentence} ${translate(locale, 'customerHistory.reason', { reason: key ? translate(locale, key) : reason })}`;
}

export function auditSentence(locale: Locale, a: AuditRow): string {
  const tr = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
  const d: Data = a.data && typeof a.data === 'object' ? (a.data as Data) : {};
  const actor = a.actorName ?? tr('audit.system');
  const amount = typeof d.amount === 'number' ? formatIDR(d.amount) : '';
  switch (a.action) {
    case 'payment.recorded':
      return tr('customerHistory.paymentRecorded', { actor, amount, method: tr(`paymentMethods.${String(d.method)}`) });
    case 'payment.submitted':
      return tr('customerHistory.paymentSubmitted', { actor, amount });
    case 'payment.approved':
      return tr('customerHistory.paymentApproved', { actor, amount });
    case 'payment.rejected':
      return withReason(locale, tr('customerHistory.paymentRejected', { actor }), d.reason);
    case 'payment.refunded':
      return withReason(locale, tr('customerHistory.paymentRefunded', { actor, amount }), d.reason);
    case 'billing.charge_added':
      return tr('customerHistory.chargeAdded', { actor, amount, description: String(d.description ?? '') });
    case 'invoice.sent_whatsapp':
    case 'invoice.whatsapp_not_sent':
      // Older rows kept a cancelled message under the "sent" action with its error: not sent either.
      if (a.action === 'invoice.whatsapp_not_sent' || d.error)
        return tr('customerHistory.invoiceNotSent', {
          actor,
          number: String(d.number ?? ''),
          reason: tr(
            d.error === 'opted_out' ? 'customerHistory.notSentOptedOut' : 'customerHistory.notSentInvalidPhone',
          ),
        });
      return tr('customerHistory.invoiceSent', { actor, number: String(d.number ?? '') });
    case 'customer.updated':
    case 'subscription.service_changed':
      return tr(
        a.action === 'customer.updated' ? 'customerHistory.customerUpdated' : 'customerHistory.serviceChanged',
        {
          actor,
          changes: changeList(
            locale,
            a.action === 'customer.updated' ? d : ((d.after as Data) ?? {}),
            d.before as Data,
          ),
        },
      );
    case 'lead.created':
      return tr('customerHistory.leadCreated', { actor, name: String(d.name ?? '') });
    case 'lead.converted':
      return tr('customerHistory.leadConverted', {
        actor,
        number: typeof d.number === 'number' ? formatCustomerNumber(d.number) : '',
      });
    case 'lead.rejected':
      return withReason(locale, tr('customerHistory.leadRejected', { actor }), d.reason);
    default:
      // Anything else still reads as words: who did it and what, never the stored data.
      return tr('customerHistory.other', { actor, action: auditActionLabel(locale, a.action) });
  }
}

/**
 * "No. HP: 0812… → 0813…; Paket" — the fields a change touched. customer.updated stores
 * `{ field: { from, to } }`; a service change stores `before` and `after` maps.
 */
function changeList(locale: Locale, after: Data, before?: Data): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const [field, value] of Object.entries(after)) {
    const key = FIELD_KEYS[field];
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const label = translate(locale, key);
    const change = (value && typeof value === 'object' && 'to' in value ? value : null) as {
      from?: unknown;
      to?: unknown;
    } | null;
    const from = change ? change.from : before?.[field];
    const to = change ? change.to : value;
    parts.push(QUOTED.has(field) ? `${label}: ${shown(from)} → ${shown(to)}` : label);
  }
  return parts.join('; ') || translate(locale, 'customerHistory.noFields');
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
