import { Check, CircleDashed, Loader2, MinusCircle, XCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ActivationStepStatus } from '@/db/enums';
import type { ActivationView } from '@/lib/fibre/activation/queries';

const ICONS: Record<ActivationStepStatus, typeof Check> = {
  pending: CircleDashed,
  running: Loader2,
  done: Check,
  failed: XCircle,
  skipped: MinusCircle,
};

const TONES: Record<ActivationStepStatus, string> = {
  pending: 'text-slate-400',
  running: 'text-brand-600 animate-spin',
  done: 'text-emerald-600',
  failed: 'text-red-600',
  skipped: 'text-slate-500',
};

/**
 * The activation's steps, each with its state and, when it failed or was skipped, what
 * happened: on the technician's phone (updating while it runs) and read-only on the office's
 * work order page.
 */
export function ActivationSteps({ activation }: { activation: ActivationView }) {
  const t = useTranslations('activation');
  return (
    <div className="space-y-2" data-testid="activation-steps">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-mono break-all">{t('statusLine', { serial: activation.serial })}</span>
        <span data-testid="activation-status" data-status={activation.status}>
          {t(`statuses.${activation.status}`)}
        </span>
      </div>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={activation.progress.total}
        aria-valuenow={activation.progress.done}
        aria-label={t('progress', activation.progress)}
      >
        <div
          className="h-full bg-emerald-500"
          style={{ width: `${(100 * activation.progress.done) / activation.progress.total}%` }}
        />
      </div>
      <ol className="divide-y divide-slate-100 dark:divide-slate-800">
        {activation.steps.map((s) => {
          const Icon = ICONS[s.status];
          return (
            <li
              key={s.step}
              className="flex min-h-11 items-start gap-3 py-2"
              data-testid={`activation-step-${s.step}`}
              data-status={s.status}
            >
              <Icon className={`mt-0.5 size-5 shrink-0 ${TONES[s.status]}`} aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium">{t(`steps.${s.step}`)}</p>
                <p className="text-xs text-slate-500">{t(`stepStatuses.${s.status}`)}</p>
                {s.message && (
                  <p
                    className={`break-words text-sm ${s.status === 'failed' ? 'text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-300'}`}
                    role={s.status === 'failed' ? 'alert' : undefined}
                    data-testid="activation-step-message"
                  >
                    {s.message}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
