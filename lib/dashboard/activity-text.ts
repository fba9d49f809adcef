import { auditActionLabel } from '@/lib/audit/labels';
import { formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import type { ActivityItem } from './activity';

/**
 * One line of the activity feed as a sentence: "Budi mengisolir pelanggan Siti". Actions
 * with a sentence of their own use it (a status change by its new status); any other reads
 * "Budi: <the action's label> · <subject>", never the code.
 */
export function activitySentence(
  locale: Locale,
  item: Pick<ActivityItem, 'action' | 'actorName' | 'subject' | 'amount' | 'to'>,
) {
  const actor = item.actorName ?? translate(locale, 'audit.system');
  const subject = item.subject ?? '';
  const params = { actor, subject, amount: item.amount === null ? '' : formatIDR(item.amount) };
  const keys = [
    item.action === 'subscription.status_changed' && item.to ? `dashboard.feed.subscription_status_${item.to}` : null,
    `dashboard.feed.${item.action.replace('.', '_')}`,
  ];
  for (const key of keys) {
    if (!key) continue;
    // A sentence that needs a subject or an amount this row does not have falls through.
    const raw = translate(locale, key);
    if (raw === key || (!subject && raw.includes('{subject}')) || (item.amount === null && raw.includes('{amount}')))
      continue;
    return translate(locale, key, params);
  }
  const label = auditActionLabel(locale, item.action);
  return subject ? `${actor}: ${label} · ${subject}` : `${actor}: ${label}`;
}
