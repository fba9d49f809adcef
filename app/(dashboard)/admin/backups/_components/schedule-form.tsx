'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveBackupSettingsAction } from '@/app/_actions/backups';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { TimeField } from '@/components/ui/time-field';
import { useActionForm } from '@/components/ui/use-action-form';
import { BACKUP_TIME_ZONES } from '@/lib/backups/schedule';

type Settings = {
  enabled: boolean;
  time: string;
  timeZone: string;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
};

/** The daily time in its zone, and how many daily / weekly / monthly backups each target keeps. */
export function ScheduleForm({ settings }: { settings: Settings }) {
  const t = useTranslations('backups.schedule');
  const tc = useTranslations('common');
  const router = useRouter();
  const form = useActionForm(saveBackupSettingsAction, () => router.refresh());
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="backup-schedule-form">
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('saved')}</Alert>}
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={settings.enabled} className="h-5 w-5" />
        {t('enabled')}
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <TimeField label={t('time')} name="time" defaultValue={settings.time} error={f('time')} />
        <SelectField
          label={t('timeZone')}
          name="timeZone"
          defaultValue={settings.timeZone}
          options={BACKUP_TIME_ZONES.map((z) => ({ value: z, label: t(`zones.${z.replace('/', '_')}`) }))}
          error={f('timeZone')}
        />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('keepIntro')}</p>
      <div className="grid grid-cols-3 gap-3">
        {(['keepDaily', 'keepWeekly', 'keepMonthly'] as const).map((k) => (
          <TextField
            key={k}
            label={t(k)}
            name={k}
            inputMode="numeric"
            defaultValue={String(settings[k])}
            error={f(k)}
          />
        ))}
      </div>
      <Button type="submit" disabled={form.pending} data-testid="save-backup-schedule">
        {form.pending ? tc('saving') : tc('save')}
      </Button>
    </form>
  );
}
