import { CheckCircle2, ChevronRight, Circle } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { SetupChecklist as Checklist } from '@/lib/setup/checklist';
import { SetupToggle } from './setup-toggle';

/**
 * The first-run checklist on the dashboard: each step ticked from the organization's own
 * rows (lib/setup/checklist.ts) and linking to where it is done. Renders nothing once every
 * step is done or an admin hid it; the caller passes `setupChecklistOp`'s result.
 */
export async function SetupChecklist({ data }: { data: Checklist }) {
  if (!data.visible) return null;
  const t = await getTranslations('setupChecklist');
  return (
    <Card className="space-y-3">
      <section data-testid="setup-checklist" aria-labelledby="setup-checklist-title" className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 id="setup-checklist-title" className="font-semibold">
              {t('title')}
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="setup-progress">
              {t('progress', { done: data.done, total: data.total })}
            </p>
          </div>
          <SetupToggle dismissed={false} />
        </div>
        <div
          className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={data.total}
          aria-valuenow={data.done}
        >
          <div className="h-full bg-brand-600" style={{ width: `${Math.round((data.done / data.total) * 100)}%` }} />
        </div>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {data.steps.map((s) => (
            <li key={s.key} data-testid="setup-step" data-step={s.key} data-done={s.done}>
              <Link
                href={s.href}
                className="flex min-h-11 items-center gap-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/50"
              >
                {s.done ? (
                  <CheckCircle2 className="shrink-0 text-emerald-600" size={20} aria-label={t('done')} />
                ) : (
                  <Circle className="shrink-0 text-slate-400" size={20} aria-label={t('todo')} />
                )}
                <span className="min-w-0 flex-1">
                  <span className={`block text-sm font-medium ${s.done ? 'text-slate-500 line-through' : ''}`}>
                    {t(`steps.${s.key}.title`)}
                  </span>
                  {!s.done && <span className="block text-xs text-slate-500">{t(`steps.${s.key}.hint`)}</span>}
                </span>
                <ChevronRight className="shrink-0 text-slate-400" size={18} aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
