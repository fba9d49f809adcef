import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LINK } from '@/components/inventory/catalogue-bits';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatIDR } from '@/lib/format';
import { getItemOp } from '@/lib/inventory/catalogue-operations';
import { ActiveToggle } from '../_components/active-toggle';
import { ItemForm } from '../_components/item-form';

/** One item: its stock per location (bags with their technician) and its details. */
export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('inventory.view');
  const { id } = await params;
  const t = await getTranslations('inventoryCatalogue');
  const { item, stock } = await read(getItemOp, { itemId: id });
  const manage = can(ctx.role, 'inventory.manage');
  return (
    <div className="space-y-4">
      <PageHeader
        title={item.name}
        subtitle={`${item.sku} · ${t(`categories.${item.category}`)} · ${t(`tracking.${item.tracking}`)}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link className={buttonClass('secondary')} href={`/inventory/labels?items=${item.id}`}>
              {t('items.printLabel')}
            </Link>
            {manage && (
              <Link className={buttonClass('secondary')} href="/inventory/purchase-orders/new">
                {t('items.newPo')}
              </Link>
            )}
          </div>
        }
      />
      <Card>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t('fields.onHand')}</dt>
            <dd className="font-semibold" data-testid="item-on-hand">{`${item.onHand} ${t(`units.${item.unit}`)}`}</dd>
            {item.onHand < item.minStock && <Badge color="amber">{t('items.belowMinimum')}</Badge>}
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.minStock')}</dt>
            <dd>{item.minStock}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.averageCost')}</dt>
            <dd data-testid="item-average-cost">{formatIDR(item.averageCost)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.costPrice')}</dt>
            <dd>{formatIDR(item.costPrice)}</dd>
          </div>
        </dl>
      </Card>
      <section className="space-y-2">
        <h2 className="font-semibold">{t('items.stockTitle')}</h2>
        {stock.length === 0 ? (
          <EmptyState title={t('items.noStock')} />
        ) : (
          <StackedTable testId="item-stock" head={[t('fields.place'), t('fields.kind'), t('fields.quantity')]}>
            {stock.map((s) => (
              <tr key={s.locationId} className={STACKED_ROW.page} data-testid="item-stock-row">
                <StackedCell className="col-span-2">
                  <Link href={`/inventory/locations/${s.locationId}`} className={LINK}>
                    {s.kind === 'faulty' || s.kind === 'written_off' ? t(`kinds.${s.kind}`) : s.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{s.code}</div>
                </StackedCell>
                <StackedCell label={t('fields.kind')}>
                  {t(`kinds.${s.kind}`)}
                  {s.technician ? ` · ${s.technician}` : ''}
                </StackedCell>
                <StackedCell label={t('fields.quantity')}>{`${s.quantity} ${t(`units.${item.unit}`)}`}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
      </section>
      {manage && (
        <Card>
          <details>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('items.edit')}</summary>
            <div className="space-y-4 pt-3">
              <ItemForm item={item} />
              <ActiveToggle target={{ kind: 'item', id: item.id }} active={item.active} />
            </div>
          </details>
        </Card>
      )}
    </div>
  );
}
