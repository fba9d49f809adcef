'use client';
import { useTranslations } from 'next-intl';
import { saveBillingSettingsAction } from '@/app/_actions/billing';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, TextField } from '@/components/ui/field';
import { TimeField } from '@/components/ui/time-field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { DEFAULT_BILLING } from '@/lib/billing/settings';

export function BillingSettingsForm({ settings }: { settings: typeof DEFAULT_BILLING }) {
  const t = useTranslations();
  const form = useActionForm(saveBillingSettingsAction);
  const f = form.fieldError;
  const area = (name: 'companyAddress' | 'bankAccounts' | 'footerNote') => (
    <label className="block text-sm sm:col-span-2">
      <span className="mb-1 block font-medium text-slate-700 dark:text-slate-300">{t(`billing.${name}`)}</span>
      <textarea name={name} defaultValue={settings[name] ?? ''} rows={3} className={`${inputClass} py-2`} />
    </label>
  );
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          {form.error && <Alert>{form.error}</Alert>}
          {form.result?.ok && <Alert kind="success">{t('billing.settingsSaved')}</Alert>}
        </div>
        <TextField
          label={t('billing.invoiceDay')}
          name="invoiceDay"
          inputMode="numeric"
          defaultValue={settings.invoiceDay}
          error={f('invoiceDay')}
        />
        <TextField
          label={t('billing.dueDay')}
          name="dueDay"
          inputMode="numeric"
          defaultValue={settings.dueDay}
          error={f('dueDay')}
        />
        <TextField
          label={t('billing.graceDays')}
          name="graceDays"
          inputMode="numeric"
          defaultValue={settings.graceDays}
          error={f('graceDays')}
        />
        <TimeField
          label={t('billing.isolationTime')}
          name="isolationTime"
          defaultValue={settings.isolationTime}
          error={f('isolationTime')}
        />
        <TextField
          label={t('billing.isolationNoticeHours')}
          name="isolationNoticeHours"
          inputMode="numeric"
          defaultValue={settings.isolationNoticeHours}
          hint={t('billing.isolationNoticeHoursHint')}
          error={f('isolationNoticeHours')}
        />
        <TextField
          label={t('billing.taxPercent')}
          name="taxPercent"
          inputMode="numeric"
          defaultValue={settings.taxPercent}
          error={f('taxPercent')}
        />
        <TextField
          label={t('billing.invoicePrefix')}
          name="invoicePrefix"
          defaultValue={settings.invoicePrefix}
          error={f('invoicePrefix')}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t('billing.invoiceNumberFormat')}
            name="invoiceNumberFormat"
            defaultValue={settings.invoiceNumberFormat}
            hint={t('billing.invoiceNumberFormatHint')}
            error={f('invoiceNumberFormat')}
          />
        </div>
        <div className="sm:col-span-2">
          <TextField
            label={t('billing.logo')}
            name="logo"
            type="file"
            accept="image/png,image/jpeg"
            error={f('logo')}
          />
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="prorata" defaultChecked={settings.prorata} className="h-5 w-5" />
          {t('billing.prorata')}
        </label>
        {area('companyAddress')}
        <TextField
          label={t('billing.companyPhone')}
          name="companyPhone"
          type="tel"
          inputMode="tel"
          defaultValue={settings.companyPhone ?? ''}
          error={f('companyPhone')}
        />
        {area('bankAccounts')}
        {area('footerNote')}
        <div>
          <Button type="submit" disabled={form.pending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
