'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { disableVouchersAction, retryVoucherDeliveryAction } from '@/app/_actions/vouchers';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** Retry a delivery that gave up; withdraw every unused voucher (lost or stolen stock). */
export function BatchActions({ batchId, failed, unused }: { batchId: string; failed: boolean; unused: number }) {
  const t = useTranslations('vouchers.batch');
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const retry = async () => {
    const r = await retryVoucherDeliveryAction({ batchId });
    setMessage(r.ok ? { ok: true, text: t('retried') } : { ok: false, text: r.message });
    router.refresh();
  };
  const disableAll = async () => {
    const r = await disableVouchersAction({ batchId });
    setMessage(r.ok ? { ok: true, text: t('disabledN', { count: r.data.disabled }) } : { ok: false, text: r.message });
    router.refresh();
  };
  return (
    <div className="space-y-2">
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        {failed && (
          <Button onClick={retry} data-testid="batch-retry">
            {t('retry')}
          </Button>
        )}
        {/* Secondary, not red: withdrawing stock is rare and must not outshine printing; the dialog still asks. */}
        {unused > 0 && (
          <ConfirmButton
            label={t('disableAll')}
            message={t('disableAllConfirm')}
            variant="secondary"
            onConfirm={disableAll}
            testId="batch-disable-all"
          />
        )}
      </div>
    </div>
  );
}
