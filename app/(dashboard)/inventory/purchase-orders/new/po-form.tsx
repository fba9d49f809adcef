'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { createPurchaseOrderAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField, TextField } from '@/components/ui/field';

type Choice = { id: string; name: string };
type ItemChoice = Choice & { sku: string; costPrice: number };
type Line = { key: number; itemId: string; quantity: string; unitCost: string };

/** A new purchase order: supplier, where it will be received, and its lines (item, quantity, price). */
export function PurchaseOrderForm({
  suppliers,
  items,
  stores,
}: {
  suppliers: Choice[];
  items: ItemChoice[];
  stores: { id: string; label: string }[];
}) {
  const t = useTranslations('inventoryCatalogue');
  const router = useRouter();
  const [lines, setLines] = useState<Line[]>([{ key: 0, itemId: '', quantity: '1', unitCost: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const update = (key: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      supplierId: String(data.get('supplierId') ?? ''),
      locationId: String(data.get('locationId') ?? ''),
      expectedOn: String(data.get('expectedOn') ?? ''),
      notes: String(data.get('notes') ?? ''),
      lines: lines.map(({ itemId, quantity, unitCost }) => ({ itemId, quantity, unitCost })),
    };
    startTransition(async () => {
      const r = await createPurchaseOrderAction(input as never);
      if (r.ok) router.push(`/inventory/purchase-orders/${r.data.id}`);
      else {
        setError(r.message);
        setFieldErrors(r.fieldErrors ?? {});
      }
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="po-form">
      <Card className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('fields.supplier')}
          name="supplierId"
          error={fieldErrors.supplierId}
          options={[
            { value: '', label: t('po.chooseSupplier') },
            ...suppliers.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <SelectField
          label={t('fields.location')}
          name="locationId"
          error={fieldErrors.locationId}
          options={[
            { value: '', label: t('po.chooseLocation') },
            ...stores.map((s) => ({ value: s.id, label: s.label })),
          ]}
        />
        <TextField label={t('fields.expectedOn')} name="expectedOn" type="date" error={fieldErrors.expectedOn} />
        <TextField label={t('fields.notes')} name="notes" maxLength={500} error={fieldErrors.notes} />
      </Card>
      <section className="space-y-2">
        <h2 className="font-semibold">{t('po.lines')}</h2>
        {lines.map((l, i) => (
          <Card key={l.key} className="grid gap-2 sm:grid-cols-[1fr_8rem_10rem_auto] sm:items-end">
            <label className="space-y-1 text-sm">
              <span className="font-medium">{t('fields.item')}</span>
              <select
                value={l.itemId}
                aria-label={t('fields.item')}
                onChange={(e) => {
                  const item = items.find((x) => x.id === e.target.value);
                  update(l.key, { itemId: e.target.value, unitCost: item ? String(item.costPrice) : l.unitCost });
                }}
                className={inputClass}
                data-testid="po-line-item"
              >
                <option value="">{t('po.chooseItem')}</option>
                {items.map((x) => (
                  <option key={x.id} value={x.id}>{`${x.name} (${x.sku})`}</option>
                ))}
              </select>
              {fieldErrors[`lines.${i}.itemId`] && (
                <span className="text-red-600">{fieldErrors[`lines.${i}.itemId`]}</span>
              )}
            </label>
            <label className="space-y-1 text-sm">
              <span className="font-medium">{t('fields.quantity')}</span>
              <input
                value={l.quantity}
                onChange={(e) => update(l.key, { quantity: e.target.value })}
                inputMode="numeric"
                className={inputClass}
                data-testid="po-line-quantity"
              />
              {fieldErrors[`lines.${i}.quantity`] && (
                <span className="text-red-600">{fieldErrors[`lines.${i}.quantity`]}</span>
              )}
            </label>
            <label className="space-y-1 text-sm">
              <span className="font-medium">{t('fields.unitCost')}</span>
              <input
                value={l.unitCost}
                onChange={(e) => update(l.key, { unitCost: e.target.value })}
                inputMode="numeric"
                className={inputClass}
                data-testid="po-line-cost"
              />
              {fieldErrors[`lines.${i}.unitCost`] && (
                <span className="text-red-600">{fieldErrors[`lines.${i}.unitCost`]}</span>
              )}
            </label>
            <Button
              variant="ghost"
              disabled={lines.length === 1}
              onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
            >
              {t('po.removeLine')}
            </Button>
          </Card>
        ))}
        <Button
          variant="secondary"
          onClick={() => setLines((ls) => [...ls, { key: Date.now(), itemId: '', quantity: '1', unitCost: '' }])}
          data-testid="po-add-line"
        >
          {t('po.addLine')}
        </Button>
      </section>
      {error && <Alert>{error}</Alert>}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto" data-testid="po-save">
        {t('po.create')}
      </Button>
    </form>
  );
}
