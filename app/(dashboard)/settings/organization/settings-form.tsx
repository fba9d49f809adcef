'use client';
import { useTranslations } from 'next-intl';
import { updateOrganizationSettingsAction } from '@/app/_actions/organizations';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

export function OrganizationSettingsForm(props: {
  name: string;
  timezone: string;
  coverageRadiusM: number;
  hotspotLoginUrl: string | null;
  requireTwoFactor: boolean;
  timezones: { value: string; label: string }[];
}) {
  const t = useTranslations();
  const form = useActionForm(updateOrganizationSettingsAction);
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('settings.saved')}</Alert>}
        <TextField
          label={t('settings.name')}
          name="name"
          defaultValue={props.name}
          required
          error={form.fieldError('name')}
        />
        <SelectField
          label={t('settings.timezone')}
          name="timezone"
          defaultValue={props.timezone}
          options={props.timezones}
          error={form.fieldError('timezone')}
        />
        <TextField
          label={t('settings.coverageRadius')}
          name="coverageRadiusM"
          type="number"
          inputMode="numeric"
          defaultValue={props.coverageRadiusM}
          error={form.fieldError('coverageRadiusM')}
        />
        <TextField
          label={t('settings.hotspotLoginUrl')}
          name="hotspotLoginUrl"
          type="url"
          inputMode="url"
          placeholder="http://hotspot.netku.id/login"
          defaultValue={props.hotspotLoginUrl ?? ''}
          hint={t('settings.hotspotLoginUrlHint')}
          error={form.fieldError('hotspotLoginUrl')}
        />
        <div className="space-y-1">
          {/* Unticked boxes are not sent: the hidden "off" before it says the box was on the form. */}
          <input type="hidden" name="requireTwoFactor" value="off" />
          <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
            <input
              type="checkbox"
              name="requireTwoFactor"
              value="on"
              defaultChecked={props.requireTwoFactor}
              className="h-5 w-5"
              data-testid="require-two-factor"
            />
            {t('settings.requireTwoFactor')}
          </label>
          <p className="text-xs text-slate-500">{t('settings.requireTwoFactorHint')}</p>
        </div>
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
      </form>
    </Card>
  );
}
