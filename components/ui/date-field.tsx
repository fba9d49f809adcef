'use client';
import { X } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { formatMonth, intlLocale } from '@/lib/format';
import { type Locale, toLocale } from '@/lib/i18n/config';
import { inputClass } from './field';

type Parts = { y: string; m: string; d: string };

const pad = (n: number | string) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function split(value: string | undefined, mode: 'date' | 'month'): Parts {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value ?? '');
  if (!match) return { y: '', m: '', d: '' };
  return { y: match[1]!, m: String(Number(match[2])), d: mode === 'date' ? String(Number(match[3] ?? 1)) : '' };
}

function join(p: Parts, mode: 'date' | 'month'): string {
  if (!p.y || !p.m || (mode === 'date' && !p.d)) return '';
  const month = `${p.y}-${pad(p.m)}`;
  return mode === 'month' ? month : `${month}-${pad(Math.min(Number(p.d), daysIn(Number(p.y), Number(p.m))))}`;
}

/** Month names in the reader's language ("Des" / "Dec"), independent of the browser's. */
function monthNames(locale: Locale) {
  return Array.from({ length: 12 }, (_, i) => formatMonth(`2026-${pad(i + 1)}`, locale, { year: false }));
}

/**
 * A calendar date (or month) picked with day / month / year lists in the organization's
 * language, never the browser's own date picker (English on many phones, and unlike
 * across browsers). The form receives ISO in a hidden input: `YYYY-MM-DD` (or `YYYY-MM`),
 * empty until complete. A calendar date has no zone; code that turns it into a moment
 * does so in the organization's zone (`zonedDayStart` in lib/format.ts).
 */
export function DateField({
  label,
  name,
  value,
  defaultValue,
  onChange,
  mode = 'date',
  required = false,
  disabled = false,
  years,
  hint,
  error,
  testId,
}: {
  label: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (iso: string) => void;
  mode?: 'date' | 'month';
  required?: boolean;
  disabled?: boolean;
  /** The first and last year offered; by default ten years back to five ahead. */
  years?: [number, number];
  hint?: string;
  error?: string;
  testId?: string;
}) {
  const t = useTranslations('dateField');
  const locale = toLocale(useLocale());
  const id = useId();
  const [parts, setParts] = useState<Parts>(() => split(value ?? defaultValue, mode));
  const iso = join(parts, mode);
  // A controlled value changed from outside (a reset, another field): follow it.
  useEffect(() => {
    if (value !== undefined && value !== iso) setParts(split(value, mode));
  }, [value, iso, mode]);

  const now = new Date();
  const [fromYear, toYear] = years ?? [now.getFullYear() - 10, now.getFullYear() + 5];
  const yearList: number[] = [];
  for (let y = Math.min(fromYear, Number(parts.y) || fromYear); y <= Math.max(toYear, Number(parts.y) || 0); y++)
    yearList.push(y);
  const maxDay = parts.y && parts.m ? daysIn(Number(parts.y), Number(parts.m)) : 31;

  const set = (key: keyof Parts, v: string) => {
    // Picking one part of an empty field fills the rest with today, so one choice is a whole date.
    const base: Parts =
      !parts.y && !parts.m && !parts.d && v
        ? {
            y: String(now.getFullYear()),
            m: String(now.getMonth() + 1),
            d: mode === 'date' ? String(now.getDate()) : '',
          }
        : parts;
    const next = { ...base, [key]: v };
    // Day 31 then February: the day follows the month's length, so the list shows what is sent.
    if (next.y && next.m && next.d) next.d = String(Math.min(Number(next.d), daysIn(Number(next.y), Number(next.m))));
    setParts(next);
    onChange?.(join(next, mode));
  };
  const clear = () => {
    setParts({ y: '', m: '', d: '' });
    onChange?.('');
  };
  // Widths are set per list below; the field class's w-full would win over them and overflow a phone.
  // Narrow lists on a phone: less padding than a text input, so "2026" and "Des" are not cut.
  const select = `${inputClass.replace('w-full ', '').replace('px-3', 'pl-2')} pr-6`;
  const shown = iso
    ? new Intl.DateTimeFormat(intlLocale(locale), {
        ...(mode === 'date' ? { weekday: 'long', day: 'numeric' } : {}),
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${mode === 'month' ? `${iso}-01` : iso}T00:00:00Z`))
    : null;
  return (
    <fieldset className="min-w-0 space-y-1" data-testid={testId ? `${testId}-field` : undefined}>
      <legend className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">{label}</legend>
      <div className="flex gap-2">
        {mode === 'date' && (
          <select
            aria-label={`${label}: ${t('day')}`}
            value={parts.d}
            disabled={disabled}
            onChange={(e) => set('d', e.target.value)}
            className={`${select} w-20 shrink-0`}
            data-testid={testId ? `${testId}-day` : undefined}
          >
            {(!required || !parts.d) && <option value="">{t('dayShort')}</option>}
            {Array.from({ length: maxDay }, (_, i) => (
              <option key={i + 1} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
          </select>
        )}
        <select
          aria-label={`${label}: ${t('month')}`}
          value={parts.m}
          disabled={disabled}
          onChange={(e) => set('m', e.target.value)}
          className={`${select} min-w-0 flex-1`}
          data-testid={testId ? `${testId}-month` : undefined}
        >
          {(!required || !parts.m) && <option value="">{t('month')}</option>}
          {monthNames(locale).map((m, i) => (
            <option key={m} value={String(i + 1)}>
              {m}
            </option>
          ))}
        </select>
        <select
          aria-label={`${label}: ${t('year')}`}
          value={parts.y}
          disabled={disabled}
          onChange={(e) => set('y', e.target.value)}
          className={`${select} w-24 shrink-0`}
          data-testid={testId ? `${testId}-year` : undefined}
        >
          {(!required || !parts.y) && <option value="">{t('year')}</option>}
          {yearList.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
        {!required && iso && !disabled && (
          <button
            type="button"
            onClick={clear}
            aria-label={t('clear')}
            className="grid min-h-11 min-w-11 shrink-0 place-items-center rounded-lg text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <X size={18} aria-hidden />
          </button>
        )}
      </div>
      <input type="hidden" id={id} name={name} value={iso} data-testid={testId} />
      {shown && (
        <p className="text-xs text-slate-500" data-testid={testId ? `${testId}-text` : undefined}>
          {shown}
        </p>
      )}
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
