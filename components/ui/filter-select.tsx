import { inputClass } from './field';

export type FilterOption = { value: string; label: string };

/**
 * One filter of a list's GET search form (SearchForm): its value lives in the URL with the
 * search, so a filtered list can be shared and reloaded. The first option, value '', clears
 * the filter: it reads "<label>: <allLabel>" ("Status: Semua"), or `allText` where a list
 * words it its own way; give neither for a choice that always has a value (a sort order).
 * The select is as tall as any input (min-h-11, 44 px), so it is easy to tap on a phone.
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel,
  allText,
  className = 'sm:max-w-44',
  id,
  testId,
}: {
  name: string;
  label: string;
  value?: string;
  options: FilterOption[];
  allLabel?: string;
  allText?: string;
  /** Its width beside the search box (`sm:max-w-48`, …). */
  className?: string;
  id?: string;
  testId?: string;
}) {
  const all = allText ?? (allLabel === undefined ? undefined : `${label}: ${allLabel}`);
  return (
    <select
      id={id}
      name={name}
      defaultValue={value ?? ''}
      aria-label={label}
      className={`${inputClass} ${className}`.trim()}
      data-testid={testId}
    >
      {all !== undefined && <option value="">{all}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
