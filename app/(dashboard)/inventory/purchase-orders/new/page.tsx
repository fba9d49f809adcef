import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { purchaseChoicesOp } from '@/lib/inventory/purchase-operations';
import { PurchaseOrderForm } from './po-form';

export default async function NewPurchaseOrderPage() {
  const { read } = await requirePage('inventory.manage');
  const t = await getTranslations('inventoryCatalogue');
  const { suppliers, items, stores } = await read(purchaseChoicesOp, {});
  return (
    <div className="space-y-4">
      <PageHeader title={t('po.new')} subtitle={t('po.subtitle')} />
      {suppliers.length === 0 || items.length === 0 ? (
        <EmptyState
          title={t('po.needSetup')}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Link className={buttonClass('secondary')} href="/inventory/suppliers">
                {t('suppliers.new')}
              </Link>
              <Link className={buttonClass('secondary')} href="/inventory/items">
                {t('items.new')}
              </Link>
            </div>
          }
        />
      ) : (
        <PurchaseOrderForm
          suppliers={suppliers}
          items={items}
          stores={stores.map((s) => ({ id: s.id, label: `${s.code} · ${s.name}` }))}
        />
      )}
    </div>
  );
}
