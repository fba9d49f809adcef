import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { TimelineEntry } from '@/lib/customers/history-sentences';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/** What happened to the customer, newest first, one sentence each (never the stored JSON). */
export async function HistorySection(props: {
  entries: TimelineEntry[];
  locale: Locale;
  timeZone: string;
  canWatchJobs: boolean;
}) {
  const t = await getTranslations();
  return (
    <section id="history" className="scroll-mt-20">
      <h2 className="mb-2 font-semibold">{t('customerPage.sections.history')}</h2>
      <Card>
        {props.entries.length === 0 ? (
          <p className="text-sm text-slate-500">{t('customerPage.noHistory')}</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="status-history">
            {props.entries.map((e) => (
              <li key={e.id} className="py-2" data-testid="history-entry">
                <p className="break-words">{e.text}</p>
                <p className="text-xs text-slate-500">
                  {formatDateTime(e.createdAt, props.locale, props.timeZone)}
                  {e.jobId && props.canWatchJobs && (
                    <>
                      {' · '}
                      <Link href="/jobs" className="underline">
                        {t('customerPage.job')}
                      </Link>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </section>
  );
}
