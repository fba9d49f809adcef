'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { extendPrepaidAction } from '@/app/_actions/portal-self-service';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** Prepaid "extend now": confirms, gets the next period's invoice, and opens its payment page. */
export function InvoiceExtendButton({ slug, subscriptionId }: { slug: string; subscriptionId: string }) {
  const t = useTranslations('portalSupport.invoices');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={t('extend')}
        message={t('extendConfirm')}
        variant="primary"
        testId="portal-extend"
        onConfirm={async () => {
          const r = await extendPrepaidAction(slug, { subscriptionId });
          if (r.ok) window.location.assign(`/i/${r.data.token}`);
          else setError(r.message);
        }}
      />
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
