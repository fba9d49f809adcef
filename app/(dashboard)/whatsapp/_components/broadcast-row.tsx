'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { setBroadcastStatusAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { broadcastProgress } from '@/lib/messaging/broadcasts';

type Progress = Awaited<ReturnType<typeof broadcastProgress>>;
const STATUS_COLOR = { sending: 'blue', paused: 'amber', done: 'green', cancelled: 'slate' } as const;

/** One broadcast: sent / failed / left with a bar, and pause, resume or cancel while it runs. */
export function BroadcastRow({
  progress: p,
  canControl,
  locale,
  timeZone,
}: {
  progress: Progress;
  canControl: boolean;
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations('messaging');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const b = p.broadcast;
  const c = (s: string) => p.counts[s] ?? 0;
  const sent = c('sent') + c('delivered') + c('read');
  const failed = c('failed');
  const skipped = c('cancelled');
  const pct = b.total > 0 ? Math.round(((sent + failed + skipped) / b.total) * 100) : 100;
  const act = async (action: 'pause' | 'resume' | 'cancel') => {
    const r = await setBroadcastStatusAction({ broadcastId: b.id, action });
    setError(r.ok ? null : r.message);
    if (r.ok) router.refresh();
  };
  return (
    <Card>
      <div className="space-y-2" data-testid="broadcast-row" data-broadcast-id={b.id}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h3 className="font-semibold">{b.title}</h3>
            <p className="text-xs text-slate-500">{formatDateTime(b.createdAt, locale, timeZone)}</p>
          </div>
          <span data-testid="broadcast-status">
            <Badge color={STATUS_COLOR[b.status]}>{t(`broadcastStatuses.${b.status}`)}</Badge>
          </span>
        </div>
        <div
          className="h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
          role="progressbar"
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="h-full bg-emerald-500" style={{ width: `${pct}%` }} />
        </div>
        <p className="text-sm" data-testid="broadcast-progress">
          {t('broadcasts.progress', { sent, failed, left: p.left, skipped, total: b.total })}
        </p>
        {error && <Alert>{error}</Alert>}
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/whatsapp/messages?broadcastId=${b.id}`}
            className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline dark:text-brand-500"
          >
            {t('broadcasts.viewMessages')}
          </Link>
          {canControl && b.status === 'sending' && (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => startTransition(() => act('pause'))}
              data-testid="pause-broadcast"
            >
              {t('broadcasts.pause')}
            </Button>
          )}
          {canControl && b.status === 'paused' && (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => startTransition(() => act('resume'))}
              data-testid="resume-broadcast"
            >
              {t('broadcasts.resume')}
            </Button>
          )}
          {canControl && (b.status === 'sending' || b.status === 'paused') && (
            <ConfirmButton
              label={t('broadcasts.cancel')}
              message={t('broadcasts.cancelConfirm', { left: p.left })}
              testId="cancel-broadcast"
              onConfirm={() => act('cancel')}
            />
          )}
        </div>
      </div>
    </Card>
  );
}
