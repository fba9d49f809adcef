'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { portalCancelRequestAction } from '@/app/_actions/requests';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** The customer takes back a pending request, after confirming. */
export function RequestCancel({ slug, id }: { slug: string; id: string }) {
  const t = useTranslations('requests.portal');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={t('cancel')}
        message={`${t('cancelTitle')} ${t('cancelBody')}`}
        variant="secondary"
        testId="cancel-request"
        onConfirm={async () => {
          const r = await portalCancelRequestAction(slug, { id });
          if (r.ok) router.refresh();
          else setError(r.message);
        }}
      />
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
