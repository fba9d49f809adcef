'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { createApiKeyAction } from '@/app/_actions/api-keys';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import { TextField } from '@/components/ui/field';
import type { Result } from '@/lib/server/operation';
import type { ScopeAreas } from './api-keys';

/**
 * "Buat kunci API": a name, the scopes (the maker's own permissions, grouped by area, with a
 * read-only and a full preset), an optional last day and a limit per minute.
 */
export function CreateKeyForm({
  areas,
  presets,
  years,
  onCancel,
  onCreated,
}: {
  areas: ScopeAreas;
  presets: { read: string[]; full: string[] };
  years: [number, number];
  onCancel: () => void;
  onCreated: (made: { name: string; token: string }) => void;
}) {
  const t = useTranslations('apiKeys');
  const tr = useTranslations('roles');
  const [scopes, setScopes] = useState<Set<string>>(() => new Set(presets.read));
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const toggle = (scope: string, on: boolean) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '');
    startTransition(async () => {
      const r = await createApiKeyAction({
        name,
        scopes: [...scopes],
        expiresOn: String(form.get('expiresOn') ?? ''),
        rateLimitPerMinute: String(form.get('rateLimitPerMinute') ?? ''),
      });
      setResult(r);
      if (r.ok) onCreated({ name: r.data.name, token: r.data.token });
    });
  };
  const scopeError = fieldError('scopes');
  return (
    <Card>
      <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="api-key-form">
        <h2 className="font-semibold">{t('create')}</h2>
        {result && !result.ok && <Alert>{result.message}</Alert>}
        <TextField
          label={t('name')}
          name="name"
          autoComplete="off"
          maxLength={80}
          placeholder={t('namePlaceholder')}
          error={fieldError('name')}
        />
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('scopes')}</legend>
          <p className="text-xs text-slate-500">{t('scopesHint')}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setScopes(new Set(presets.read))} data-testid="preset-read">
              {t('presetRead')}
            </Button>
            <Button variant="secondary" onClick={() => setScopes(new Set(presets.full))} data-testid="preset-full">
              {t('presetFull')}
            </Button>
            <Button variant="ghost" onClick={() => setScopes(new Set())}>
              {t('presetNone')}
            </Button>
          </div>
          {scopeError && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {scopeError}
            </p>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            {areas.map((a) => (
              <div key={a.area} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
                <p className="mb-1 text-sm font-medium">{t.has(`areas.${a.area}`) ? t(`areas.${a.area}`) : a.area}</p>
                {a.scopes.map((s) => (
                  <label key={s} className="flex min-h-11 items-center gap-3 text-sm">
                    <input
                      type="checkbox"
                      className="size-5 shrink-0"
                      checked={scopes.has(s)}
                      onChange={(e) => toggle(s, e.target.checked)}
                      data-scope={s}
                    />
                    <span className="min-w-0">{tr(`permissions.${s.replace('.', '_')}`)}</span>
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField
            label={t('expiresOn')}
            name="expiresOn"
            years={years}
            hint={t('expiresOnHint')}
            error={fieldError('expiresOn')}
            testId="api-key-expiry"
          />
          <TextField
            label={t('rateLimit')}
            name="rateLimitPerMinute"
            type="number"
            inputMode="numeric"
            min={10}
            max={6000}
            defaultValue={600}
            hint={t('rateLimitHint')}
            error={fieldError('rateLimitPerMinute')}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending} data-testid="api-key-submit" className="w-full sm:w-auto">
            {t('submit')}
          </Button>
          <Button variant="secondary" onClick={onCancel} className="w-full sm:w-auto">
            {t('cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
