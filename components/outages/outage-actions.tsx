'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  confirmOutageAction,
  creditOutageAction,
  dismissOutageAction,
  resolveOutageAction,
} from '@/app/_actions/outages';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { OutageStatus } from '@/db/enums';
import { formatIDR } from '@/lib/format';
import type { Result } from '@/lib/server/operation';

/** What NOC (and finance, for the credit) can do with an outage now; each asks first. */
export function OutageActions({
  outageId,
  status,
  customers,
  credited,
  canManage,
  canCredit,
  creditPreview,
}: {
  outageId: string;
  status: OutageStatus;
  customers: number;
  credited: boolean;
  canManage: boolean;
  canCredit: boolean;
  /** What the credit would give, computed by the server; null when it cannot be credited. */
  creditPreview: { count: number; total: number } | null;
}) {
  const t = useTranslations('outages');
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const run = async (action: (input: { outageId: string }) => Promise<Result<unknown>>, done: string) => {
    const r = await action({ outageId });
    setMessage(r.ok ? { kind: 'success', text: done } : { kind: 'error', text: r.message });
    if (r.ok) router.refresh();
  };
  return (
    <div className="space-y-2">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        {canManage && status === 'proposed' && (
          <>
            <ConfirmButton
              label={t('confirm')}
              variant="primary"
              message={t('confirmMessage', { count: customers })}
              onConfirm={() => run(confirmOutageAction, t('confirmed'))}
              testId="outage-confirm"
            />
            <ConfirmButton
              label={t('dismiss')}
              variant="secondary"
              message={t('dismissMessage')}
              onConfirm={() => run(dismissOutageAction, t('dismissed'))}
              testId="outage-dismiss"
            />
          </>
        )}
        {canManage && status === 'open' && (
          <ConfirmButton
            label={t('resolve')}
            variant="primary"
            message={t('resolveMessage', { count: customers })}
            onConfirm={() => run(resolveOutageAction, t('resolved'))}
            testId="outage-resolve"
          />
        )}
        {canCredit && status === 'resolved' && !credited && creditPreview && (
          <ConfirmButton
            label={t('credit.button')}
            variant="secondary"
            message={t('credit.message', {
              count: creditPreview.count,
              total: formatIDR(Math.abs(creditPreview.total)),
            })}
            onConfirm={() => run(creditOutageAction, t('credit.done'))}
            testId="outage-credit"
          />
        )}
      </div>
    </div>
  );
}
