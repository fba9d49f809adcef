'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { createWorkOrderAction } from '@/app/_actions/workorders';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { WORK_ORDER_TYPES, type WorkOrderType } from '@/db/enums';

/** Type, address and notes; the visit is scheduled on the work order's page. */
export function CreateWorkOrderForm({
  customerId,
  defaultType,
  address,
}: {
  customerId: string | null;
  defaultType: WorkOrderType;
  address: string;
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(createWorkOrderAction, (data) => router.push(`/work-orders/${data.id}`));
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="create-work-order">
      {form.error && <Alert>{form.error}</Alert>}
      {customerId && <input type="hidden" name="customerId" value={customerId} />}
      <SelectField
        label={t('workOrders.type')}
        name="type"
        defaultValue={defaultType}
        error={form.fieldError('type')}
        options={WORK_ORDER_TYPES.map((x) => ({ value: x, label: t(`workOrders.types.${x}`) }))}
      />
      <TextField
        label={t('workOrders.address')}
        name="address"
        defaultValue={address}
        maxLength={300}
        error={form.fieldError('address')}
      />
      <div className="space-y-1">
        <label htmlFor="notes" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('workOrders.notes')}
        </label>
        <textarea
          id="notes"
          name="notes"
          rows={3}
          maxLength={2000}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {form.fieldError('notes') && <p className="text-sm text-red-600">{form.fieldError('notes')}</p>}
      </div>
      <Button type="submit" disabled={form.pending} data-testid="submit-work-order">
        {t('workOrders.create.submit')}
      </Button>
    </form>
  );
}
