'use client';
import { useTranslations } from 'next-intl';
import { addChargeAction } from '@/app/_actions/billing';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

export function ChargeForm({ subscriptionId }: { subscriptionId: string }) {
  const t = useTranslations();
  const form = useActionForm(addChargeAction);
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-4 sm:items-start" noValidate>
      <div className="sm:col-span-4">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('billing.chargeSaved')}</Alert>}
      </div>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <TextField label={t('billing.chargeDescription')} name="description" error={form.fieldError('description')} />
      <TextField
        label={t('billing.chargeAmount')}
        name="amount"
        inputMode="numeric"
        error={form.fieldError('amount')}
      />
      <label className="flex min-h-11 items-center gap-2 text-sm sm:mt-6">
        <input type="checkbox" name="taxable" className="h-5 w-5" />
        {t('billing.chargeTaxable')}
      </label>
      <Button type="submit" variant="secondary" className="sm:mt-6" disabled={form.pending}>
        {t('billing.addCharge')}
      </Button>
    </form>
  );
}
