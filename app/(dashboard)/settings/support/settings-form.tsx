'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { saveSupportSettingsAction } from '@/app/_actions/tickets';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import type { TicketPriority, WorkingHours } from '@/db/enums';

type Settings = {
  policies: { priority: TicketPriority; firstResponseMinutes: number; resolutionMinutes: number }[];
  workingHours: WorkingHours;
  escalationUserId: string | null;
  askRating: boolean;
  members: { id: string; name: string }[];
};

// Monday first, as an Indonesian week is read; the value is JavaScript's day (0 = Sunday).
const DAYS = [1, 2, 3, 4, 5, 6, 0];

export function SupportSettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations('tickets.settings');
  const tt = useTranslations('tickets');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    // Targets are typed in hours (people think in hours); stored in minutes.
    const minutes = (name: string) => Math.round(Number(String(fd.get(name) ?? '').replace(',', '.')) * 60);
    const input = {
      policies: settings.policies.map((p) => ({
        priority: p.priority,
        firstResponseMinutes: minutes(`${p.priority}.first`),
        resolutionMinutes: minutes(`${p.priority}.resolution`),
      })),
      days: fd.getAll('days').map(Number),
      start: String(fd.get('start')),
      end: String(fd.get('end')),
      escalationUserId: String(fd.get('escalationUserId') ?? ''),
      askRating: fd.get('askRating') === 'on',
    };
    start(async () => {
      const r = await saveSupportSettingsAction(input);
      setSaved(r.ok);
      setError(r.ok ? null : r.message);
      setFieldErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      if (r.ok) router.refresh();
    });
  };
  const hours = (m: number) => String(Math.round((m / 60) * 100) / 100);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert kind="success">{t('saved')}</Alert>}
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('targets')}</h2>
        <p className="text-sm text-slate-500">{t('targetsHint')}</p>
        {settings.policies.map((p, i) => (
          <fieldset key={p.priority} className="grid grid-cols-2 gap-3">
            <legend className="col-span-2 mb-1 text-sm font-medium">{tt(`priorities.${p.priority}`)}</legend>
            <TextField
              label={t('firstResponseHours')}
              name={`${p.priority}.first`}
              id={`${p.priority}-first`}
              inputMode="decimal"
              defaultValue={hours(p.firstResponseMinutes)}
              error={fieldErrors[`policies.${i}.firstResponseMinutes`]}
            />
            <TextField
              label={t('resolutionHours')}
              name={`${p.priority}.resolution`}
              id={`${p.priority}-resolution`}
              inputMode="decimal"
              defaultValue={hours(p.resolutionMinutes)}
              error={fieldErrors[`policies.${i}.resolutionMinutes`]}
            />
          </fieldset>
        ))}
      </Card>
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('workingHours')}</h2>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t('days')}</legend>
          <div className="flex flex-wrap gap-2">
            {DAYS.map((d) => (
              <label
                key={d}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 px-3 dark:border-slate-700"
              >
                <input
                  type="checkbox"
                  name="days"
                  value={d}
                  defaultChecked={settings.workingHours.days.includes(d)}
                  className="size-5"
                />
                {t(`weekdays.${d}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label={t('start')}
            name="start"
            type="time"
            defaultValue={settings.workingHours.start}
            error={fieldErrors.start}
          />
          <TextField
            label={t('end')}
            name="end"
            type="time"
            defaultValue={settings.workingHours.end}
            error={fieldErrors.end}
          />
        </div>
      </Card>
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('escalation')}</h2>
        <SelectField
          label={t('escalationUser')}
          name="escalationUserId"
          defaultValue={settings.escalationUserId ?? ''}
          hint={t('escalationHint')}
          error={fieldErrors.escalationUserId}
          options={[
            { value: '', label: t('nobody') },
            ...settings.members.map((m) => ({ value: m.id, label: m.name })),
          ]}
        />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="askRating" defaultChecked={settings.askRating} className="size-5" />
          {t('askRating')}
        </label>
      </Card>
      <Button type="submit" disabled={pending} data-testid="save-support-settings">
        {t('save')}
      </Button>
    </form>
  );
}
