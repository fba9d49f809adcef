'use client';
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { inputClass } from '@/components/ui/field';
import { getJson } from './fetch-json';
import type { SearchHit } from './types';

/** Customers, ODPs, sites and cables by name or code; picking one flies the map there. */
export function SearchBox({ onPick }: { onPick: (hit: SearchHit) => void }) {
  const t = useTranslations('map');
  const listId = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    queryKey: ['map-search', q],
    enabled: q.length >= 2,
    staleTime: 30_000,
    queryFn: ({ signal }) => getJson<{ items: SearchHit[] }>(`/api/map/search?${new URLSearchParams({ q })}`, signal),
  });
  const items = results.data?.items ?? [];
  // Only what answers the text on screen: not an older query's list while the new one is typed.
  const show = open && q.length >= 2 && q === text.trim();
  const current = show ? items[Math.min(active, items.length - 1)] : undefined;
  const pick = (hit: SearchHit) => {
    setOpen(false);
    setText(hit.label);
    onPick(hit);
  };
  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is too new (2023) for the phones in the field
    <div className="relative" role="search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t('search.label')}
      </label>
      <Search size={18} aria-hidden className="pointer-events-none absolute top-3.5 left-3 text-slate-400" />
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        value={text}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        aria-autocomplete="list"
        aria-controls={listId}
        aria-expanded={show}
        aria-activedescendant={current ? optionId(items.indexOf(current)) : undefined}
        data-testid="map-search"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // A tap on the map (or anywhere else) closes the list; taps on it keep the focus here.
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            setActive((i) =>
              items.length === 0 ? 0 : (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length,
            );
          }
          if (e.key === 'Enter' && current) pick(current);
          if (e.key === 'Escape') setOpen(false);
        }}
        className={`${inputClass} pl-10 shadow-md`}
      />
      {show && (
        <ul
          id={listId}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern (a listbox of options)
          role="listbox"
          aria-label={t('search.label')}
          onMouseDown={(e) => e.preventDefault()}
          className="absolute inset-x-0 top-full mt-1 max-h-72 overflow-y-auto rounded-lg border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {results.isError ? (
            <li role="alert" className="px-3 py-2 text-sm text-red-700">
              {results.error.message || t('loadFailed')}
            </li>
          ) : results.isPending ? (
            <li className="px-3 py-2 text-sm text-slate-500">{t('search.searching')}</li>
          ) : items.length === 0 ? (
            <li className="px-3 py-2 text-sm text-slate-500">{t('search.none')}</li>
          ) : (
            items.map((hit, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: the ARIA combobox pattern: focus stays in the input (aria-activedescendant), whose keys move and pick
              <li
                key={`${hit.kind}:${hit.id}`}
                id={optionId(i)}
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern (an option of the listbox)
                role="option"
                aria-selected={hit === current}
                onClick={() => pick(hit)}
                data-testid="map-search-result"
                className={`flex min-h-11 w-full cursor-pointer flex-col items-start justify-center px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${hit === current ? 'bg-slate-100 dark:bg-slate-800' : ''}`}
              >
                <span className="text-sm font-medium">
                  <span className="mr-1 rounded bg-slate-100 px-1 text-[11px] uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {t(`search.kinds.${hit.kind}`)}
                  </span>
                  {hit.label}
                </span>
                {hit.sublabel && <span className="text-xs text-slate-500">{hit.sublabel}</span>}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
