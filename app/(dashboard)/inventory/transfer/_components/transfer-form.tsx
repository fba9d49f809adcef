'use client';
import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState, useTransition } from 'react';
import { scanForTransferAction, transferStockAction } from '@/app/_actions/inventory-moves';
import { ContinuousScanner, type ScanOutcome } from '@/components/scan/continuous-scanner';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField } from '@/components/ui/field';

type Destination = { id: string; label: string; kind: string };
type UnitLine = { serial: string; itemName: string; locationName: string };
type QuantityLine = { itemId: string; name: string; unit: string; fromLocationId: string; quantity: string };

/**
 * Choose (or scan) the destination, scan serials — each checked on the spot: known, not
 * already listed, at an own location — add bulk quantities, then one confirm moves them all
 * as one batch.
 */
export function TransferForm({ destinations }: { destinations: Destination[] }) {
  const t = useTranslations('inventoryMoves.transfer');
  const [destinationId, setDestinationId] = useState('');
  const [units, setUnits] = useState<UnitLine[]>([]);
  const [lines, setLines] = useState<QuantityLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // The scanner calls back one scan at a time; refs see the list as it is now, not as it was rendered.
  const listed = useRef(new Set<string>());
  const listedItems = useRef(new Set<string>());
  const destination = useRef('');
  const sourceDefault = destinations.find((d) => d.kind === 'warehouse')?.id ?? destinations[0]!.id;

  const chooseDestination = (id: string) => {
    destination.current = id;
    setDestinationId(id);
  };

  const onScan = useCallback(
    async (value: string): Promise<ScanOutcome> => {
      const r = await scanForTransferAction({ value, destinationId: destination.current || null });
      if (!r.ok) return { ok: false, message: r.message };
      const found = r.data;
      if (found.type === 'destination') {
        destination.current = found.location.id;
        setDestinationId(found.location.id);
        return { ok: true, message: t('destinationSet', { name: found.location.name }) };
      }
      if (found.type === 'item') {
        // A state updater runs later, at render: whether the item is listed is read from the ref.
        const already = listedItems.current.has(found.item.id);
        if (!already) {
          listedItems.current.add(found.item.id);
          setLines((l) => [
            ...l,
            {
              itemId: found.item.id,
              name: found.item.name,
              unit: found.item.unit,
              fromLocationId: sourceDefault,
              quantity: '1',
            },
          ]);
        }
        return {
          ok: !already,
          message: t(already ? 'itemAlready' : 'itemAdded', { item: found.item.name }),
        };
      }
      const { unit } = found;
      if (listed.current.has(unit.serial)) return { ok: false, message: t('duplicate') };
      listed.current.add(unit.serial);
      setUnits((u) => [...u, { serial: unit.serial, itemName: unit.itemName, locationName: unit.locationName }]);
      setDone(null);
      return { ok: true, message: t('unitAdded', { item: unit.itemName, location: unit.locationName }) };
    },
    [t, sourceDefault],
  );

  const removeUnit = (serial: string) => {
    listed.current.delete(serial);
    setUnits((u) => u.filter((x) => x.serial !== serial));
  };
  const count = units.length + lines.length;
  const chosen = destinations.find((d) => d.id === destinationId);

  const submit = () =>
    start(async () => {
      setError(null);
      const r = await transferStockAction({
        destinationId,
        serials: units.map((u) => u.serial),
        quantities: lines.map((l) => ({
          itemId: l.itemId,
          fromLocationId: l.fromLocationId,
          quantity: Number(l.quantity),
        })),
      });
      if (!r.ok) {
        setError(r.fieldErrors ? Object.values(r.fieldErrors)[0]! : r.message);
        return;
      }
      setDone(t('done', { units: r.data.units, lines: r.data.lines, destination: r.data.destination.name }));
      listed.current.clear();
      listedItems.current.clear();
      setUnits([]);
      setLines([]);
    });

  return (
    <div className="space-y-4" data-testid="transfer-form">
      <Card className="space-y-3">
        <SelectField
          label={t('destination')}
          name="destinationId"
          value={destinationId}
          onChange={(e) => chooseDestination(e.target.value)}
          options={[
            { value: '', label: t('chooseDestination') },
            ...destinations.map((d) => ({ value: d.id, label: d.label })),
          ]}
          data-testid="transfer-destination"
        />
        <ContinuousScanner onScan={onScan} label={t('scanLabel')} />
      </Card>
      <Card className="space-y-3">
        <h2 className="font-semibold" data-testid="transfer-count">
          {t('listTitle', { count })}
        </h2>
        {count === 0 && <p className="text-sm text-slate-500">{t('empty')}</p>}
        <ul className="space-y-2" data-testid="transfer-units">
          {units.map((u) => (
            <li
              key={u.serial}
              className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-800"
              data-testid="transfer-unit"
            >
              <div className="min-w-0">
                <div className="break-all font-mono text-sm">{u.serial}</div>
                <div className="text-xs text-slate-500">
                  {u.itemName} · {u.locationName}
                </div>
              </div>
              <Button variant="ghost" onClick={() => removeUnit(u.serial)} aria-label={`${t('remove')} ${u.serial}`}>
                <Trash2 className="size-5" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
        <ul className="space-y-2">
          {lines.map((l, i) => (
            <li
              key={l.itemId}
              className="space-y-2 rounded-lg border border-slate-200 p-2 dark:border-slate-800"
              data-testid="transfer-line"
            >
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{l.name}</span>
                <Button
                  variant="ghost"
                  onClick={() => {
                    listedItems.current.delete(l.itemId);
                    setLines((x) => x.filter((_, j) => j !== i));
                  }}
                  aria-label={`${t('remove')} ${l.name}`}
                >
                  <Trash2 className="size-5" aria-hidden />
                </Button>
              </div>
              <div className="grid grid-cols-2 gap-2">
                <label className="space-y-1 text-sm">
                  <span>{t('quantity', { unit: l.unit })}</span>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    value={l.quantity}
                    onChange={(e) =>
                      setLines((x) => x.map((y, j) => (j === i ? { ...y, quantity: e.target.value } : y)))
                    }
                    className={inputClass}
                  />
                </label>
                <label className="space-y-1 text-sm">
                  <span>{t('from')}</span>
                  <select
                    value={l.fromLocationId}
                    onChange={(e) =>
                      setLines((x) => x.map((y, j) => (j === i ? { ...y, fromLocationId: e.target.value } : y)))
                    }
                    className={inputClass}
                  >
                    {destinations.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            </li>
          ))}
        </ul>
        {error && <Alert>{error}</Alert>}
        {done && (
          <Alert kind="success">
            <span data-testid="transfer-done">{done}</span>
          </Alert>
        )}
        <Button
          className="w-full"
          disabled={pending || count === 0 || !destinationId}
          onClick={submit}
          data-testid="transfer-submit"
        >
          {chosen ? t('submit', { count, destination: chosen.label }) : t('submitNoDestination')}
        </Button>
      </Card>
    </div>
  );
}
