import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { ratingPage } from '@/lib/tickets/public';
import { RatingForm } from './rating-form';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The rating link from the "your ticket is resolved" WhatsApp message: the customer taps
 * 1–5 and may add a word. The link's random token is the only authority; the page shows the
 * organization and the ticket number, nothing else.
 */
export default async function RatingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('tickets.ratePage');
  const d = await ratingPage(getDb(), token);
  return (
    <main className="mx-auto max-w-md space-y-4 p-4">
      {!d ? (
        <Card className="space-y-2 text-center">
          <h1 className="text-xl font-semibold" data-testid="rating-not-found">
            {t('goneTitle')}
          </h1>
          <p className="text-slate-600 dark:text-slate-400">{t('goneBody')}</p>
        </Card>
      ) : (
        <>
          <header>
            <p className="text-lg font-bold text-brand-700 dark:text-brand-500">{d.orgName}</p>
            <h1 className="text-xl font-semibold">{t('title', { number: d.number })}</h1>
          </header>
          {d.rating !== null ? (
            <Card>
              <p data-testid="rating-done">{t('thanks')}</p>
            </Card>
          ) : (
            <RatingForm token={token} />
          )}
        </>
      )}
    </main>
  );
}
