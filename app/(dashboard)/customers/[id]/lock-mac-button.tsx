'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { lockDeviceMacAction } from '@/app/_actions/inventory-field';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** "Kunci MAC": asks first, then sets the caller-id lock through the network settings (the router job runs). */
export function LockMacButton({ subscriptionId, mac }: { subscriptionId: string; mac: string }) {
  const t = useTranslations('inventoryField.equipment');
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        label={t('lock')}
        message={t('lockConfirm', { mac })}
        variant="secondary"
        testId="lock-mac"
        onConfirm={async () => {
          const r = await lockDeviceMacAction({ subscriptionId, mac });
          setMessage(r.ok ? t('lockDone') : r.message);
          // Also on a refusal: a swap may have changed the MAC shown here.
          router.refresh();
        }}
      />
      {message && (
        <p className="text-sm" role="status">
          {message}
        </p>
      )}
    </>
  );
}
