'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { LABEL_FORMATS, type LabelFormat } from '@/lib/inventory/label-formats';

type Choice = { id: string; label: string; code: string };

function ChoiceList({
  title,
  empty,
  choices,
  chosen,
  setChosen,
  testId,
}: {
  title: string;
  empty: string;
  choices: Choice[];
  chosen: Set<string>;
  setChosen: (next: Set<string>) => void;
  testId: string;
}) {
  const t = useTranslations('inventoryMoves.labels');
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  return (
    <Card className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        {choices.length > 0 && (
          <button
            type="button"
            className="min-h-11 text-sm text-brand-700 underline"
            onClick={() => setChosen(new Set(choices.map((c) => c.id)))}
          >
            {t('selectAll')}
          </button>
        )}
      </div>
      {choices.length === 0 && <p className="text-sm text-slate-500">{empty}</p>}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid={testId}>
        {choices.map((c) => (
          <li key={c.id}>
            <label className="flex min-h-11 items-center gap-3">
              <input type="checkbox" className="size-5" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} />
              <span className="min-w-0 flex-1 break-words">{c.label}</span>
              <span className="shrink-0 font-mono text-xs text-slate-500">{c.code}</span>
            </label>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Ticks what to print and links to the PDF in the chosen printer size. */
export function LabelPicker({
  items,
  locations,
  unitIds,
  preselectItems,
  preselectLocations,
}: {
  items: Choice[];
  locations: Choice[];
  unitIds: string[];
  preselectItems: string[];
  preselectLocations: string[];
}) {
  const t = useTranslations('inventoryMoves.labels');
  const [format, setFormat] = useState<LabelFormat>('a4');
  const [chosenItems, setChosenItems] = useState(new Set(preselectItems));
  const [chosenLocations, setChosenLocations] = useState(new Set(preselectLocations));
  const count = chosenItems.size + chosenLocations.size + unitIds.length;
  const query = new URLSearchParams({ format });
  if (chosenItems.size) query.set('items', [...chosenItems].join(','));
  if (chosenLocations.size) query.set('locations', [...chosenLocations].join(','));
  if (unitIds.length) query.set('units', unitIds.join(','));
  return (
    <div className="space-y-4" data-testid="label-picker">
      <Card className="space-y-3">
        <SelectField
          label={t('format')}
          name="format"
          value={format}
          onChange={(e) => setFormat(e.target.value as LabelFormat)}
          options={LABEL_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
        />
        {unitIds.length > 0 && <p className="text-sm">{t('units', { count: unitIds.length })}</p>}
        {count === 0 ? (
          <p className="text-sm text-slate-500">{t('nothing')}</p>
        ) : (
          <a
            href={`/api/inventory/labels?${query.toString()}`}
            target="_blank"
            rel="noopener"
            className={buttonClass('primary', 'w-full')}
            data-testid="labels-print"
          >
            {t('print', { count })}
          </a>
        )}
      </Card>
      <ChoiceList
        title={t('locations')}
        empty={t('emptyLocations')}
        choices={locations}
        chosen={chosenLocations}
        setChosen={setChosenLocations}
        testId="label-locations"
      />
      <ChoiceList
        title={t('items')}
        empty={t('emptyItems')}
        choices={items}
        chosen={chosenItems}
        setChosen={setChosenItems}
        testId="label-items"
      />
    </div>
  );
}
