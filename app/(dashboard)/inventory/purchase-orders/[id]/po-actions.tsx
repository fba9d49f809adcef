'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { cancelPurchaseOrderAction, orderPurchaseOrderAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';

/**
 * Mark a draft as ordered; cancel a draft or an order (asks first); close a partly received
 * order whose rest will not come (what arrived stays in stock).
 */
export function PurchaseOrderActions({ purchaseOrderId, status }: { purchaseOrderId: string; status: string }) {
  const t = useTranslations('inventoryCatalogue');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === 'draft' && (
        <Button
          disabled={pending}
          data-testid="po-order"
          onClick={() =>
            startTransition(async () => {
              const r = await orderPurchaseOrderAction({ purchaseOrderId });
              setError(r.ok ? null : r.message);
            })
          }
        >
          {t('po.order')}
        </Button>
      )}
      {(status === 'draft' || status === 'ordered' || status === 'partial') && (
        <ConfirmButton
          label={t(status === 'partial' ? 'po.closeRest' : 'po.cancel')}
          message={t(status === 'partial' ? 'po.closeRestConfirm' : 'po.cancelConfirm')}
          testId="po-cancel"
          onConfirm={async () => {
            const r = await cancelPurchaseOrderAction({ purchaseOrderId });
            setError(r.ok ? null : r.message);
          }}
        />
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
