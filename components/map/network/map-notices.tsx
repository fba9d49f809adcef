'use client';
import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

function Pill({
  tone,
  children,
  onDismiss,
}: {
  tone: 'info' | 'warn' | 'error';
  children: ReactNode;
  onDismiss?: () => void;
}) {
  const t = useTranslations('common');
  const style = {
    info: 'bg-white/95 text-slate-700 dark:bg-slate-900/95 dark:text-slate-200',
    warn: 'bg-amber-50/95 text-amber-900 dark:bg-amber-950/95 dark:text-amber-200',
    error: 'bg-red-50/95 text-red-800 dark:bg-red-950/95 dark:text-red-200',
  }[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start gap-2 rounded-lg px-3 py-2 text-sm shadow ${style}`}
    >
      <span className="min-w-0 flex-1">{children}</span>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t('close')}
          className="-my-2 -mr-2 grid h-10 w-10 shrink-0 place-items-center rounded-lg"
        >
          <X size={16} aria-hidden />
        </button>
      )}
    </div>
  );
}

/** Short messages over the map: loading, errors, what a tap does now, too much to show. */
export function MapNotices(p: {
  loading: boolean;
  error: string | null;
  truncated: boolean;
  clustered: boolean;
  empty: boolean;
  hint: string | null;
  notice: string | null;
  onDismiss: () => void;
}) {
  const t = useTranslations('map');
  return (
    <div className="pointer-events-auto space-y-2" data-testid="map-notices">
      {p.notice && (
        <Pill tone="error" onDismiss={p.onDismiss}>
          {p.notice}
        </Pill>
      )}
      {p.error && <Pill tone="error">{p.error}</Pill>}
      {p.hint && <Pill tone="info">{p.hint}</Pill>}
      {p.truncated && <Pill tone="warn">{t('truncated')}</Pill>}
      {p.clustered && <Pill tone="warn">{t('pendingNeedsZoom')}</Pill>}
      {p.empty && !p.hint && <Pill tone="info">{t('emptyView')}</Pill>}
      {p.loading && (
        <span
          className="inline-block rounded-full bg-white/90 px-2 py-0.5 text-xs text-slate-600 shadow dark:bg-slate-900/90 dark:text-slate-300"
          data-testid="map-loading"
        >
          {t('loading')}
        </span>
      )}
    </div>
  );
}
