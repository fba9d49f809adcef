'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { deliveryDetailAction, replayDeliveryAction } from '@/app/_actions/webhooks';
import { Button } from '@/components/ui/button';
import { Alert, Badge } from '@/components/ui/card';
import { DELIVERY_ERRORS } from '@/lib/webhooks/delivery-errors';

type Row = {
  id: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  at: string;
};
type Detail = { payload: unknown; responseBody: string | null };

const COLOR = { pending: 'amber', delivered: 'green', failed: 'red' } as const;

/** One delivery: type, state, attempts, last answer; opened, its body and answer, and "Kirim ulang". */
export function DeliveryRow({ delivery: d, canReplay }: { delivery: Row; canReplay: boolean }) {
  const t = useTranslations('webhooks');
  const router = useRouter();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const error = d.lastError && (DELIVERY_ERRORS as readonly string[]).includes(d.lastError) ? d.lastError : null;
  return (
    <li className="space-y-2 py-3" data-testid="webhook-delivery" data-status={d.status}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge color={COLOR[d.status]}>{t(`statuses.${d.status}`)}</Badge>
        <code className="break-all text-sm">{d.eventType}</code>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {d.at} · {t('attempts', { count: d.attempts })}
        {d.lastStatusCode !== null && ` · ${t('httpStatus', { code: d.lastStatusCode })}`}
      </p>
      {error && d.status !== 'delivered' && (
        <p className="text-sm text-red-700 dark:text-red-400">{t(`errors.${error}`)}</p>
      )}
      {note && <Alert kind={note.ok ? 'success' : 'error'}>{note.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() =>
            detail
              ? setDetail(null)
              : start(async () => {
                  const r = await deliveryDetailAction({ deliveryId: d.id });
                  if (r.ok) setDetail({ payload: r.data.payload, responseBody: r.data.responseBody });
                  else setNote({ ok: false, text: r.message });
                })
          }
        >
          {pending && !detail ? t('loading') : t('details')}
        </Button>
        {canReplay && d.status !== 'pending' && (
          <Button
            variant="secondary"
            disabled={pending}
            data-testid="webhook-replay"
            onClick={() =>
              start(async () => {
                const r = await replayDeliveryAction({ deliveryId: d.id });
                setNote(r.ok ? { ok: true, text: t('replayQueued') } : { ok: false, text: r.message });
                if (r.ok) router.refresh();
              })
            }
          >
            {t('replay')}
          </Button>
        )}
      </div>
      {detail && (
        <div className="space-y-2 text-sm">
          <p className="font-medium">{t('payload')}</p>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-100 p-3 text-xs dark:bg-slate-800">
            {JSON.stringify(detail.payload, null, 2)}
          </pre>
          <p className="font-medium">{t('response')}</p>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-slate-100 p-3 text-xs dark:bg-slate-800">
            {detail.responseBody || t('noResponse')}
          </pre>
        </div>
      )}
    </li>
  );
}
