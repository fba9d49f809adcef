'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { approveCountAction, rejectCountAction } from '@/app/_actions/inventory-counts';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** The approver's choice on a submitted count: post the adjustments, or send it back with a note. */
export function CountDecision({ countId }: { countId: string }) {
  const t = useTranslations('inventoryCounts.decision');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const reject = useActionForm(rejectCountAction, () => router.refresh());
  return (
    <Card className="space-y-4">
      <h2 className="font-semibold">{t('title')}</h2>
      <ConfirmButton
        variant="primary"
        label={t('approve')}
        message={t('approveConfirm')}
        testId="approve-count"
        onConfirm={async () => {
          const r = await approveCountAction({ countId });
          if (!r.ok) setError(r.message);
          else router.refresh();
        }}
      />
      {error && <Alert>{error}</Alert>}
      <form onSubmit={reject.onSubmit} className="space-y-2 border-t border-slate-100 pt-4 dark:border-slate-800">
        <input type="hidden" name="countId" value={countId} />
        <label htmlFor="reject-note" className="block text-sm font-medium">
          {t('rejectNote')}
        </label>
        <textarea id="reject-note" name="note" rows={3} className={`${inputClass} py-2`} required />
        <p className="text-xs text-slate-500">{t('rejectHint')}</p>
        {reject.fieldError('note') && (
          <p role="alert" className="text-sm text-red-600">
            {reject.fieldError('note')}
          </p>
        )}
        {reject.error && !reject.fieldError('note') && <Alert>{reject.error}</Alert>}
        <Button type="submit" variant="danger" disabled={reject.pending} data-testid="reject-count">
          {t('reject')}
        </Button>
      </form>
    </Card>
  );
}
