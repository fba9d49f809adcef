import { STACKED_ROW } from '@/components/ui/stacked-table';

/**
 * A list row with a tick box: on a phone the box is a column of its own beside the card's
 * lines (three rows tall), from md up an ordinary first table cell.
 */
export const ROW_WITH_CHECK = STACKED_ROW.page.replace(
  'grid-cols-2',
  'grid-cols-[2.75rem_minmax(0,1fr)_minmax(0,1fr)]',
);

/** The list's filters as a query string for the export links (paging cursor left out: an export takes every page). */
export function filterQuery(sp: Record<string, string | undefined>, keys: string[]): string {
  const params = new URLSearchParams();
  for (const key of keys) if (sp[key]) params.set(key, sp[key]!);
  return params.toString();
}
