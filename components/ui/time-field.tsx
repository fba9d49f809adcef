'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { inputClass } from './field';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time of day as two 24-hour lists (hours, minutes), the way Indonesia writes times, instead
 * of the browser's picker (AM/PM on many phones). The form receives `HH:MM` in a hidden input.
 */
export function TimeField({
  label,
  name,
  defaultValue,
  hint,
  error,
  testId,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  hint?: string;
  error?: string;
  testId?: string;
}) {
  const t = useTranslations('dateField');
  const [h, m] = /^\d{2}:\d{2}$/.test(defaultValue ?? '') ? defaultValue!.split(':') : ['00', '00'];
  const [hour, setHour] = useState(h!);
  const [minute, setMinute] = useState(m!);
  const select = `${inputClass.replace('w-full ', '')} w-24 pr-7`;
  return (
    <fieldset className="min-w-0 space-y-1">
      <legend className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">{label}</legend>
      <div className="flex items-center gap-2">
        <select
          aria-label={`${label}: ${t('hour')}`}
          value={hour}
          onChange={(e) => setHour(e.target.value)}
          className={select}
          data-testid={testId ? `${testId}-hour` : undefined}
        >
          {Array.from({ length: 24 }, (_, i) => (
            <option key={i} value={pad(i)}>
              {pad(i)}
            </option>
          ))}
        </select>
        <span aria-hidden>:</span>
        <select
          aria-label={`${label}: ${t('minute')}`}
          value={minute}
          onChange={(e) => setMinute(e.target.value)}
          className={select}
          data-testid={testId ? `${testId}-minute` : undefined}
        >
          {Array.from({ length: 60 }, (_, i) => (
            <option key={i} value={pad(i)}>
              {pad(i)}
            </option>
          ))}
        </select>
      </div>
      <input type="hidden" name={name} value={`${hour}:${minute}`} data-testid={testId} />
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
