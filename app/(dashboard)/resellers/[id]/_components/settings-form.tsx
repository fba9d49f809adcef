'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveResellerSettingsAction } from '@/app/_actions/resellers';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** Rate and on/off for one reseller; a change applies to invoices paid from now on. */
export function ResellerSettingsForm({
  resellerUserId,
  rate,
  active,
  notes,
}: {
  resellerUserId: string;
  rate: string;
  active: boolean;
  notes: string;
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(saveResellerSettingsAction, () => router.refresh());
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" data-testid="reseller-settings-form">
      <input type="hidden" name="resellerUserId" value={resellerUserId} />
      <TextField
        label={t('resellers.staff.rateLabel')}
        name="commissionRate"
        inputMode="decimal"
        defaultValue={rate}
        hint={t('resellers.staff.rateHint')}
        error={form.fieldError('commissionRate')}
        required
      />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={active} className="h-5 w-5" />
        {t('resellers.staff.activeLabel')}
      </label>
      <TextField
        label={t('resellers.staff.notes')}
        name="notes"
        defaultValue={notes}
        maxLength={500}
        error={form.fieldError('notes')}
      />
      {form.error && !form.result?.ok && !form.fieldError('commissionRate') && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('resellers.staff.saved')}</Alert>}
      <Button type="submit" disabled={form.pending}>
        {form.pending ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  );
}
