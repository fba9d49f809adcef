import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '@/lib/customers/import';
import { ImportForm } from './import-form';

export default async function ImportPage() {
  await requirePage('customers.import');
  const t = await getTranslations('import');
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card>
        <p className="text-sm">
          <a
            href="/templates/import-pelanggan.csv"
            download
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
          >
            {t('template')}
          </a>
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {t('columns')}: <code className="text-xs">{IMPORT_COLUMNS.join(', ')}</code> (max{' '}
          {IMPORT_MAX_ROWS.toLocaleString('id-ID')})
        </p>
      </Card>
      <ImportForm />
    </div>
  );
}
