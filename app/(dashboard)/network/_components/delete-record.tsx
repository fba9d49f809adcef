'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { deleteCableAction, deleteOdpAction, deleteSiteAction } from '@/app/_actions/infrastructure';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

const DELETE = {
  odp: (id: string) => deleteOdpAction({ odpId: id }),
  site: (id: string) => deleteSiteAction({ siteId: id }),
  cable: (id: string) => deleteCableAction({ cableId: id }),
} as const;
const TAB = { odp: 'odp', site: 'sites', cable: 'cables' } as const;

/** Delete with a confirmation; a refusal (customers still on an ODP, ODPs on an ODC) is shown. */
export function DeleteRecord({ kind, id, code }: { kind: keyof typeof DELETE; id: string; code: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        label={t('network.delete')}
        message={t('network.deleteConfirm', { code })}
        testId="delete-record"
        onConfirm={async () => {
          setError(null);
          const r = await DELETE[kind](id);
          if (r.ok) router.push(`/network?tab=${TAB[kind]}`);
          else setError(r.message);
        }}
      />
    </div>
  );
}
