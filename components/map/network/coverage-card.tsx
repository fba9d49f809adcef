'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { CoverageNote } from '@/components/coverage-note';
import { buttonClass } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { formatCoord, formatDistance } from './styles';
import type { CoverageAnswer, LatLngTuple } from './types';

/** The verdict in words and the ODPs a technician could connect this point to. */
export function CoverageCardBody({
  at,
  answer,
  error,
  canCreateLead,
}: {
  at: LatLngTuple;
  answer: CoverageAnswer | undefined;
  error: string | null;
  canCreateLead: boolean;
}) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <div className="space-y-3" data-testid="coverage-card">
      <p className="text-xs text-slate-500">
        {formatCoord(at[0])}, {formatCoord(at[1])}
      </p>
      {error !== null ? (
        <Alert>{error || t('map.loadFailed')}</Alert>
      ) : !answer ? (
        <p className="text-sm text-slate-500">{t('common.loading')}</p>
      ) : (
        <>
          <CoverageNote coverage={answer.verdict} />
          {answer.nearest.length > 0 ? (
            <div>
              <h3 className="mb-1 text-sm font-medium">{t('map.coverage.nearest', { radius: answer.radiusM })}</h3>
              <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="coverage-nearest">
                {answer.nearest.map((o) => (
                  <li key={o.id} className="flex items-center justify-between gap-2 py-1.5">
                    <span className="min-w-0">
                      <span className="font-medium">{o.code}</span> <span className="text-slate-500">{o.name}</span>
                    </span>
                    <span className="shrink-0 text-right">
                      {formatDistance(o.distanceM, locale)} · {t('map.coverage.free', { free: o.freePorts })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t('map.coverage.noneFree', { radius: answer.radiusM })}</p>
          )}
        </>
      )}
      {canCreateLead && (
        <Link
          href={`/leads/new?lat=${formatCoord(at[0])}&lng=${formatCoord(at[1])}`}
          className={buttonClass('secondary', 'w-full sm:w-auto')}
        >
          {t('map.coverage.newLead')}
        </Link>
      )}
    </div>
  );
}
