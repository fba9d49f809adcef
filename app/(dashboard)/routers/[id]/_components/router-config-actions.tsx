'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import {
  acceptRouterHostKeyAction,
  runConfigBackupAction,
  saveConfigBackupSettingsAction,
} from '@/app/_actions/network';
import { JobStatus, type WatchedJob } from '@/components/jobs/job-watch';
import { useQueuedJob } from '@/components/jobs/use-queued-job';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

function RunResult({ job }: { job: WatchedJob }) {
  const t = useTranslations('routerConfig.run');
  const r = (job.result ?? {}) as { status?: string; added?: number | null; removed?: number | null };
  const text =
    r.status === 'unchanged'
      ? t('unchanged')
      : r.status === 'stored' && r.added !== null && r.added !== undefined
        ? t('stored', { added: r.added, removed: r.removed ?? 0 })
        : t('first');
  return (
    <p className="text-sm" data-testid="router-config-run-result">
      {text}
    </p>
  );
}

/** "Back up configuration now": queues the worker's job and follows it; the page refreshes when it ends. */
export function BackUpConfigNow({ routerId, runningJobId }: { routerId: string; runningJobId: string | null }) {
  const t = useTranslations('routerConfig.run');
  const router = useRouter();
  const job = useQueuedJob();
  const refresh = useCallback(() => router.refresh(), [router]);
  const followed = job.jobId ?? runningJobId;
  return (
    <div className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
      <Button
        data-testid="router-config-run"
        disabled={job.pending}
        onClick={() => job.run(() => runConfigBackupAction({ routerId }))}
      >
        {t('button')}
      </Button>
      <p className="text-xs text-slate-500">{t('hint')}</p>
      {job.error && <Alert>{job.error}</Alert>}
      {followed && (
        <JobStatus jobId={followed} onFinished={refresh} testId="router-config-job">
          {(j) => <RunResult job={j} />}
        </JobStatus>
      )}
    </div>
  );
}

/** Trusts the key the router presented, after the admin compared it on the router. */
export function AcceptHostKey({ routerId, fingerprint }: { routerId: string; fingerprint: string }) {
  const t = useTranslations('routerConfig.hostKeyChanged');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        testId="router-config-accept-key"
        variant="primary"
        label={t('accept')}
        message={t('confirm', { fingerprint })}
        onConfirm={async () => {
          const r = await acceptRouterHostKeyAction({ routerId, fingerprint });
          if (r.ok) router.refresh();
          else setError(r.message);
        }}
      />
    </div>
  );
}

type Settings = { sshPort: number; enabled: boolean; keep: number };

/** SSH port, the nightly backup on or off, and how many versions to keep. */
export function ConfigBackupSettingsForm({ routerId, settings }: { routerId: string; settings: Settings }) {
  const t = useTranslations('routerConfig.settings');
  const tc = useTranslations('common');
  const router = useRouter();
  const form = useActionForm(saveConfigBackupSettingsAction, () => router.refresh());
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" data-testid="router-config-settings" noValidate>
      <h3 className="font-semibold">{t('title')}</h3>
      <input type="hidden" name="routerId" value={routerId} />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" className="h-5 w-5" defaultChecked={settings.enabled} />
        {t('enabled')}
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('sshPort')}
          name="sshPort"
          id={`sshPort-${routerId}`}
          inputMode="numeric"
          defaultValue={settings.sshPort}
          hint={t('sshPortHint')}
          error={form.fieldError('sshPort')}
        />
        <TextField
          label={t('keep')}
          name="keep"
          id={`keep-${routerId}`}
          inputMode="numeric"
          defaultValue={settings.keep}
          hint={t('keepHint')}
          error={form.fieldError('keep')}
        />
      </div>
      {form.error && !form.result?.ok && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('saved')}</Alert>}
      <Button type="submit" variant="secondary" disabled={form.pending} data-testid="router-config-settings-save">
        {form.pending ? tc('saving') : tc('save')}
      </Button>
    </form>
  );
}
