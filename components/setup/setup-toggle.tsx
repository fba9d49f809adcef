'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { dismissSetupAction } from '@/app/_actions/organizations';
import { Button } from '@/components/ui/button';

/** Hides the checklist (dashboard) or brings it back (settings hub); both audited. */
export function SetupToggle({ dismissed }: { dismissed: boolean }) {
  const t = useTranslations('setupChecklist');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant={dismissed ? 'secondary' : 'ghost'}
        disabled={pending}
        data-testid={dismissed ? 'setup-restore' : 'setup-dismiss'}
        onClick={() =>
          start(async () => {
            const r = await dismissSetupAction({ dismissed: !dismissed });
            if (r.ok) router.refresh();
            else setError(r.message);
          })
        }
      >
        {dismissed ? t('restore') : t('dismiss')}
      </Button>
      {error && <p className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
