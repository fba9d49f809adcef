'use client';
import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useId } from 'react';

/**
 * The card for whatever was tapped: a bottom sheet above the toolbar on phones (the map
 * stays visible above it), a panel on the right on wider screens.
 */
export function MapCard({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const t = useTranslations('common');
  const id = useId();
  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={id}
      data-testid="map-card"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      className="absolute inset-x-0 bottom-[3.75rem] z-[1100] max-h-[55%] overflow-y-auto rounded-t-2xl border-t border-slate-200 bg-white p-4 text-slate-900 shadow-2xl md:inset-x-auto md:top-3 md:right-14 md:bottom-auto md:max-h-[calc(100%-5rem)] md:w-96 md:rounded-xl md:border dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="mb-2 flex items-start justify-between gap-2">
        <h2 id={id} className="min-w-0 pt-2 font-semibold break-words">
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label={t('close')}
          data-testid="map-card-close"
          className="-mr-2 grid h-11 w-11 shrink-0 place-items-center rounded-lg hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          <X size={20} aria-hidden />
        </button>
      </div>
      {children}
    </section>
  );
}

/** Label/value rows; empty values show a dash so the layout does not jump. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words">{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
