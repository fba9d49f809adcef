'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { approvePaymentAction, rejectPaymentAction } from '@/app/_actions/billing';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';
import { Table, Td } from '@/components/ui/table';
import { formatIDR } from '@/lib/format';

type Transfer = {
  id: string;
  amount: number;
  reference: string | null;
  customerName: string;
  receivedByName: string | null;
  createdAt: string;
};

/** Finance checks each slip, then approves (it pays the invoices) or rejects with a reason. */
export function PendingTransfers({ transfers }: { transfers: Transfer[] }) {
  const t = useTranslations();
  const router = useRouter();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const done = (r: { ok: boolean; message?: string }, ok: string) => {
    setMessage(r.ok ? { kind: 'success', text: ok } : { kind: 'error', text: r.message ?? '' });
    if (r.ok) router.refresh();
  };
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('billing.pendingTransfers')}</h2>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {transfers.length === 0 ? (
        <p className="text-sm text-slate-500">{t('billing.noPendingTransfers')}</p>
      ) : (
        <Table
          testId="pending-transfers"
          head={[t('billing.customer'), t('billing.amount'), t('billing.reference'), '']}
        >
          {transfers.map((p) => (
            <tr key={p.id}>
              <Td>
                <div>{p.customerName}</div>
                <div className="text-xs text-slate-500">{p.receivedByName ?? ''}</div>
              </Td>
              <Td className="whitespace-nowrap">{formatIDR(p.amount)}</Td>
              <Td>
                <div>{p.reference ?? '—'}</div>
                <a href={`/api/payments/${p.id}/proof`} target="_blank" rel="noreferrer" className="text-sm underline">
                  {t('billing.viewProof')}
                </a>
              </Td>
              <Td>
                <div className="flex flex-wrap items-center gap-2">
                  <ConfirmButton
                    variant="primary"
                    label={t('billing.approve')}
                    message={t('billing.approveConfirm', { amount: formatIDR(p.amount), name: p.customerName })}
                    onConfirm={async () => done(await approvePaymentAction({ paymentId: p.id }), t('billing.approved'))}
                  />
                  <input
                    aria-label={t('billing.rejectReason')}
                    placeholder={t('billing.rejectReason')}
                    className={`${inputClass} max-w-48`}
                    value={reasons[p.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [p.id]: e.target.value })}
                  />
                  <ConfirmButton
                    label={t('billing.reject')}
                    message={`${t('billing.reject')}: ${reasons[p.id] || '—'}?`}
                    onConfirm={async () => {
                      const r = await rejectPaymentAction({ paymentId: p.id, reason: reasons[p.id] ?? '' });
                      done(r.ok ? r : { ok: false, message: r.fieldErrors?.reason ?? r.message }, t('billing.reject'));
                    }}
                  />
                </div>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
