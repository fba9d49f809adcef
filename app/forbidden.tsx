import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <main className="mx-auto max-w-md space-y-3 p-8 text-center">
      <h1 className="text-xl font-semibold">{t('forbidden.title')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('forbidden.body')}</p>
      <Link href="/" className={buttonClass('secondary')}>
        {t('nav.dashboard')}
      </Link>
    </main>
  );
}
