'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { setOptOutAction } from '@/app/_actions/messaging';
import { Card } from '@/components/ui/card';

/** Whether the customer gets WhatsApp messages (they may ask not to), and their messages in the log. */
export function WhatsAppCard({
  customerId,
  optOut,
  canManage,
}: {
  customerId: string;
  optOut: boolean;
  canManage: boolean;
}) {
  const t = useTranslations('messaging.customer');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Shown at once; put back if the server refuses.
  const [checked, setChecked] = useState(optOut);
  const [pending, startTransition] = useTransition();
  const toggle = (next: boolean) => {
    setChecked(next);
    startTransition(async () => {
      const r = await setOptOutAction({ customerId, optOut: next });
      setError(r.ok ? null : r.message);
      if (r.ok) router.refresh();
      else setChecked(!next);
    });
  };
  return (
    <Card className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{t('title')}</h2>
        <Link
          href={`/whatsapp/messages?customerId=${customerId}`}
          className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline dark:text-brand-500"
          data-testid="customer-messages"
        >
          {t('messages')}
        </Link>
      </div>
      {canManage ? (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={checked}
            disabled={pending}
            onChange={(e) => toggle(e.target.checked)}
            data-testid="whatsapp-opt-out"
          />
          {t('optOut')}
        </label>
      ) : (
        <p className="text-sm">{t(optOut ? 'optedOut' : 'receives')}</p>
      )}
      <p className="text-xs text-slate-500">{t('optOutHint')}</p>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </Card>
  );
}
