'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { decideServiceRequestAction } from '@/app/_actions/requests';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import type { ServiceRequestKind } from '@/db/enums';
import type { Result } from '@/lib/server/operation';

/**
 * Approve or reject a pending request. Both ask first (approval changes the service,
 * rejection messages the customer); a rejection needs the reason, shown under the field.
 */
export function DecideForm({ id, kind }: { id: string; kind: ServiceRequestKind }) {
  const t = useTranslations('requests.detail');
  const tc = useTranslations('common');
  const router = useRouter();
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<'approve' | 'reject' | null>(null);
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const [done, setDone] = useState<'approve' | 'reject' | null>(null);
  const [pending, start] = useTransition();
  const decide = (decision: 'approve' | 'reject') =>
    start(async () => {
      const r = await decideServiceRequestAction({ id, decision, note });
      setResult(r);
      setAsking(null);
      if (r.ok) {
        setDone(decision);
        router.refresh();
      }
    });
  const noteError = result && !result.ok ? result.fieldErrors?.note : undefined;
  return (
    <div className="space-y-3" data-testid="decide-form">
      <div className="space-y-1">
        <label htmlFor="decision-note" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('noteLabel')}
        </label>
        <textarea
          id="decision-note"
          name="note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={Boolean(noteError)}
          className={`${inputClass} py-2`}
        />
        {noteError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {noteError}
          </p>
        ) : (
          <p className="text-xs text-slate-500">{t('noteHint')}</p>
        )}
      </div>
      {result && !result.ok && !noteError && <Alert>{result.message}</Alert>}
      {done && <Alert kind="success">{t(done === 'approve' ? 'approvedDone' : 'rejectedDone')}</Alert>}
      {asking ? (
        <div
          role="alertdialog"
          aria-labelledby="decide-title"
          className="space-y-3 rounded-lg border border-slate-300 p-3 dark:border-slate-700"
        >
          <p id="decide-title" className="font-medium">
            {asking === 'approve' ? t('approveTitle') : t('rejectTitle')}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {asking === 'approve' ? t(`approveBody.${kind}`) : t('rejectBody')}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant={asking === 'approve' ? 'primary' : 'danger'}
              disabled={pending}
              onClick={() => decide(asking)}
              data-testid="decide-confirm"
            >
              {asking === 'approve' ? t('approve') : t('reject')}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setAsking(null)}>
              {tc('cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setAsking('approve')} data-testid="approve-request">
            {t('approve')}
          </Button>
          <Button variant="danger" onClick={() => setAsking('reject')} data-testid="reject-request">
            {t('reject')}
          </Button>
        </div>
      )}
    </div>
  );
}
