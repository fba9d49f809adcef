import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { STOCK_IMPORT_TEMPLATE } from '@/lib/inventory/stock-import';
import { StockImportForm } from './import-form';

/** Existing stock onto the books from a CSV: a dry run first, then the import. */
export default async function StockImportPage() {
  await requirePage('inventory.manage');
  const t = await getTranslations('inventoryCatalogue');
  return (
    <div className="space-y-4">
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <StockImportForm template={STOCK_IMPORT_TEMPLATE} />
    </div>
  );
}
