import { getTranslations } from 'next-intl/server';

/**
 * A public invoice link that no longer leads anywhere (an old or mistyped link from a
 * WhatsApp message). Customers have no login: tell them where a new link comes from.
 */
export default async function InvoiceNotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="mx-auto max-w-md space-y-3 p-8 text-center" data-testid="invoice-not-found">
      <h1 className="text-xl font-semibold">{t('invoiceTitle')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('invoiceBody')}</p>
    </main>
  );
}
