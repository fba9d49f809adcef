import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { labelChoicesOp } from '@/lib/inventory/move-operations';
import { LabelPicker } from './_components/label-picker';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ids = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .filter((v) => UUID.test(v))
    .slice(0, 300);

/**
 * Choose the QR labels to print (items, warehouses / shelves / bags, and the units the units
 * list or a unit's page sent here) and the printer: the PDF comes from /api/inventory/labels.
 */
export default async function LabelsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryMoves');
  const choices = await read(labelChoicesOp, {});
  return (
    <div className="space-y-4">
      <PageHeader title={t('labels.title')} subtitle={t('labels.intro')} />
      <LabelPicker
        items={choices.items.map((i) => ({ id: i.id, label: i.name, code: i.sku }))}
        locations={choices.locations.map((l) => ({
          id: l.id,
          label: `${l.name} · ${t(`kinds.${l.kind}`)}`,
          code: l.code,
        }))}
        unitIds={ids(sp.units)}
        preselectItems={ids(sp.items)}
        preselectLocations={ids(sp.locations)}
      />
    </div>
  );
}
