'use client';
import { Clock, MapPin, Navigation } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { dayIn, type FieldWorkOrderView, routeUrl, splitByDay } from '@/lib/field/view';
import { formatDate } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/** Today's visits first, then the coming days: one card each, big enough to tap with a glove on. */
export function WorkOrderList({
  workOrders,
  timeZone,
  onOpen,
}: {
  workOrders: FieldWorkOrderView[];
  timeZone: string;
  onOpen: (id: string) => void;
}) {
  const t = useTranslations('fieldApp');
  const { today, upcoming, unscheduled } = splitByDay(workOrders, dayIn(timeZone));
  return (
    <div className="space-y-4">
      <Section title={t('today')} empty={t('emptyToday')} list={today} onOpen={onOpen} testId="today" />
      <Section title={t('upcoming')} empty={t('emptyUpcoming')} list={upcoming} onOpen={onOpen} testId="upcoming" />
      {unscheduled.length > 0 && (
        <Section title={t('unscheduled')} empty="" list={unscheduled} onOpen={onOpen} testId="unscheduled" />
      )}
    </div>
  );
}

function Section(p: {
  title: string;
  empty: string;
  list: FieldWorkOrderView[];
  onOpen: (id: string) => void;
  testId: string;
}) {
  return (
    <section className="space-y-2" data-testid={`wo-${p.testId}`}>
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {p.title} <span className="font-normal">({p.list.length})</span>
      </h2>
      {p.list.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          {p.empty}
        </p>
      ) : (
        p.list.map((wo) => <Card key={wo.id} wo={wo} onOpen={p.onOpen} />)
      )}
    </section>
  );
}

function Card({ wo, onOpen }: { wo: FieldWorkOrderView; onOpen: (id: string) => void }) {
  const t = useTranslations('fieldApp');
  const locale = useLocale() as Locale;
  const route = routeUrl(wo);
  return (
    <article
      className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="wo-card"
    >
      <button type="button" onClick={() => onOpen(wo.id)} className="block w-full space-y-1 p-3 text-left">
        <div className="flex items-center justify-between gap-2">
          <span className="font-semibold">{wo.number}</span>
          <StatusPill status={wo.status} />
        </div>
        <p className="text-sm font-medium">
          {t(`types.${wo.type}`)} · {wo.customerName ?? '—'}
        </p>
        <p className="flex items-start gap-1 text-sm text-slate-600 dark:text-slate-300">
          <MapPin className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="break-words">{wo.address || '—'}</span>
        </p>
        <p className="flex items-center gap-1 text-sm text-slate-600 dark:text-slate-300">
          <Clock className="size-4 shrink-0" aria-hidden />
          {formatDate(wo.scheduledDate, locale)}
          {wo.windowStart ? ` · ${wo.windowStart}–${wo.windowEnd ?? ''}` : ''}
        </p>
      </button>
      {route && (
        <a
          href={route}
          target="_blank"
          rel="noreferrer"
          className="flex min-h-11 items-center justify-center gap-2 border-t border-slate-200 text-sm font-medium text-brand-700 dark:border-slate-800"
          data-testid="wo-route"
        >
          <Navigation className="size-4" aria-hidden />
          {t('route')}
        </a>
      )}
    </article>
  );
}

const PILL: Record<string, string> = {
  open: 'bg-slate-100 text-slate-800',
  scheduled: 'bg-sky-100 text-sky-900',
  on_the_way: 'bg-indigo-100 text-indigo-900',
  in_progress: 'bg-amber-100 text-amber-900',
  done: 'bg-emerald-100 text-emerald-900',
  cancelled: 'bg-red-100 text-red-900',
};

export function StatusPill({ status }: { status: string }) {
  const t = useTranslations('fieldApp.statuses');
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${PILL[status] ?? PILL.open}`}
      data-testid="wo-status"
    >
      {t(status)}
    </span>
  );
}
