'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { searchElementsAction } from '@/app/_actions/outages';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { inputClass, SelectField } from '@/components/ui/field';
import type { OutageElementType } from '@/db/enums';
import { MarkDownButton } from './mark-down-button';

const TYPES: OutageElementType[] = ['odp', 'odc', 'olt', 'pop', 'cable', 'router', 'pon_port'];
type Found = { id: string; label: string; area: string | null; ports: number | null };

/** The outages page's "mark an element down": pick the kind, find it by code or name, mark it. */
export function ElementPicker() {
  const t = useTranslations('outages');
  const [type, setType] = useState<OutageElementType>('odp');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const search = () =>
    start(async () => {
      const r = await searchElementsAction({ type, q });
      if (r.ok) {
        setFound(r.data);
        setError(null);
      } else setError(r.message);
    });
  return (
    <div className="space-y-3" data-testid="element-picker">
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
        <SelectField
          label={t('elementType')}
          name="elementType"
          value={type}
          onChange={(e) => {
            setType(e.target.value as OutageElementType);
            setFound(null);
          }}
          options={TYPES.map((k) => ({ value: k, label: t(`elements.${k}`) }))}
        />
        <div className="space-y-1">
          <label htmlFor="element-q" className="block text-sm font-medium">
            {t('elementSearch')}
          </label>
          <input
            id="element-q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
            placeholder={t('elementSearchPlaceholder')}
            className={inputClass}
          />
        </div>
        <Button variant="secondary" onClick={search} disabled={pending} data-testid="element-search">
          {t('find')}
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
      {found && found.length === 0 && <p className="text-sm text-slate-500">{t('noElements')}</p>}
      {found && found.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {found.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="element-row">
              <div className="min-w-0">
                <div className="break-words font-medium">{e.label}</div>
                {e.area && <div className="text-xs text-slate-500">{e.area}</div>}
              </div>
              <MarkDownButton elementType={type} elementId={e.id} ports={e.ports ?? undefined} variant="secondary" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
