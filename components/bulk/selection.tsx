'use client';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';

type Selection = {
  pageIds: string[];
  selected: Set<string>;
  toggle: (id: string) => void;
  setAll: (on: boolean) => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

export function useSelection() {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('useSelection outside BulkSelection');
  return s;
}

/** The rows ticked on this page of a list; the server renders the rows, this holds the ticks. */
export function BulkSelection({ pageIds, children }: { pageIds: string[]; children: ReactNode }) {
  const [ticked, setSelected] = useState<Set<string>>(new Set());
  // Ticks of another page (after paging or a filter) do not carry over.
  const selected = useMemo(() => new Set(pageIds.filter((id) => ticked.has(id))), [pageIds, ticked]);
  const value = useMemo<Selection>(
    () => ({
      pageIds,
      selected,
      toggle: (id) =>
        setSelected((prev) => {
          const next = new Set(prev);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
      setAll: (on) => setSelected(on ? new Set(pageIds) : new Set()),
      clear: () => setSelected(new Set()),
    }),
    [pageIds, selected],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** A row's tick box with a 44 px tap area. */
export function RowCheck({ id, label }: { id: string; label: string }) {
  const { selected, toggle } = useSelection();
  return (
    <label className="inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center">
      <input
        type="checkbox"
        className="h-5 w-5 accent-brand-600"
        checked={selected.has(id)}
        onChange={() => toggle(id)}
        aria-label={label}
        data-testid="row-check"
      />
    </label>
  );
}
