'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { runBackupNowAction } from '@/app/_actions/backups';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';

/** *Cadangkan sekarang*: queues a run (or finds the one under way); the page then follows it. */
export function RunNowButton({ active }: { active: boolean }) {
  const t = useTranslations('backups');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <Button
        disabled={pending || active}
        data-testid="backups-run-now"
        onClick={() =>
          start(async () => {
            const r = await runBackupNowAction({});
            setError(r.ok ? null : r.message);
            router.refresh();
          })
        }
      >
        {active || pending ? t('runNowBusy') : t('runNow')}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
