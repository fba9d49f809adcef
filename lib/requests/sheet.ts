import { formatCustomerNumber } from '@/lib/core/customer-number';
import { date, datetime, money, type Sheet, text } from '@/lib/exports/render';
import { formatDate } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import type { ServiceRequestRow } from './queries';

/** What a request asks, in one line (the list, the export, the customer's portal). */
export function requestSummary(
  locale: Locale,
  r: Pick<ServiceRequestRow, 'kind' | 'details'>,
  planNames: Record<string, string>,
): string {
  const d = r.details as Record<string, unknown>;
  switch (r.kind) {
    case 'plan_change':
      return translate(locale, 'requests.summary.plan_change', {
        from: planNames[String(d.fromPlanId)] ?? '—',
        to: planNames[String(d.planId)] ?? '—',
      });
    case 'pause':
      return translate(locale, 'requests.summary.pause', {
        days: Number(d.days),
        start: formatDate(String(d.startDate), locale),
      });
    case 'move':
      return translate(locale, 'requests.summary.move', { address: String(d.address) });
    case 'stop':
      return translate(locale, 'requests.summary.stop', {
        date: formatDate(String(d.endDate), locale),
        reason: String(d.reason),
      });
  }
}

/** The staff list as a spreadsheet: who, what, status, when, and the quoted amount of a plan change. */
export function requestsSheet(locale: Locale, rows: ServiceRequestRow[], planNames: Record<string, string>): Sheet {
  const h = (k: string) => translate(locale, `requests.columns.${k}`);
  return {
    headers: [
      'createdAt',
      'customerNumber',
      'customer',
      'phone',
      'service',
      'kind',
      'summary',
      'quote',
      'status',
      'effectiveOn',
      'decidedAt',
      'note',
    ].map(h),
    rows: rows.map((r) => [
      datetime(r.createdAt),
      text(formatCustomerNumber(r.customerNumber)),
      text(r.customerName),
      text(r.customerPhone),
      text(r.serviceUsername),
      text(translate(locale, `requests.kinds.${r.kind}`)),
      text(requestSummary(locale, r, planNames)),
      money(r.kind === 'plan_change' ? Number((r.details as { quote?: number }).quote ?? 0) : 0),
      text(translate(locale, `requests.statuses.${r.status}`)),
      date(r.effectiveOn),
      datetime(r.decidedAt),
      text(r.decisionNote),
    ]),
  };
}
