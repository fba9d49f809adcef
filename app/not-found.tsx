import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

/** Any unknown address, in the visitor's language, with a way back (not Next's English page). */
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto max-w-md space-y-3 p-8 text-center" data-testid="not-found">
      <p className="text-4xl font-bold text-slate-300 dark:text-slate-700">404</p>
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('body')}</p>
      <Link href="/" className={buttonClass('secondary')}>
        {t('home')}
      </Link>
    </main>
  );
}
