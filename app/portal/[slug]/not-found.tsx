import { getTranslations } from 'next-intl/server';

/** No portal here: an unknown address, a suspended ISP, or a portal the ISP switched off. */
export default async function PortalNotFound() {
  const t = await getTranslations('portal.notFound');
  return (
    <main className="mx-auto max-w-md space-y-2 px-4 py-16 text-center" data-testid="portal-not-found">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('hint')}</p>
    </main>
  );
}
