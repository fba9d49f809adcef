'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { MyBag } from '@/lib/inventory/field-stock';

type Line = { itemId: string; quantity: number };

/**
 * Materials used on the visit (metres of drop cable, connectors), taken from the bag. Sent as
 * a step of its own: a count the office refuses shows as a problem and never holds up the finish.
 */
export function MaterialsForm({
  bag,
  onSend,
  busy,
}: {
  bag: MyBag;
  onSend: (lines: Line[]) => Promise<void>;
  busy: boolean;
}) {
  const t = useTranslations('inventoryField.materials');
  const tu = useTranslations('inventoryField.units');
  const [itemId, setItemId] = useState(bag.bulk[0]?.itemId ?? '');
  const [quantity, setQuantity] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const item = (id: string) => bag.bulk.find((b) => b.itemId === id);
  if (bag.bulk.length === 0) return <p className="text-sm text-slate-500">{t('empty')}</p>;

  const add = () => {
    const n = Number(quantity);
    const have = item(itemId)?.quantity ?? 0;
    const already = lines.find((l) => l.itemId === itemId)?.quantity ?? 0;
    if (!Number.isInteger(n) || n <= 0) return setError(t('badQuantity'));
    if (n + already > have) return setError(t('tooMuch', { available: have }));
    setError(null);
    setQuantity('');
    setLines((ls) =>
      ls.some((l) => l.itemId === itemId)
        ? ls.map((l) => (l.itemId === itemId ? { ...l, quantity: l.quantity + n } : l))
        : [...ls, { itemId, quantity: n }],
    );
  };

  return (
    <div className="space-y-2" data-testid="materials-form">
      <div className="grid grid-cols-[1fr_6rem] gap-2">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t('item')}</span>
          <select
            value={itemId}
            onChange={(e) => setItemId(e.target.value)}
            className="min-h-11 w-full rounded-lg border border-slate-300 px-2 dark:border-slate-700 dark:bg-slate-900"
            data-testid="materials-item"
          >
            {bag.bulk.map((b) => (
              <option key={b.itemId} value={b.itemId}>
                {b.name} ({b.quantity} {tu(b.unit)})
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t('quantity')}</span>
          <input
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            inputMode="numeric"
            maxLength={6}
            className="min-h-11 w-full rounded-lg border border-slate-300 px-3 dark:border-slate-700 dark:bg-slate-900"
            data-testid="materials-quantity"
          />
        </label>
      </div>
      <Button variant="secondary" className="w-full" onClick={add} data-testid="materials-add">
        {t('add')}
      </Button>
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      {lines.length > 0 && (
        <>
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="materials-lines">
            {lines.map((l) => (
              <li key={l.itemId} className="flex min-h-11 items-center justify-between gap-2">
                <span>
                  {item(l.itemId)?.name}: {l.quantity} {tu(item(l.itemId)?.unit ?? 'pcs')}
                </span>
                <button
                  type="button"
                  className="min-h-11 px-2 text-red-700"
                  onClick={() => setLines((ls) => ls.filter((x) => x.itemId !== l.itemId))}
                >
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
          <Button
            className="w-full"
            disabled={busy}
            onClick={async () => {
              await onSend(lines);
              setLines([]);
            }}
            data-testid="materials-send"
          >
            {t('send')}
          </Button>
        </>
      )}
    </div>
  );
}
