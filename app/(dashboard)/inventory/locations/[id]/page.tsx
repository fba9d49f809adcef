import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LINK } from '@/components/inventory/catalogue-bits';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatIDR } from '@/lib/format';
import { getLocationOp } from '@/lib/inventory/catalogue-operations';
import { ActiveToggle } from '../../items/_components/active-toggle';
import { LocationForm } from '../location-form';

/** What a location holds: quantities per item and every serialized unit, each linking to its history. */
export default async function LocationPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('inventory.view');
  const { id } = await params;
  const t = await getTranslations('inventoryCatalogue');
  const { location, levels, units, moreUnits, shelves } = await read(getLocationOp, { locationId: id });
  const own = location.kind === 'warehouse' || location.kind === 'shelf';
  const manage = can(ctx.role, 'inventory.manage');
  const title =
    location.kind === 'faulty' || location.kind === 'written_off' ? t(`kinds.${location.kind}`) : location.name;
  const details = [t(`kinds.${location.kind}`), location.code, location.parentName, location.technician].filter(
    Boolean,
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={title}
        subtitle={details.join(' · ')}
        actions={
          <Link className={buttonClass('secondary')} href={`/inventory/labels?locations=${location.id}`}>
            {t('locations.labels')}
          </Link>
        }
      />
      {location.parentId && (
        <Link href={`/inventory/locations/${location.parentId}`} className={LINK}>
          {location.parentName}
        </Link>
      )}
      {!own && <Alert kind="warning">{t('locations.readOnly')}</Alert>}
      {shelves.length > 0 && (
        <Card>
          <h2 className="font-semibold">{t('locations.shelves')}</h2>
          <ul className="mt-1 flex flex-wrap gap-x-4">
            {shelves.map((s) => (
              <li key={s.id}>
                <Link href={`/inventory/locations/${s.id}`} className={LINK}>{`${s.code} · ${s.name}`}</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <section className="space-y-2">
        <h2 className="font-semibold">{t('locations.contents')}</h2>
        {levels.length === 0 ? (
          <EmptyState title={t('locations.empty')} />
        ) : (
          <StackedTable testId="location-levels" head={[t('fields.item'), t('fields.quantity'), t('fields.value')]}>
            {levels.map((l) => (
              <tr key={l.itemId} className={STACKED_ROW.page} data-testid="location-level">
                <StackedCell className="col-span-2">
                  <Link href={`/inventory/items/${l.itemId}`} className={LINK}>
                    {l.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{l.sku}</div>
                </StackedCell>
                <StackedCell label={t('fields.quantity')}>{`${l.quantity} ${t(`units.${l.unit}`)}`}</StackedCell>
                <StackedCell label={t('fields.value')}>{formatIDR(l.value)}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
      </section>
      {units.length > 0 && (
        <section className="space-y-2">
          <h2 className="font-semibold">{t('locations.units')}</h2>
          <ul
            className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
            data-testid="location-units"
          >
            {units.map((u) => (
              <li key={u.id} className="flex flex-wrap items-center justify-between gap-x-3 px-3">
                <Link href={`/inventory/units/${u.id}`} className={`${LINK} font-mono`}>
                  {u.serial}
                </Link>
                <span className="text-xs text-slate-500">{[u.itemName, u.mac].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
          {moreUnits && <p className="text-sm text-slate-500">{t('locations.moreUnits')}</p>}
        </section>
      )}
      {own && manage && (
        <Card>
          <details>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('locations.edit')}</summary>
            <div className="space-y-4 pt-3">
              <LocationForm warehouses={[]} location={location} />
              <ActiveToggle target={{ kind: 'location', id: location.id }} active={location.active} />
            </div>
          </details>
        </Card>
      )}
    </div>
  );
}
