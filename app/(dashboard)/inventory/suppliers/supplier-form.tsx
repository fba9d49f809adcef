'use client';
import { useTranslations } from 'next-intl';
import { createSupplierAction, updateSupplierAction } from '@/app/_actions/inventory-catalogue';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Supplier = {
  id: string;
  name: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
};

export function SupplierForm({ supplier }: { supplier?: Supplier }) {
  const t = useTranslations('inventoryCatalogue');
  const save = (input: Record<string, unknown>) =>
    supplier ? updateSupplierAction(input as never) : createSupplierAction(input as never);
  const form = useActionForm(save);
  const id = (name: string) => (supplier ? `${name}-${supplier.id}` : name);
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" data-testid="supplier-form">
      {supplier && <input type="hidden" name="supplierId" value={supplier.id} />}
      {(['name', 'contactName', 'phone', 'email', 'address', 'notes'] as const).map((f) => (
        <TextField
          key={f}
          id={id(f)}
          label={t(`fields.${f}`)}
          name={f}
          required={f === 'name'}
          defaultValue={supplier?.[f] ?? ''}
          error={form.fieldError(f)}
        />
      ))}
      <div className="space-y-2 sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && supplier && <Alert kind="success">{t('items.saved')}</Alert>}
        <Button type="submit" disabled={form.pending}>
          {supplier ? t('suppliers.edit') : t('suppliers.create')}
        </Button>
      </div>
    </form>
  );
}
