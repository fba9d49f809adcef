'use client';
import { useTranslations } from 'next-intl';
import type { Coverage } from '@/lib/infrastructure/odps';

/** The coverage answer in words: which ODP and how far, or why the location is not covered. */
export function CoverageNote({ coverage }: { coverage: Coverage }) {
  const t = useTranslations('coverage');
  const text = coverage.ok
    ? t('ok', { code: coverage.code, distance: coverage.distanceM, free: coverage.freePorts })
    : coverage.reason === 'no_odp'
      ? t('no_odp')
      : coverage.reason === 'out_of_range'
        ? t('out_of_range', { code: coverage.code, distance: coverage.distanceM, radius: coverage.radiusM })
        : t('odp_full', { code: coverage.code, distance: coverage.distanceM, ports: coverage.totalPorts });
  return (
    <p
      data-testid="coverage"
      data-ok={coverage.ok}
      className={`rounded-lg border px-3 py-2 text-sm ${coverage.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' : 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200'}`}
    >
      {text}
    </p>
  );
}
