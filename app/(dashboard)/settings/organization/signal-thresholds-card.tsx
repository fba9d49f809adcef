'use client';
import { useTranslations } from 'next-intl';
import { setSignalThresholdsAction } from '@/app/_actions/signal';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** The organization's redaman thresholds (warning, critical), checked and audited by the operation. */
export function SignalThresholdsCard(props: { warningDbm: number; criticalDbm: number }) {
  const t = useTranslations('signal.thresholds');
  const form = useActionForm(setSignalThresholdsAction);
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="signal-thresholds">
        <div>
          <h2 className="font-semibold">{t('title')}</h2>
          <p className="mt-1 text-sm text-slate-500">{t('hint')}</p>
        </div>
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('saved')}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('warning')}
            name="warningDbm"
            type="number"
            inputMode="decimal"
            step="0.1"
            defaultValue={props.warningDbm}
            error={form.fieldError('warningDbm')}
          />
          <TextField
            label={t('critical')}
            name="criticalDbm"
            type="number"
            inputMode="decimal"
            step="0.1"
            defaultValue={props.criticalDbm}
            error={form.fieldError('criticalDbm')}
          />
        </div>
        <Button type="submit" disabled={form.pending}>
          {t('save')}
        </Button>
      </form>
    </Card>
  );
}
