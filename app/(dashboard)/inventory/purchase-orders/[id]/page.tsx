import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LINK, PoStatusBadge } from '@/components/inventory/catalogue-bits';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getPurchaseOrderOp } from '@/lib/inventory/purchase-operations';
import { poNumber } from '@/lib/inventory/purchase-orders';
import { PurchaseOrderActions } from './po-actions';

export default async function PurchaseOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('inventory.manage');
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations('inventoryCatalogue');
  const locale = toLocale(await getLocale());
  const { order, lines, total } = await read(getPurchaseOrderOp, { purchaseOrderId: id });
  const open = order.status === 'ordered' || order.status === 'partial';
  return (
    <div className="space-y-4">
      <PageHeader
        title={poNumber(order.number)}
        subtitle={order.supplier}
        actions={
          open ? (
            <Link
              className={buttonClass()}
              href={`/inventory/purchase-orders/${order.id}/receive`}
              data-testid="po-receive"
            >
              {t('po.receive')}
            </Link>
          ) : undefined
        }
      />
      {sp.received && <Alert kind="success">{t('receive.done')}</Alert>}
      <Card className="space-y-3">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t('fields.status')}</dt>
            <dd>
              <PoStatusBadge status={order.status} label={t(`poStatuses.${order.status}`)} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.location')}</dt>
            <dd>
              {order.locationId ? (
                <Link href={`/inventory/locations/${order.locationId}`} className={LINK}>
                  {order.locationCode}
                </Link>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.orderedOn')}</dt>
            <dd>{order.orderedOn ? formatDate(order.orderedOn, locale) : '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('fields.expectedOn')}</dt>
            <dd>{order.expectedOn ? formatDate(order.expectedOn, locale) : '—'}</dd>
          </div>
        </dl>
        {order.notes && <p className="text-sm">{order.notes}</p>}
        <PurchaseOrderActions purchaseOrderId={order.id} status={order.status} />
      </Card>
      <section className="space-y-2">
        <h2 className="font-semibold">{t('po.lines')}</h2>
        <StackedTable
          testId="po-lines"
          head={[t('fields.item'), t('fields.quantity'), t('fields.received'), t('fields.unitCost'), t('fields.total')]}
        >
          {lines.map((l) => (
            <tr key={l.id} className={STACKED_ROW.page} data-testid="po-line">
              <StackedCell className="col-span-2">
                <Link href={`/inventory/items/${l.itemId}`} className={LINK}>
                  {l.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{l.sku}</div>
              </StackedCell>
              <StackedCell label={t('fields.quantity')}>{`${l.quantity} ${t(`units.${l.unit}`)}`}</StackedCell>
              <StackedCell label={t('fields.received')}>
                <span data-testid="po-line-received">
                  {t('po.progress', { received: l.receivedQuantity, ordered: l.quantity })}
                </span>
              </StackedCell>
              <StackedCell label={t('fields.unitCost')}>{formatIDR(l.unitCost)}</StackedCell>
              <StackedCell label={t('fields.total')}>{formatIDR(l.quantity * l.unitCost)}</StackedCell>
            </tr>
          ))}
        </StackedTable>
        <p className="text-right font-semibold">{`${t('fields.total')}: ${formatIDR(total)}`}</p>
      </section>
    </div>
  );
}
