import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import { Badge, Card } from '@/components/ui/card';
import type { workOrdersDashboard } from '@/lib/dashboard/field';

type Work = Awaited<ReturnType<typeof workOrdersDashboard>>;

/**
 * The work-order list behind a figure, in the filters the list page reads: `technicianId`,
 * `from`/`to` (visit days, inclusive), `status`, `type`.
 */
export function workOrdersHref(filters: Record<string, string | null | undefined>) {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  return `/work-orders?${q.toString()}`;
}

/** The lists behind the figures, for a technician (`userId`) or the whole organization. */
export function workLinks(w: Work, userId: string | null) {
  const { today, tomorrow } = w.days;
  return {
    today: workOrdersHref({ technicianId: userId, from: today, to: today }),
    upcoming: workOrdersHref({ technicianId: userId, from: tomorrow }),
    done: workOrdersHref({ technicianId: userId, status: 'done' }),
    installations: workOrdersHref({ type: 'installation', from: today, to: today }),
  };
}

const STATUS_COLOR = {
  open: 'slate',
  scheduled: 'blue',
  on_the_way: 'amber',
  in_progress: 'amber',
  done: 'green',
  cancelled: 'red',
} as const;

/** A technician: their own day. The warehouse: today's installations to prepare equipment for. */
export async function WorkTiles({ w, userId }: { w: Work; userId: string | null }) {
  const t = await getTranslations('dashboard.work');
  const own = userId !== null;
  const links = workLinks(w, userId);
  return (
    <>
      {!own && (
        <StatTile
          label={t('installationsToday')}
          value={w.todayInstallations}
          hint={t('installationsHint')}
          href={links.installations}
          testId="stat-wo-installations"
        />
      )}
      <StatTile
        label={own ? t('myToday') : t('today')}
        value={w.today}
        href={links.today}
        tone={w.today ? 'amber' : undefined}
        testId="stat-wo-today"
      />
      <StatTile
        label={own ? t('myUpcoming') : t('upcoming')}
        value={w.upcoming}
        href={links.upcoming}
        testId="stat-wo-upcoming"
      />
      {own && (
        <StatTile
          label={t('doneWeek')}
          value={w.doneThisWeek}
          href={links.done}
          tone={w.doneThisWeek ? 'green' : undefined}
          testId="stat-wo-done"
        />
      )}
    </>
  );
}

/** Today's visits as cards (one tap each), or the next step when there are none. */
export async function WorkToday({ w, userId }: { w: Work; userId: string | null }) {
  const t = await getTranslations();
  const own = userId !== null;
  const links = workLinks(w, userId);
  const total = own ? w.today : w.todayInstallations;
  const all = own ? links.today : links.installations;
  return (
    <section className="space-y-3" data-testid="dashboard-work">
      <h2 className="pt-2 text-lg font-semibold">
        {own ? t('dashboard.work.listMine') : t('dashboard.work.listWarehouse')}
      </h2>
      {w.todayList.length === 0 ? (
        <Card>
          <p className="text-sm">{own ? t('dashboard.work.noneMine') : t('dashboard.work.noneWarehouse')}</p>
          <Link
            href={links.upcoming}
            className="mt-2 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 dark:text-brand-400"
          >
            {t('dashboard.work.seeUpcoming')}
          </Link>
        </Card>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2">
          {w.todayList.map((x) => (
            <li key={x.id}>
              <Link
                href={`/work-orders/${x.id}`}
                className="block min-h-11 min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-blue-400 dark:border-slate-800 dark:bg-slate-900"
                data-testid="dashboard-work-item"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {x.number} · {t(`workOrders.types.${x.type}`)}
                  </span>
                  <Badge color={STATUS_COLOR[x.status]}>{t(`workOrders.statuses.${x.status}`)}</Badge>
                </div>
                <p className="mt-1 truncate text-sm">{x.customerName ?? '—'}</p>
                <p className="truncate text-xs text-slate-500">
                  {[x.windowStart && x.windowEnd ? `${x.windowStart}–${x.windowEnd}` : null, x.odpCode, x.address]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {total > w.todayList.length && (
        <Link
          href={all}
          className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 dark:text-brand-400"
        >
          {t('dashboard.work.seeAll', { count: total })}
        </Link>
      )}
    </section>
  );
}
