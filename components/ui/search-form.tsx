import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { inputClass } from './field';

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
