'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { createItemAction, updateItemAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { INVENTORY_CATEGORIES, INVENTORY_TRACKING, INVENTORY_UNITS } from '@/db/enums';

type Item = {
  id: string;
  sku: string;
  name: string;
  category: string;
  unit: string;
  tracking: string;
  hasMac: boolean;
  minStock: number;
  costPrice: number;
  notes: string | null;
};

/** A new item, or the details of one (its tracking then stays as it is). */
export function ItemForm({ item }: { item?: Item }) {
  const t = useTranslations('inventoryCatalogue');
  const router = useRouter();
  const save = (input: Record<string, unknown>) =>
    item ? updateItemAction(input as never) : createItemAction(input as never);
  const form = useActionForm(save, (saved) => {
    if (!item) router.push(`/inventory/items/${(saved as { id: string }).id}`);
  });
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" data-testid="item-form">
      {item && <input type="hidden" name="itemId" value={item.id} />}
      <TextField
        label={t('fields.sku')}
        name="sku"
        defaultValue={item?.sku}
        required
        maxLength={40}
        error={form.fieldError('sku')}
      />
      <TextField
        label={t('fields.name')}
        name="name"
        defaultValue={item?.name}
        required
        maxLength={120}
        error={form.fieldError('name')}
      />
      <SelectField
        label={t('fields.category')}
        name="category"
        defaultValue={item?.category}
        options={INVENTORY_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        error={form.fieldError('category')}
      />
      <SelectField
        label={t('fields.unit')}
        name="unit"
        defaultValue={item?.unit}
        options={INVENTORY_UNITS.map((u) => ({ value: u, label: t(`units.${u}`) }))}
        error={form.fieldError('unit')}
      />
      {item ? (
        <p className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">
          {`${t('fields.tracking')}: ${t(`tracking.${item.tracking}`)} · ${t('items.trackingFixed')}`}
        </p>
      ) : (
        <SelectField
          label={t('fields.tracking')}
          name="tracking"
          options={INVENTORY_TRACKING.map((v) => ({ value: v, label: t(`tracking.${v}`) }))}
          error={form.fieldError('tracking')}
        />
      )}
      <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="hasMac" defaultChecked={item?.hasMac} className="size-5" />
        {t('fields.hasMac')}
      </label>
      <TextField
        label={t('fields.minStock')}
        name="minStock"
        type="number"
        min={0}
        inputMode="numeric"
        defaultValue={item?.minStock ?? 0}
        error={form.fieldError('minStock')}
      />
      <TextField
        label={t('fields.costPrice')}
        name="costPrice"
        inputMode="numeric"
        defaultValue={item?.costPrice ?? 0}
        error={form.fieldError('costPrice')}
      />
      <TextField
        label={t('fields.notes')}
        name="notes"
        defaultValue={item?.notes ?? ''}
        maxLength={500}
        error={form.fieldError('notes')}
      />
      <div className="space-y-2 sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && item && <Alert kind="success">{t('items.saved')}</Alert>}
        <Button type="submit" disabled={form.pending} data-testid="item-save">
          {item ? t('items.edit') : t('items.create')}
        </Button>
      </div>
    </form>
  );
}
