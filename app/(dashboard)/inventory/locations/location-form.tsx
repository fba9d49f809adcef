'use client';
import { useTranslations } from 'next-intl';
import { createLocationAction, updateLocationAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** A new warehouse or shelf (a shelf names its warehouse), or the name and code of one. */
export function LocationForm({
  warehouses,
  location,
}: {
  warehouses: { id: string; label: string }[];
  location?: { id: string; name: string; code: string };
}) {
  const t = useTranslations('inventoryCatalogue');
  const save = (input: Record<string, unknown>) =>
    location ? updateLocationAction(input as never) : createLocationAction(input as never);
  const form = useActionForm(save);
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" data-testid="location-form">
      {location ? (
        <input type="hidden" name="locationId" value={location.id} />
      ) : (
        <>
          <SelectField
            label={t('fields.kind')}
            name="kind"
            options={(['warehouse', 'shelf'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            error={form.fieldError('kind')}
          />
          <SelectField
            label={t('fields.parent')}
            name="parentId"
            hint={t('locations.parentHint')}
            options={[
              { value: '', label: t('locations.noParent') },
              ...warehouses.map((w) => ({ value: w.id, label: w.label })),
            ]}
            error={form.fieldError('parentId')}
          />
        </>
      )}
      <TextField
        label={t('fields.name')}
        name="name"
        required
        defaultValue={location?.name}
        error={form.fieldError('name')}
      />
      <TextField
        label={t('fields.code')}
        name="code"
        required
        maxLength={30}
        autoCapitalize="characters"
        defaultValue={location?.code}
        error={form.fieldError('code')}
      />
      <div className="space-y-2 sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && location && <Alert kind="success">{t('items.saved')}</Alert>}
        <Button type="submit" disabled={form.pending}>
          {location ? t('locations.edit') : t('locations.create')}
        </Button>
      </div>
    </form>
  );
}
