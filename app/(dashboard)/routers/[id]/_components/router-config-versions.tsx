'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';

export type VersionItem = {
  id: string;
  takenAt: string;
  lastSeenAt: string;
  size: string;
  lines: number;
  added: number | null;
  removed: number | null;
  routerosVersion: string | null;
  trigger: 'schedule' | 'manual';
  previousId: string | null;
};

const LINK = 'inline-flex min-h-11 items-center text-brand-700 underline dark:text-brand-500';

/** The versions, newest first: view, download, changes against the one before, or pick two to compare. */
export function ConfigVersionList({
  routerId,
  items,
  manage,
}: {
  routerId: string;
  items: VersionItem[];
  manage: boolean;
}) {
  const t = useTranslations('routerConfig.versions');
  const [picked, setPicked] = useState<string[]>([]);
  if (items.length === 0)
    return <EmptyState title={t('empty')} hint={manage ? t('emptyHintManage') : t('emptyHint')} />;
  const toggle = (id: string) =>
    // Two at most: a third tap replaces the older pick.
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const base = `/routers/${routerId}/config`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">{t('title')}</h3>
        {picked.length === 2 ? (
          <Link
            href={`${base}/compare?from=${picked[0]}&to=${picked[1]}`}
            className={buttonClass('secondary')}
            data-testid="router-config-compare"
          >
            {t('compare')}
          </Link>
        ) : (
          <span className="text-xs text-slate-500">{t('pickTwo')}</span>
        )}
      </div>
      <StackedTable
        variant="inset"
        testId="router-config-versions"
        head={[t('takenAt'), t('changes'), t('size'), t('routeros'), '']}
      >
        {items.map((v) => (
          <tr key={v.id} className={STACKED_ROW.inset} data-testid="router-config-version">
            <StackedCell className="col-span-2 md:col-span-1 md:whitespace-nowrap">
              <label className="flex min-h-11 items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  className="h-5 w-5 shrink-0"
                  checked={picked.includes(v.id)}
                  onChange={() => toggle(v.id)}
                  data-testid="router-config-pick"
                  aria-label={t('pickOne', { date: v.takenAt })}
                />
                <span>
                  <span className="block font-medium">{v.takenAt}</span>
                  <span className="block text-xs text-slate-500">
                    {t(`trigger.${v.trigger}`)} · {t('lastSeen', { date: v.lastSeenAt })}
                  </span>
                </span>
              </label>
            </StackedCell>
            <StackedCell label={t('changes')}>
              {v.added === null ? (
                <Badge>{t('first')}</Badge>
              ) : (
                <span className="font-mono text-xs">
                  <span className="text-emerald-700 dark:text-emerald-400">+{v.added}</span>{' '}
                  <span className="text-red-700 dark:text-red-400">−{v.removed ?? 0}</span>
                </span>
              )}
            </StackedCell>
            <StackedCell label={t('size')} className="md:whitespace-nowrap">
              {v.size} · {t('lines', { count: v.lines })}
            </StackedCell>
            <StackedCell label={t('routeros')}>{v.routerosVersion ?? '—'}</StackedCell>
            <StackedCell className="col-span-2 md:col-span-1">
              <span className="flex flex-wrap gap-x-4">
                <Link href={`${base}/${v.id}`} className={LINK} data-testid="router-config-view">
                  {t('view')}
                </Link>
                {v.previousId && (
                  <Link href={`${base}/compare?from=${v.previousId}&to=${v.id}`} className={LINK}>
                    {t('changesLink')}
                  </Link>
                )}
                <a href={`/api/routers/${routerId}/config/${v.id}`} className={LINK} download>
                  {t('download')}
                </a>
              </span>
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </div>
  );
}
