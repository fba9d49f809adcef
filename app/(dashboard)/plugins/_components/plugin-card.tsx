'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { savePluginAction, setPluginEnabledAction } from '@/app/_actions/plugins';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import type { Result } from '@/lib/server/operation';

type FieldView = {
  key: string;
  type: 'text' | 'url' | 'secret' | 'number';
  required: boolean;
  label: string;
  hint: string;
  view: { set: boolean; value?: string; hint?: string };
};

export type NpmPluginView = {
  id: string;
  name: string;
  version: string;
  enabled: boolean;
  health: string;
  healthLabel: string;
  healthColor: 'green' | 'red' | 'amber' | 'slate';
  lastError: string | null;
  lastErrorAt: string | null;
  plugin: {
    description: string | null;
    fields: FieldView[];
    offered: { type: string; label: string }[];
    eventTypes: string[];
    runs: { id: number; hook: string; outcome: string; label: string; ms: string; at: string; error: string | null }[];
  } | null;
};

/** A third-party plugin: health, on/off, its settings form (from the plugin's own field list) and its latest runs. */
export function PluginCard({ plugin: p }: { plugin: NpmPluginView }) {
  const t = useTranslations('plugins');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const toggle = (enabled: boolean) =>
    start(async () => {
      const r = await setPluginEnabledAction({ pluginId: p.id, enabled });
      setResult(r);
      if (r.ok) router.refresh();
      else if (r.code === 'plugin_not_configured') setOpen(true);
    });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const config: Record<string, string> = {};
    for (const f of p.plugin?.fields ?? []) config[f.key] = String(form.get(`config.${f.key}`) ?? '');
    start(async () => {
      const r = await savePluginAction({
        pluginId: p.id,
        enabled: form.get('enabled') === 'on',
        eventTypes: form.getAll('eventTypes').map(String) as never,
        config,
      });
      setResult(r);
      if (r.ok) {
        setOpen(false);
        router.refresh();
      }
    });
  };
  return (
    <Card className="space-y-3">
      <div data-testid={`plugin-${p.id}`} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="font-medium break-words">{p.name}</p>
            <p className="text-xs text-slate-500">
              {t('npm')} · {t('version', { version: p.version })}
            </p>
            {p.plugin?.description && (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{p.plugin.description}</p>
            )}
          </div>
          <span data-testid="plugin-health" data-health={p.health}>
            <Badge color={p.healthColor}>{p.healthLabel}</Badge>
          </span>
        </div>
        {p.lastError && (
          <p
            className="break-words rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
            data-testid="plugin-error"
          >
            {p.lastErrorAt ? t('lastErrorAt', { at: p.lastErrorAt }) : t('lastError')}: {p.lastError}
          </p>
        )}
        {result && !result.ok && !open && <Alert>{result.message}</Alert>}
        {result?.ok && !open && <Alert kind="success">{t('saved')}</Alert>}
        {p.plugin && (
          <div className="flex flex-wrap gap-2">
            {p.enabled ? (
              <ConfirmButton
                label={t('disable')}
                message={t('confirmDisable')}
                variant="secondary"
                testId="plugin-disable"
                disabled={pending}
                onConfirm={() => toggle(false)}
              />
            ) : (
              <Button disabled={pending} onClick={() => toggle(true)} data-testid="plugin-enable">
                {t('enable')}
              </Button>
            )}
            <Button
              variant="secondary"
              onClick={() => setOpen(!open)}
              data-testid="plugin-configure"
              aria-expanded={open}
            >
              {open ? t('close') : t('configure')}
            </Button>
          </div>
        )}
        {p.plugin && open && (
          <form
            onSubmit={submit}
            className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800"
            noValidate
            data-testid="plugin-form"
          >
            {result && !result.ok && <Alert>{result.message}</Alert>}
            {p.plugin.fields.map((f) => (
              <TextField
                key={f.key}
                id={`${p.id}-${f.key}`}
                name={`config.${f.key}`}
                label={f.label}
                type={f.type === 'secret' ? 'password' : f.type === 'number' ? 'number' : 'text'}
                inputMode={f.type === 'url' ? 'url' : undefined}
                autoComplete="off"
                defaultValue={f.type === 'secret' ? '' : (f.view.value ?? '')}
                hint={
                  f.type === 'secret'
                    ? f.view.set
                      ? t('secretKeep', { hint: f.view.hint ?? '' })
                      : t('secretNone')
                    : f.hint
                }
                error={fieldError(`config.${f.key}`)}
              />
            ))}
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('hooks')}</legend>
              <p className="text-xs text-slate-500">{t('hooksHint')}</p>
              {p.plugin.offered.map((h) => (
                <label key={h.type} className="flex min-h-11 items-center gap-3 text-sm">
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={h.type}
                    defaultChecked={p.plugin!.eventTypes.includes(h.type)}
                    className="size-5"
                  />
                  <span>
                    {h.label} <span className="font-mono text-xs text-slate-500">{h.type}</span>
                  </span>
                </label>
              ))}
              {fieldError('eventTypes') && <p className="text-sm text-red-600">{fieldError('eventTypes')}</p>}
            </fieldset>
            <label className="flex min-h-11 items-center gap-3 text-sm font-medium">
              <input
                type="checkbox"
                name="enabled"
                defaultChecked={p.enabled || !p.plugin.fields.some((f) => f.view.set)}
                className="size-5"
              />
              {t('enabled')}
            </label>
            <Button type="submit" disabled={pending} data-testid="plugin-save" className="w-full sm:w-auto">
              {t('save')}
            </Button>
          </form>
        )}
        {p.plugin && (
          <div className="space-y-2">
            <h3 className="text-sm font-semibold">{t('recentRuns')}</h3>
            {p.plugin.runs.length === 0 ? (
              <p className="text-sm text-slate-500">{t('noRuns')}</p>
            ) : (
              <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="plugin-runs">
                {p.plugin.runs.map((r) => (
                  <li key={r.id} className="py-2" data-outcome={r.outcome}>
                    <div className="flex flex-wrap justify-between gap-x-3">
                      <span className="font-mono text-xs">{r.hook}</span>
                      <span className="text-xs text-slate-500">
                        {r.at} · {r.ms}
                      </span>
                    </div>
                    <p
                      className={
                        r.outcome === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'
                      }
                    >
                      {r.label}
                    </p>
                    {r.error && <p className="break-words text-xs text-slate-600 dark:text-slate-400">{r.error}</p>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
