import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { lowStockOp } from '@/lib/inventory/count-operations';

/** Items under their minimum stock (what the warehouse dashboard's number and the WhatsApp alert lead to). */
export default async function LowStockPage() {
  const { info, read } = await requirePage('inventory.view');
  const t = await getTranslations('inventoryCounts');
  const locale = toLocale(await getLocale());
  const items = await read(lowStockOp, {});
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('lowStock.title')}
        subtitle={t('lowStock.subtitle')}
        actions={
          items.length > 0 && (
            <a href="/api/inventory/low-stock/export" className={buttonClass('secondary')} data-testid="low-stock-csv">
              {t('export.csv')}
            </a>
          )
        }
      />
      {items.length === 0 ? (
        <EmptyState
          title={t('lowStock.empty')}
          hint={t('lowStock.emptyHint')}
          action={
            <Link href="/inventory/items" className={buttonClass('secondary')}>
              {t('lowStock.toItems')}
            </Link>
          }
        />
      ) : (
        <StackedTable
          testId="low-stock-table"
          head={[
            t('lowStock.item'),
            t('lowStock.onHand'),
            t('lowStock.minStock'),
            t('lowStock.shortage'),
            t('lowStock.alerted'),
          ]}
        >
          {items.map((i) => (
            <tr key={i.id} className={STACKED_ROW.page} data-testid="low-stock-row">
              <StackedCell className="col-span-2">
                <Link
                  href={`/inventory/items/${i.id}`}
                  className="inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500"
                >
                  {i.name}
                </Link>
                <div className="text-xs text-slate-500">{i.sku}</div>
              </StackedCell>
              <StackedCell label={t('lowStock.onHand')}>
                {i.onHand} {t(`units.${i.unit}`)}
              </StackedCell>
              <StackedCell label={t('lowStock.minStock')}>{i.minStock}</StackedCell>
              <StackedCell label={t('lowStock.shortage')}>
                <span className="font-semibold text-red-700 dark:text-red-400">{i.shortage}</span>
              </StackedCell>
              <StackedCell label={t('lowStock.alerted')} className="text-xs">
                {i.alertedAt ? formatDateTime(i.alertedAt, locale, info.org!.timezone) : t('lowStock.notYet')}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
    </div>
  );
}
