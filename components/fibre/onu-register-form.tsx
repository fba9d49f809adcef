'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { previewRegistrationAction, registerOnuAction, searchOnuSubscriptionsAction } from '@/app/_actions/olt-cli';
import { JobError } from '@/components/job-error';
import { JobStatus } from '@/components/jobs/job-watch';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { inputClass, TextField } from '@/components/ui/field';
import type { Result } from '@/lib/server/operation';

type Choice = {
  subscriptionId: string;
  username: string;
  customerName: string;
  customerNumber: number;
  hasOnu: boolean;
};
type Preview = { serial: string; onuIndex: number; port: string; commands: string[] };

/**
 * Registering one waiting ONU: name, customer (searched), the template's values (prefilled,
 * changeable for this ONU) → the exact commands the OLT will get → confirm → the job, live.
 */
export function OnuRegisterForm({
  oltId,
  onu,
  values: defaults,
  onClose,
  onDone,
}: {
  oltId: string;
  onu: { serial: string; ponPortId: string; portName: string };
  values: Record<string, string>;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useTranslations('oltCli');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>(defaults);
  const [q, setQ] = useState('');
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<Extract<Result<unknown>, { ok: false }> | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const input = () => ({
    oltId,
    ponPortId: onu.ponPortId,
    serial: onu.serial,
    name: name || undefined,
    subscriptionId: chosen?.subscriptionId ?? '',
    values,
  });
  const search = () =>
    startTransition(async () => {
      const r = await searchOnuSubscriptionsAction({ q });
      setChoices(r.ok ? r.data : []);
      if (!r.ok) setFailure(r);
    });
  const askPreview = () =>
    startTransition(async () => {
      setFailure(null);
      const r = await previewRegistrationAction(input());
      if (r.ok) setPreview(r.data);
      else setFailure(r);
    });
  const send = () =>
    startTransition(async () => {
      setFailure(null);
      const r = await registerOnuAction(input());
      if (r.ok) setJobId(r.data.jobId);
      else setFailure(r);
    });
  const fieldError = (key: string) => failure?.fieldErrors?.[key];

  if (jobId)
    return (
      <div className="space-y-2 rounded-lg bg-slate-50 p-3 dark:bg-slate-900" data-testid="onu-register-job">
        <p className="text-sm">{t('register.queued')}</p>
        <JobStatus jobId={jobId} onFinished={onDone} />
      </div>
    );

  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-900" data-testid="onu-register-form">
      <h3 className="font-medium">{t('register.title', { serial: onu.serial })}</h3>
      {failure && !failure.fieldErrors && (
        <Alert>
          <JobError error={failure.message} />
        </Alert>
      )}
      {preview ? (
        <div className="space-y-2">
          <p className="text-sm">{t('register.previewTitle', { onuIndex: preview.onuIndex, port: preview.port })}</p>
          <pre
            className="max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-3 font-mono text-xs text-slate-100"
            data-testid="onu-register-preview"
          >
            {preview.commands.join('\n')}
          </pre>
          <div className="flex flex-wrap gap-2">
            <Button data-testid="onu-register-confirm" disabled={pending} onClick={send}>
              {t('register.confirm')}
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setPreview(null)}>
              {t('register.edit')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          <TextField
            label={t('register.name')}
            name="name"
            id={`name-${onu.serial}`}
            hint={t('register.nameHint')}
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
            error={fieldError('name')}
          />
          <div className="space-y-1">
            <label htmlFor={`q-${onu.serial}`} className="block text-sm font-medium">
              {t('register.customer')}
            </label>
            {chosen ? (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span data-testid="onu-register-customer">
                  {chosen.customerName} · {chosen.username}
                </span>
                <Button variant="secondary" onClick={() => setChosen(null)}>
                  {t('register.noCustomer')}
                </Button>
              </div>
            ) : (
              <div className="flex gap-2">
                <input
                  id={`q-${onu.serial}`}
                  className={inputClass}
                  placeholder={t('register.customerSearch')}
                  value={q}
                  maxLength={100}
                  onChange={(e) => setQ(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      search();
                    }
                  }}
                />
                <Button variant="secondary" disabled={pending || q.trim().length < 2} onClick={search}>
                  {t('register.customer')}
                </Button>
              </div>
            )}
            {!chosen && choices?.length === 0 && <p className="text-sm text-slate-500">{t('register.customerNone')}</p>}
            {!chosen && choices && choices.length > 0 && (
              <ul className="space-y-1" data-testid="onu-register-choices">
                {choices.map((c) => (
                  <li key={c.subscriptionId}>
                    <button
                      type="button"
                      className="min-h-11 w-full rounded-lg border border-slate-200 px-3 text-left text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                      onClick={() => setChosen(c)}
                    >
                      {c.customerName} · {c.username} · #{c.customerNumber}
                      {c.hasOnu && <span className="text-amber-700"> ({t('register.customerHasOnu')})</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="grid gap-2 sm:grid-cols-2">
            {Object.entries(values).map(([key, value]) => (
              <TextField
                key={key}
                label={key}
                name={`values.${key}`}
                id={`${key}-${onu.serial}`}
                value={value}
                maxLength={64}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                error={fieldError(`values.${key}`)}
              />
            ))}
          </div>
          {fieldError('commands') && <p className="text-sm text-red-600">{fieldError('commands')}</p>}
          {fieldError('serial') && <p className="text-sm text-red-600">{fieldError('serial')}</p>}
          <div className="flex flex-wrap gap-2">
            <Button data-testid="onu-register-preview-button" disabled={pending} onClick={askPreview}>
              {t('register.preview')}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {t('register.cancel')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
