'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { recheckTransactionAction, refundTransactionAction, resolveReviewAction } from '@/app/_actions/payments';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';
import type { Result } from '@/lib/server/operation';

type Props = {
  transactionId: string;
  /** What accepting a payment held for review pays (what the gateway received). */
  amountText: string;
  refundText: string;
  gatewayLabel: string;
  can: { recheck: boolean; refund: boolean; review: boolean };
};

/** Finance's buttons for one transaction; the page shows only those the role may use. */
export function TransactionActions({ transactionId, amountText, refundText, gatewayLabel, can }: Props) {
  const t = useTranslations('payments');
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [checking, startCheck] = useTransition();
  if (!can.recheck && !can.refund && !can.review) return null;

  const show = <T,>(r: Result<T>, success: (data: T) => string, field?: string) => {
    if (r.ok) {
      setMessage({ kind: 'success', text: success(r.data) });
      router.refresh();
    } else setMessage({ kind: 'error', text: (field && r.fieldErrors?.[field]) || r.message });
  };
  const recheck = () =>
    startCheck(async () => {
      const r = await recheckTransactionAction({ transactionId });
      show(r, (d) =>
        t('recheckDone', { gatewayStatus: t(`gatewayStatuses.${d.gatewayStatus}`), status: t(`statuses.${d.status}`) }),
      );
    });

  return (
    <Card>
      <div data-testid="transaction-actions" className="space-y-3">
        {message && <Alert kind={message.kind}>{message.text}</Alert>}
        {can.recheck && (
          <Button variant="secondary" onClick={recheck} disabled={checking} data-testid="recheck">
            {checking ? '…' : t('recheck')}
          </Button>
        )}
        {can.review && (
          <div className="space-y-2">
            <input
              aria-label={t('reviewNote')}
              placeholder={t('reviewNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={200}
              className={inputClass}
              data-testid="review-note"
            />
            <div className="flex flex-wrap gap-2">
              <ConfirmButton
                variant="primary"
                label={t('accept')}
                message={t('acceptConfirm', { amount: amountText })}
                testId="review-accept"
                onConfirm={async () =>
                  show(
                    await resolveReviewAction({ transactionId, decision: 'accept', note }),
                    () => t('accepted'),
                    'note',
                  )
                }
              />
              <ConfirmButton
                label={t('reject')}
                message={t('rejectConfirm')}
                testId="review-reject"
                onConfirm={async () =>
                  show(
                    await resolveReviewAction({ transactionId, decision: 'reject', note }),
                    () => t('rejected'),
                    'note',
                  )
                }
              />
            </div>
          </div>
        )}
        {can.refund && (
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              aria-label={t('refundReason')}
              placeholder={t('refundReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              className={`${inputClass} sm:max-w-sm`}
              data-testid="refund-reason"
            />
            <ConfirmButton
              label={t('refund')}
              message={t('refundConfirm', { amount: refundText, gateway: gatewayLabel })}
              testId="refund"
              onConfirm={async () =>
                show(await refundTransactionAction({ transactionId, reason }), () => t('refundDone'), 'reason')
              }
            />
          </div>
        )}
      </div>
    </Card>
  );
}
