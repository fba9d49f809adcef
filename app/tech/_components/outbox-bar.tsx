'use client';
import { CloudOff, RefreshCw, TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Problem } from '@/lib/field/queue';
import type { FieldWorkOrderView } from '@/lib/field/view';

const KNOWN_REASONS = new Set([
  'reassigned',
  'cancelled',
  'finished',
  'not_found',
  'too_large',
  'forbidden',
  'server_error',
]);

/**
 * Always in sight: offline or not, how many steps wait to be sent ("3 menunggu dikirim"), and
 * every step the office refused, with the reason, until the technician has read it.
 */
export function OutboxBar(p: {
  online: boolean;
  pending: number;
  problems: Problem[];
  workOrders: FieldWorkOrderView[];
  signInAgain: boolean;
  fromCache: boolean;
  onDismiss: (key: string) => void;
  onRetryProblem: (key: string) => void;
  onRetry: () => void;
}) {
  const t = useTranslations('fieldApp.outbox');
  const numberOf = (id: string) => p.workOrders.find((w) => w.id === id)?.number ?? '';
  return (
    <div className="space-y-2">
      {(!p.online || p.fromCache) && (
        <p
          className="flex items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          data-testid="offline-banner"
        >
          <CloudOff className="size-4 shrink-0" aria-hidden />
          {p.online ? t('cached') : t('offline')}
        </p>
      )}
      {p.pending > 0 && (
        // Fixed at the bottom: appearing and going never moves the page under a finger (or a signature).
        <div className="fixed inset-x-3 bottom-3 z-30 mx-auto flex max-w-xl items-center justify-between gap-2 rounded-xl bg-sky-700 px-3 py-1 text-sm text-white shadow-lg">
          <span data-testid="queue-badge" className="font-medium">
            {t('pending', { count: p.pending })}
          </span>
          <button
            type="button"
            onClick={p.onRetry}
            className="inline-flex min-h-11 items-center gap-1 px-2 underline"
            data-testid="queue-retry"
          >
            <RefreshCw className="size-4" aria-hidden />
            {t('retry')}
          </button>
        </div>
      )}
      {p.signInAgain && (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('signInAgain')}{' '}
          <a href="/login?next=/tech" className="underline">
            {t('signIn')}
          </a>
        </p>
      )}
      {p.problems.map((problem) => (
        <div
          key={problem.key}
          data-testid="queue-problem"
          className="space-y-1 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <p className="flex items-start gap-2 font-medium">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t('refused', {
              step: t(`steps.${stepKey(problem.type)}`),
              number: problem.number ?? numberOf(problem.workOrderId),
            })}
          </p>
          <p>
            {KNOWN_REASONS.has(problem.reason) ? t(`reasons.${problem.reason}`) : problem.message || t('reasons.other')}
          </p>
          {problem.item ? (
            // Kept because the server kept failing: the step is still here to send, or to let go.
            <div className="flex gap-4">
              <button
                type="button"
                className="min-h-11 font-medium underline"
                data-testid="queue-problem-retry"
                onClick={() => p.onRetryProblem(problem.key)}
              >
                {t('sendAgain')}
              </button>
              <button
                type="button"
                className="min-h-11 underline"
                onClick={() => {
                  if (window.confirm(t('discardConfirm'))) p.onDismiss(problem.key);
                }}
              >
                {t('discard')}
              </button>
            </div>
          ) : (
            <button type="button" className="min-h-11 underline" onClick={() => p.onDismiss(problem.key)}>
              {t('dismiss')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

const STEPS = new Set([
  'on_the_way',
  'check_in',
  'check_out',
  'checklist',
  'note',
  'finish',
  'materials',
  'swap',
  'photo',
  'signature',
]);
const stepKey = (type: string) => (STEPS.has(type) ? type : 'other');
