import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { inputClass } from './field';

/** The longest search the list operations take (their schemas' `max(100)`). */
export const SEARCH_MAX = 100;

/** The search term from the URL as the operations take it: a hand-typed longer one is cut, not a 404. */
export function searchParam(q: string | undefined) {
  return q?.trim().slice(0, SEARCH_MAX) || undefined;
}

/**
 * A plain GET form: search and filters live in the URL, so a list can be shared and reloaded.
 * On a phone the filter selects sit two to a row (the rest full width), so a list with five
 * filters still shows its first rows on the first screen.
 */
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
    <form
      method="get"
      className="mb-3 grid grid-cols-2 gap-2 *:col-span-2 *:min-w-0 sm:flex sm:flex-row sm:flex-wrap sm:items-end [&>select]:col-span-1"
    >
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
