import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { moveDestinationsOp, unitHistoryOp } from '@/lib/inventory/move-operations';
import { poNumber } from '@/lib/inventory/purchase-orders';
import { formatWorkOrderNumber } from '@/lib/workorders/constants';
import { UnitActions } from './_components/unit-actions';

type Place = { id: string; name: string; kind: string } | null;
type Customer = { id: string; name: string } | null;

/** One unit's asset history (issue §5): where it is, and every move — who, when, on which work order. */
export default async function UnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { info, ctx, read } = await requirePage('inventory.view');
  const t = await getTranslations('inventoryMoves');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { unit, moves } = await read(unitHistoryOp, { unitId: id });
  const mover = can(ctx.role, 'inventory.move');
  const destinations = mover ? await read(moveDestinationsOp, {}) : [];

  const place = (p: Place, customer: Customer) => {
    if (!p) return <span className="text-slate-500">{t('unit.nowhere')}</span>;
    if (customer)
      return (
        <Link href={`/customers/${customer.id}`} className="text-brand-700 underline">
          {customer.name}
        </Link>
      );
    return (
      <span>
        {p.name} <span className="text-xs text-slate-500">({t(`kinds.${p.kind}`)})</span>
      </span>
    );
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('unit.title', { serial: unit.serial })}
        subtitle={unit.item.name}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/inventory/units" className={buttonClass('secondary')}>
              {t('unit.back')}
            </Link>
            <Link href={`/inventory/labels?units=${unit.id}`} className={buttonClass('secondary')}>
              {t('unit.printLabel')}
            </Link>
          </div>
        }
      />
      <Card>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="unit-summary">
          <dt className="text-slate-500">{t('unit.item')}</dt>
          <dd>
            {unit.item.name} <span className="font-mono text-xs text-slate-500">{unit.item.sku}</span>
          </dd>
          <dt className="text-slate-500">{t('unit.mac')}</dt>
          <dd className="break-all font-mono">{unit.mac ?? '—'}</dd>
          <dt className="text-slate-500">{t('unit.now')}</dt>
          <dd data-testid="unit-location">{place(unit.location, unit.customer?.id ? unit.customer : null)}</dd>
          <dt className="text-slate-500">{t('unit.received')}</dt>
          <dd>{formatDateTime(unit.receivedAt, locale, tz)}</dd>
          <dt className="text-slate-500">{t('unit.cost')}</dt>
          <dd>{formatIDR(unit.unitCost)}</dd>
        </dl>
      </Card>
      {mover && (
        <UnitActions
          unitId={unit.id}
          kind={unit.location.kind}
          destinations={destinations.map((d) => ({ id: d.id, label: `${d.name} · ${t(`kinds.${d.kind}`)}` }))}
        />
      )}
      <Card>
        <h2 className="mb-3 font-semibold">{t('unit.history')}</h2>
        {moves.length === 0 ? (
          <p className="text-sm text-slate-500">{t('unit.noHistory')}</p>
        ) : (
          <ol className="space-y-3" data-testid="unit-history">
            {moves.map((m) => (
              <li
                key={m.id}
                className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
                data-testid="history-entry"
                data-kind={m.kind}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">{t(`moveKinds.${m.kind}`)}</span>
                  <span className="text-xs text-slate-500">{formatDateTime(m.at, locale, tz)}</span>
                </div>
                <div className="mt-1 break-words">
                  {!m.from?.id && m.purchaseOrder?.id ? (
                    <Link
                      href={`/inventory/purchase-orders/${m.purchaseOrder.id}`}
                      className="text-brand-700 underline"
                    >
                      {poNumber(m.purchaseOrder.number)}
                    </Link>
                  ) : (
                    place(m.from, m.fromCustomer?.id ? m.fromCustomer : null)
                  )}{' '}
                  → {place(m.to, m.toCustomer?.id ? m.toCustomer : null)}
                </div>
                <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
                  <span>{t('unit.by', { name: m.actor ?? t('unit.system') })}</span>
                  {m.workOrder?.id ? (
                    <Link href={`/work-orders/${m.workOrder.id}`} className="text-brand-700 underline">
                      {t('unit.workOrder', { number: formatWorkOrderNumber(m.workOrder.number) })}
                    </Link>
                  ) : null}
                  {m.reason ? <span>{t('unit.reason', { reason: m.reason })}</span> : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
