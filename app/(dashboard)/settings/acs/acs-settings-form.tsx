'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { checkAcsAction, saveAcsSettingsAction } from '@/app/_actions/acs';
import { JobStatus } from '@/components/jobs/job-watch';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { describeAcsError } from '@/lib/fibre/acs/errors';

type Settings = {
  nbiUrl: string;
  nbiUsername: string;
  nbiPasswordSet: boolean;
  acsUrl: string;
  cwmpUsername: string;
  cwmpPasswordSet: boolean;
  lastError: string | null;
} | null;

type CheckResult = { ok: boolean; ms: number; errorKind?: string; message?: string };

export function AcsSettingsForm({ settings, lastChecked }: { settings: Settings; lastChecked: string | null }) {
  const t = useTranslations('acs');
  const router = useRouter();
  const form = useActionForm(saveAcsSettingsAction, () => router.refresh());
  const [checkJob, setCheckJob] = useState<string | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [checking, startCheck] = useTransition();
  const last = settings?.lastError ? describeAcsError(settings.lastError) : null;
  const passwordHint = (set: boolean | undefined) => t(set ? 'settings.passwordKeep' : 'settings.passwordNone');
  return (
    <div className="space-y-4">
      {!settings && <Alert kind="warning">{t('settings.notSet')}</Alert>}
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="acs-settings-form">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('settings.saved')}</Alert>}
        <Card className="space-y-3">
          <h2 className="font-semibold">{t('settings.nbi')}</h2>
          <TextField
            label={t('settings.nbiUrl')}
            name="nbiUrl"
            inputMode="url"
            autoComplete="off"
            placeholder="http://10.0.0.5:7557"
            defaultValue={settings?.nbiUrl ?? ''}
            hint={t('settings.nbiUrlHint')}
            error={form.fieldError('nbiUrl')}
          />
          <TextField
            label={t('settings.nbiUsername')}
            name="nbiUsername"
            autoComplete="off"
            defaultValue={settings?.nbiUsername ?? ''}
            error={form.fieldError('nbiUsername')}
          />
          <TextField
            label={t('settings.nbiPassword')}
            name="nbiPassword"
            type="password"
            autoComplete="new-password"
            hint={passwordHint(settings?.nbiPasswordSet)}
            error={form.fieldError('nbiPassword')}
          />
        </Card>
        <Card className="space-y-3">
          <h2 className="font-semibold">{t('settings.cwmp')}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('settings.cwmpHint')}</p>
          <TextField
            label={t('settings.acsUrl')}
            name="acsUrl"
            inputMode="url"
            autoComplete="off"
            placeholder="http://10.0.0.5:7547"
            defaultValue={settings?.acsUrl ?? ''}
            hint={t('settings.acsUrlHint')}
            error={form.fieldError('acsUrl')}
          />
          <TextField
            label={t('settings.cwmpUsername')}
            name="cwmpUsername"
            autoComplete="off"
            defaultValue={settings?.cwmpUsername ?? ''}
            error={form.fieldError('cwmpUsername')}
          />
          <TextField
            label={t('settings.cwmpPassword')}
            name="cwmpPassword"
            type="password"
            autoComplete="new-password"
            hint={passwordHint(settings?.cwmpPasswordSet)}
            error={form.fieldError('cwmpPassword')}
          />
        </Card>
        <Button type="submit" disabled={form.pending} data-testid="acs-save" className="w-full sm:w-auto">
          {t('settings.save')}
        </Button>
      </form>
      {settings && (
        <Card className="space-y-3">
          <Button
            variant="secondary"
            disabled={checking}
            data-testid="acs-test"
            onClick={() =>
              startCheck(async () => {
                const r = await checkAcsAction({});
                setCheckError(r.ok ? null : r.message);
                setCheckJob(r.ok ? r.data.jobId : null);
              })
            }
          >
            {t('settings.test')}
          </Button>
          {lastChecked && !checkJob && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {t('settings.lastChecked', { at: lastChecked })}
              {': '}
              {last ? t(`errors.${last.kind ?? 'unreachable'}`) : t('settings.lastOk')}
            </p>
          )}
          {checkError && <Alert>{checkError}</Alert>}
          {checkJob && (
            <div data-testid="acs-test-result">
              <JobStatus jobId={checkJob} onFinished={() => router.refresh()}>
                {(job) => <CheckOutcome result={job.result as CheckResult} />}
              </JobStatus>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

function CheckOutcome({ result }: { result: CheckResult }) {
  const t = useTranslations('acs');
  if (result.ok) return <Alert kind="success">{t('settings.testOk', { ms: result.ms })}</Alert>;
  // The NBI's own words (a socket code, an HTTP status) stay in the jobs page's detail.
  const kind = result.errorKind && t.has(`errors.${result.errorKind}`) ? result.errorKind : 'unreachable';
  return <Alert>{t('settings.testFailed', { reason: t(`errors.${kind}`) })}</Alert>;
}
