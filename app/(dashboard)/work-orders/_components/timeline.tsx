import { getTranslations } from 'next-intl/server';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { WorkOrderDetail } from '@/lib/workorders/queries';

type Event = WorkOrderDetail['events'][number];

/** What happened on a work order, newest first, each line in words with who, when and where. */
export async function Timeline({ events, timeZone, locale }: { events: Event[]; timeZone: string; locale: Locale }) {
  const t = await getTranslations('workOrders');
  const text = (e: Event) => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    switch (e.kind) {
      case 'scheduled':
        return t('events.scheduled', {
          date: formatDate(String(d.date ?? ''), locale),
          window: String(d.window ?? ''),
        });
      case 'checklist':
        return t(d.done ? 'events.checklist' : 'events.checklistUndone', { label: String(d.label ?? '') });
      case 'signature':
        return t('events.signature', { name: String(d.signedName ?? '') });
      case 'cancelled':
        return t('events.cancelled', { reason: String(d.reason ?? '') });
      case 'created':
        return `${t('events.created')} (${t(`sources.${String(d.source ?? 'manual')}` as 'sources.manual')})`;
      case 'note':
        return `${t('events.note')}: ${String(d.text ?? '')}`;
      default:
        return t(`events.${e.kind}`);
    }
  };
  return (
    <ol className="space-y-3 text-sm" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
          <div className="break-words">{text(e)}</div>
          <div className="text-xs text-slate-500">
            {formatDateTime(e.happenedAt, locale, timeZone)}
            {e.userName ? ` · ${e.userName}` : ''}
            {e.latitude !== null && e.longitude !== null
              ? ` · ${e.latitude.toFixed(5)}, ${e.longitude.toFixed(5)}`
              : ''}
          </div>
        </li>
      ))}
    </ol>
  );
}
