import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/**
 * The super admin's "no recent backup" card: the last good platform backup is more than a day
 * old (or there is none on an install older than a day). It leads to Cadangan.
 */
export async function BackupAlert({
  health,
  locale,
  timeZone,
}: {
  health: { stale: boolean; lastGoodAt: Date | null };
  locale: Locale;
  timeZone: string;
}) {
  if (!health.stale) return null;
  const t = await getTranslations('backups.dashboard');
  return (
    <div
      className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 sm:flex-row sm:items-center dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      data-testid="dashboard-backup-alert"
    >
      <TriangleAlert className="h-6 w-6 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-semibold">{t('title')}</p>
        <p className="text-sm">
          {health.lastGoodAt ? t('last', { at: formatDateTime(health.lastGoodAt, locale, timeZone) }) : t('never')}
        </p>
      </div>
      <Link href="/admin/backups" className={buttonClass('primary')}>
        {t('open')}
      </Link>
    </div>
  );
}
