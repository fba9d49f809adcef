'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState, useTransition } from 'react';
import { receivePurchaseOrderAction } from '@/app/_actions/inventory-catalogue';
import { ContinuousScanner, type ScanOutcome } from '@/components/scan/continuous-scanner';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import { validSerial } from '@/lib/inventory/serials';

export type ReceiveLine = {
  id: string;
  name: string;
  sku: string;
  unit: string;
  tracking: 'serial' | 'bulk';
  hasMac: boolean;
  remaining: number;
  unitCost: number;
};
type Unit = { serial: string; mac: string };
const FORM_ID = 'receipt';

/**
 * Receiving on a phone: the serials of one line are scanned one after another (camera or USB
 * scanner), typed, or pasted as a list; a network device's MAC follows its serial (scanned
 * next, or "SERIAL MAC" on one line). Duplicates and more than the order's rest are refused
 * on the spot; the server checks everything again (serials already on the books, MACs).
 */
export function ReceiveForm(props: {
  purchaseOrderId: string;
  locationId: string | null;
  stores: { id: string; label: string }[];
  lines: ReceiveLine[];
}) {
  const t = useTranslations('inventoryCatalogue');
  const router = useRouter();
  const serialLines = props.lines.filter((l) => l.tracking === 'serial' && l.remaining > 0);
  const [active, setActive] = useState(serialLines[0]?.id ?? '');
  const [units, setUnits] = useState<Record<string, Unit[]>>({});
  const unitsRef = useRef(units);
  unitsRef.current = units;
  const [paste, setPaste] = useState('');
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const line = serialLines.find((l) => l.id === active);

  /** Adds one scanned / typed / pasted entry to a line; says why not when it cannot. */
  const take = useCallback(
    (l: ReceiveLine, raw: string): ScanOutcome => {
      const all = unitsRef.current;
      const mine = all[l.id] ?? [];
      const parts = raw.trim().split(/[\s,;]+/);
      const lastWithoutMac = mine.findLastIndex((u) => !u.mac);
      if (l.hasMac && parts.length === 1 && MAC_PATTERN.test(parts[0]!) && lastWithoutMac >= 0) {
        const next = mine.map((u, i) => (i === lastWithoutMac ? { ...u, mac: normalizeMac(parts[0]!) } : u));
        unitsRef.current = { ...all, [l.id]: next };
        setUnits(unitsRef.current);
        return { ok: true, message: t('receive.macAdded', { serial: mine[lastWithoutMac]!.serial }) };
      }
      const serial = validSerial(parts[0] ?? '');
      if (!serial) return { ok: false, message: t('receive.invalid') };
      if (Object.values(all).some((list) => list.some((u) => u.serial === serial)))
        return { ok: false, message: t('receive.duplicate') };
      if (mine.length >= l.remaining) return { ok: false, message: t('receive.full', { max: l.remaining }) };
      const mac = l.hasMac && parts[1] && MAC_PATTERN.test(parts[1]) ? normalizeMac(parts[1]) : '';
      unitsRef.current = { ...all, [l.id]: [...mine, { serial, mac }] };
      setUnits(unitsRef.current);
      return { ok: true, message: t('receive.added', { count: mine.length + 1, max: l.remaining }) };
    },
    [t],
  );

  const onScan = useCallback(
    (value: string) => (line ? take(line, value) : { ok: false, message: t('receive.nothingOpen') }),
    [line, take, t],
  );

  const addPasted = () => {
    if (!line) return;
    let added = 0;
    let skipped = 0;
    for (const row of paste.split(/\r?\n/)) {
      if (!row.trim()) continue;
      if (take(line, row).ok) added++;
      else skipped++;
    }
    setPaste('');
    setPasteNote(t('receive.pasteResult', { added, skipped }));
  };

  const setMac = (lineId: string, index: number, mac: string) =>
    setUnits((u) => {
      unitsRef.current = { ...u, [lineId]: (u[lineId] ?? []).map((x, i) => (i === index ? { ...x, mac } : x)) };
      return unitsRef.current;
    });
  const remove = (lineId: string, index: number) =>
    setUnits((u) => {
      unitsRef.current = { ...u, [lineId]: (u[lineId] ?? []).filter((_, i) => i !== index) };
      return unitsRef.current;
    });

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      purchaseOrderId: props.purchaseOrderId,
      locationId: String(data.get('locationId') ?? ''),
      lines: props.lines
        .filter((l) => l.remaining > 0)
        .map((l) => ({
          lineId: l.id,
          quantity: l.tracking === 'bulk' ? String(data.get(`quantity-${l.id}`) ?? '') : '',
          unitCost: String(data.get(`cost-${l.id}`) ?? ''),
          units: (units[l.id] ?? []).map((u) => ({ serial: u.serial, mac: u.mac })),
        })),
    };
    startTransition(async () => {
      const r = await receivePurchaseOrderAction(input as never);
      if (r.ok) router.push(`/inventory/purchase-orders/${props.purchaseOrderId}?received=1`);
      else setError(r.message);
    });
  };

  return (
    // The scanner is a form of its own, and forms cannot nest: the receipt's fields join the
    // receipt form by its id.
    <div className="space-y-4" data-testid="receive-form">
      <SelectField
        form={FORM_ID}
        label={t('fields.location')}
        name="locationId"
        defaultValue={props.locationId ?? ''}
        options={[
          { value: '', label: t('po.chooseLocation') },
          ...props.stores.map((s) => ({ value: s.id, label: s.label })),
        ]}
      />
      {serialLines.length > 0 && (
        <Card className="space-y-3">
          {serialLines.length > 1 && (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">{t('fields.item')}</legend>
              {serialLines.map((l) => (
                <label key={l.id} className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="activeLine"
                    checked={active === l.id}
                    onChange={() => setActive(l.id)}
                    className="size-5"
                  />
                  {`${l.name} (${(units[l.id] ?? []).length}/${l.remaining})`}
                </label>
              ))}
            </fieldset>
          )}
          {line && (
            <>
              <p className="font-semibold">{`${line.name} · ${(units[line.id] ?? []).length}/${line.remaining}`}</p>
              <ContinuousScanner
                onScan={onScan}
                label={line.hasMac ? t('receive.scanLabelMac') : t('receive.scanLabel')}
              />
              <details>
                <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium">
                  {t('receive.paste')}
                </summary>
                <div className="space-y-2 pt-2">
                  <textarea
                    value={paste}
                    onChange={(e) => setPaste(e.target.value)}
                    rows={5}
                    aria-label={t('receive.paste')}
                    className={`${inputClass} py-2 font-mono`}
                    data-testid="receive-paste"
                  />
                  <p className="text-xs text-slate-500">{t('receive.pasteHint')}</p>
                  <Button variant="secondary" onClick={addPasted} data-testid="receive-paste-add">
                    {t('receive.pasteAdd')}
                  </Button>
                  {pasteNote && (
                    <p className="text-sm" role="status" data-testid="receive-paste-note">
                      {pasteNote}
                    </p>
                  )}
                </div>
              </details>
            </>
          )}
        </Card>
      )}
      <form id={FORM_ID} onSubmit={submit} className="space-y-4">
        {props.lines
          .filter((l) => l.remaining > 0)
          .map((l) => (
            <Card key={l.id} className="space-y-3">
              <p className="font-semibold">
                {l.name} <span className="font-mono text-xs text-slate-500">{l.sku}</span>
              </p>
              {l.tracking === 'bulk' ? (
                <TextField
                  label={t('receive.quantity', { max: l.remaining })}
                  name={`quantity-${l.id}`}
                  type="number"
                  min={0}
                  max={l.remaining}
                  inputMode="numeric"
                  data-testid="receive-quantity"
                />
              ) : (
                <ul className="space-y-2" data-testid="received-units">
                  {(units[l.id] ?? []).map((u, i) => (
                    <li key={u.serial} className="flex flex-wrap items-center gap-2" data-testid="received-unit">
                      <span className="min-w-0 flex-1 break-all font-mono text-sm">{u.serial}</span>
                      {l.hasMac && (
                        <input
                          value={u.mac}
                          onChange={(e) => setMac(l.id, i, e.target.value)}
                          placeholder={t('receive.needMac')}
                          aria-label={`${t('fields.mac')} ${u.serial}`}
                          className={`${inputClass} w-48 font-mono`}
                          data-testid="received-unit-mac"
                        />
                      )}
                      <Button variant="ghost" onClick={() => remove(l.id, i)}>
                        {t('receive.remove')}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <TextField
                label={t('fields.unitCost')}
                name={`cost-${l.id}`}
                inputMode="numeric"
                defaultValue={String(l.unitCost)}
              />
            </Card>
          ))}
        {error && <Alert>{error}</Alert>}
        <Button type="submit" disabled={pending} className="w-full" data-testid="receive-submit">
          {t('receive.submit')}
        </Button>
      </form>
    </div>
  );
}
