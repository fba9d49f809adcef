import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { moveDestinationsOp } from '@/lib/inventory/move-operations';
import { TransferForm } from './_components/transfer-form';

/** The warehouse's scan-and-move page (issue §4): a destination, serials scanned one after another, one confirm. */
export default async function TransferPage() {
  const { read } = await requirePage('inventory.move');
  const t = await getTranslations('inventoryMoves');
  const destinations = await read(moveDestinationsOp, {});
  return (
    <div className="space-y-4">
      <PageHeader title={t('transfer.title')} subtitle={t('transfer.intro')} />
      {destinations.length === 0 ? (
        <EmptyState
          title={t('transfer.noDestinations')}
          action={
            <Link href="/inventory/locations" className={buttonClass('primary')}>
              {t('transfer.addLocation')}
            </Link>
          }
        />
      ) : (
        <TransferForm
          destinations={destinations.map((d) => ({
            id: d.id,
            label: `${d.name} · ${t(`kinds.${d.kind}`)}`,
            kind: d.kind,
          }))}
        />
      )}
      <Card>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('transfer.moreActions')}</p>
        <Link href="/inventory/units" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
          {t('transfer.openUnits')}
        </Link>
      </Card>
    </div>
  );
}
