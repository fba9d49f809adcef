'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { deleteOltAction } from '@/app/_actions/olts';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** Deleting an OLT asks first; with ONUs registered on it the answer says how many and what to do. */
export function DeleteOlt({ oltId, name }: { oltId: string; name: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        label={t('olts.delete')}
        message={t('olts.deleteConfirm', { name })}
        testId="olt-delete"
        onConfirm={async () => {
          const r = await deleteOltAction({ oltId });
          if (!r.ok) return setError(r.message);
          router.push('/olts');
          router.refresh();
        }}
      />
    </div>
  );
}
