import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import type { warehouseDashboard } from '@/lib/dashboard/warehouse';
import { formatIDR } from '@/lib/format';

type Warehouse = Awaited<ReturnType<typeof warehouseDashboard>>;

/** The warehouse's figures, each a link to the list behind it. */
export async function WarehouseTiles({ w }: { w: Warehouse }) {
  const t = await getTranslations('inventoryReports.dashboard');
  return (
    <>
      <StatTile label={t('stockValue')} value={formatIDR(w.stockValue)} href="/inventory" testId="stat-stock-value" />
      <StatTile
        label={t('lowStock')}
        value={w.lowStock}
        href="/inventory?view=low"
        tone={w.lowStock ? 'amber' : undefined}
        testId="stat-low-stock"
      />
      <StatTile
        label={t('unitsInBags')}
        value={w.unitsInBags}
        href="/inventory/units?kind=bag"
        testId="stat-units-in-bags"
      />
      <StatTile
        label={t('countsAwaiting')}
        value={w.countsAwaitingApproval}
        href="/inventory/counts?status=submitted"
        tone={w.countsAwaitingApproval ? 'amber' : undefined}
        testId="stat-counts-awaiting"
      />
      <StatTile
        label={t('purchaseOrdersExpected')}
        value={w.purchaseOrdersExpected}
        href="/inventory/purchase-orders?status=ordered"
        testId="stat-pos-expected"
      />
    </>
  );
}
