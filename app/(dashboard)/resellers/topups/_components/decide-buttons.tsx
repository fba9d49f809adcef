'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { decideTopupAction } from '@/app/_actions/wallet';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';

/** Approve (credits the wallet at once, after a confirmation) or reject with a reason. */
export function DecideButtons({
  requestId,
  reseller,
  amount,
}: {
  requestId: string;
  reseller: string;
  amount: string;
}) {
  const t = useTranslations('wallet.staff');
  const common = useTranslations('common');
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'approve' | 'reject', reason?: string) => {
    setBusy(true);
    setError(null);
    const r = await decideTopupAction({ requestId, decision, reason });
    setBusy(false);
    if (!r.ok) {
      if (r.fieldErrors?.reason) return setReasonError(r.fieldErrors.reason);
      dialog.current?.close();
      return setError(r.message);
    }
    dialog.current?.close();
    router.refresh();
  };

  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <ConfirmButton
          label={t('approve')}
          variant="primary"
          testId="approve-topup"
          message={t('approveConfirm', { reseller, amount })}
          onConfirm={() => decide('approve')}
          disabled={busy}
        />
        <Button
          variant="secondary"
          onClick={() => dialog.current?.showModal()}
          disabled={busy}
          data-testid="reject-topup"
        >
          {t('reject')}
        </Button>
      </div>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,92vw)] rounded-xl p-0 backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            decide('reject', String(new FormData(e.currentTarget).get('reason') ?? ''));
          }}
        >
          <p>{t('rejectTitle', { reseller, amount })}</p>
          <TextField
            label={t('rejectReason')}
            name="reason"
            id={`reason-${requestId}`}
            required
            maxLength={500}
            error={reasonError}
          />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {common('cancel')}
            </Button>
            <Button type="submit" variant="danger" disabled={busy} data-testid="reject-topup-confirm">
              {t('reject')}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
