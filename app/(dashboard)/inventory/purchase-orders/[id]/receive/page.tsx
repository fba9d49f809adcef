import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { getPurchaseOrderOp, purchaseChoicesOp } from '@/lib/inventory/purchase-operations';
import { poNumber } from '@/lib/inventory/purchase-orders';
import { ReceiveForm } from './receive-form';

/** Receiving a purchase order, made for a phone at the warehouse door. */
export default async function ReceivePage({ params }: { params: Promise<{ id: string }> }) {
  const { read } = await requirePage('inventory.manage');
  const { id } = await params;
  const t = await getTranslations('inventoryCatalogue');
  const { order, lines } = await read(getPurchaseOrderOp, { purchaseOrderId: id });
  const { stores } = await read(purchaseChoicesOp, {});
  const open = order.status === 'ordered' || order.status === 'partial';
  return (
    <div className="space-y-4">
      <PageHeader title={t('receive.title', { number: poNumber(order.number) })} subtitle={t('receive.subtitle')} />
      {open ? (
        <ReceiveForm
          purchaseOrderId={order.id}
          locationId={order.locationId}
          stores={stores.map((s) => ({ id: s.id, label: `${s.code} · ${s.name}` }))}
          lines={lines.map((l) => ({
            id: l.id,
            name: l.name,
            sku: l.sku,
            unit: l.unit,
            tracking: l.tracking,
            hasMac: l.hasMac,
            remaining: l.quantity - l.receivedQuantity,
            unitCost: l.unitCost,
          }))}
        />
      ) : (
        <EmptyState title={t('receive.nothingOpen')} />
      )}
    </div>
  );
}
