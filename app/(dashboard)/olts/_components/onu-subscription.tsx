'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { searchOnuSubscriptionsAction } from '@/app/_actions/olt-cli';
import { assignOnuSubscriptionAction } from '@/app/_actions/olts';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';

type Current = { id: string; customerId: string | null; customerName: string | null; serviceUsername: string | null };
type Choice = { subscriptionId: string; username: string; customerName: string; hasOnu: boolean };

/** Whose ONU this is: the customer's link, and (managers) give it to a subscription or take it away. */
export function OnuSubscription({
  onuId,
  current,
  manage,
}: {
  onuId: string;
  current: Current | null;
  manage: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Choice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const assign = async (subscriptionId: string | null) => {
    const r = await assignOnuSubscriptionAction({ onuId, subscriptionId });
    if (!r.ok) return setError(r.message);
    setFound(null);
    setQ('');
    router.refresh();
  };
  const search = async () => {
    const r = await searchOnuSubscriptionsAction({ q });
    if (r.ok) setFound(r.data);
    else setError(r.message);
  };
  return (
    <div className="space-y-2 text-sm" data-testid="onu-subscription">
      {error && <Alert>{error}</Alert>}
      {current ? (
        <div className="flex flex-wrap items-center gap-2">
          {current.customerId ? (
            <Link
              href={`/customers/${current.customerId}`}
              className="inline-flex min-h-11 min-w-0 items-center break-words underline"
            >
              {current.customerName} · {current.serviceUsername}
            </Link>
          ) : (
            <span>{current.serviceUsername}</span>
          )}
          {manage && (
            <ConfirmButton
              label={t('olts.unassign')}
              message={t('olts.unassignConfirm')}
              variant="secondary"
              onConfirm={() => assign(null)}
            />
          )}
        </div>
      ) : (
        <p className="text-slate-500">{t('olts.noCustomer')}</p>
      )}
      {manage && (
        <div className="space-y-2">
          <div className="flex gap-2">
            <input
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void search();
                }
              }}
              maxLength={100}
              placeholder={t('olts.assignPlaceholder')}
              aria-label={t('olts.assignPlaceholder')}
              className={`${inputClass} min-w-0 flex-1`}
            />
            <Button variant="secondary" onClick={search} disabled={q.trim().length < 2}>
              {t('common.search')}
            </Button>
          </div>
          {found && found.length === 0 && <p className="text-slate-500">{t('olts.assignNone')}</p>}
          {found?.map((s) => (
            <button
              key={s.subscriptionId}
              type="button"
              onClick={() => assign(s.subscriptionId)}
              className="block min-h-11 w-full rounded-lg border border-slate-200 px-3 text-left hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {s.customerName} · {s.username}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
