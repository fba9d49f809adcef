import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { inputClass } from './field';

/** The longest search the list operations take (their schemas' `max(100)`). */
export const SEARCH_MAX = 100;

/** The search term from the URL as the operations take it: a hand-typed longer one is cut, not a 404. */
export function searchParam(q: string | undefined) {
  return q?.trim().slice(0, SEARCH_MAX) || undefined;
}

/** A plain GET form: search and filters live in the URL, so a list can be shared and reloaded. */
export function SearchForm({
  q,
  placeholder,
  submitLabel,
  children,
}: {
  q?: string;
  placeholder: string;
  submitLabel: string;
  children?: ReactNode;
}) {
  return (
    <form method="get" className="mb-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
      <input
        type="search"
        name="q"
        defaultValue={q}
        maxLength={SEARCH_MAX}
        placeholder={placeholder}
        aria-label={placeholder}
        className={`${inputClass} sm:max-w-xs`}
      />
      {children}
      <button type="submit" className={buttonClass('secondary')}>
        {submitLabel}
      </button>
    </form>
  );
}
