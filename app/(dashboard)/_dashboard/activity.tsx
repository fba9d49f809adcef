import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { ActivityItem } from '@/lib/dashboard/activity';
import { activitySentence } from '@/lib/dashboard/activity-text';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/** The latest changes as sentences ("Budi mengisolir pelanggan Siti"), each to its page. */
export async function ActivityFeed({
  items,
  locale,
  timeZone,
}: {
  items: ActivityItem[];
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations('dashboard');
  return (
    <Card>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="font-semibold">{t('recentActivity')}</h2>
        <Link href="/audit" className="inline-flex min-h-11 items-center text-sm underline">
          {t('openList')}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noActivity')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {items.map((e) => {
            const sentence = activitySentence(locale, e);
            return (
              <li key={e.id} className="flex flex-col py-2 sm:flex-row sm:justify-between sm:gap-3">
                {e.href ? (
                  <Link
                    href={e.href}
                    className="min-w-0 break-words underline-offset-2 hover:underline"
                    data-testid="activity-action"
                  >
                    {sentence}
                  </Link>
                ) : (
                  <span className="min-w-0 break-words" data-testid="activity-action">
                    {sentence}
                  </span>
                )}
                <span className="shrink-0 text-xs text-slate-500">{formatDateTime(e.createdAt, locale, timeZone)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
