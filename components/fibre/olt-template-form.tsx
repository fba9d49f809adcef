'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { updateOltTemplateAction } from '@/app/_actions/olt-cli';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import type { OltTemplate } from '@/db/enums';
import type { Result } from '@/lib/server/operation';

type Row = { key: string; value: string };

export function OltTemplateForm({
  oltId,
  template,
  defaults,
  canManage,
}: {
  oltId: string;
  template: OltTemplate;
  defaults: OltTemplate;
  canManage: boolean;
}) {
  const t = useTranslations('oltCli');
  const [commands, setCommands] = useState(template.commands);
  const [rows, setRows] = useState<Row[]>(Object.entries(template.values).map(([key, value]) => ({ key, value })));
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const failure = result && !result.ok ? result : null;
  // The schema names nested fields (template.commands); the template check names them plainly.
  const fieldError = (name: string) => failure?.fieldErrors?.[name] ?? failure?.fieldErrors?.[`template.${name}`];
  const save = () =>
    startTransition(async () => {
      const values = Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value.trim()]));
      setResult(await updateOltTemplateAction({ oltId, template: { commands, values } }));
    });
  const reset = () => {
    setCommands(defaults.commands);
    setRows(Object.entries(defaults.values).map(([key, value]) => ({ key, value })));
  };
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('template.title')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('template.hint')}</p>
      {failure && <Alert>{failure.message}</Alert>}
      {result?.ok && <Alert kind="success">{t('template.saved')}</Alert>}
      <div className="space-y-1">
        <label htmlFor={`template-${oltId}`} className="block text-sm font-medium">
          {t('template.commands')}
        </label>
        <textarea
          id={`template-${oltId}`}
          data-testid="olt-template-commands"
          className={`${inputClass} min-h-64 py-2 font-mono text-sm`}
          value={commands}
          maxLength={4000}
          readOnly={!canManage}
          onChange={(e) => setCommands(e.target.value)}
          aria-invalid={Boolean(fieldError('commands'))}
        />
        {fieldError('commands') && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {fieldError('commands')}
          </p>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t('template.values')}</legend>
        {rows.map((row, i) => (
          <div key={i} className="flex flex-wrap items-start gap-2" data-testid="olt-template-value">
            <input
              aria-label={t('template.valueName')}
              className={`${inputClass} w-40 flex-none font-mono`}
              value={row.key}
              maxLength={32}
              readOnly={!canManage}
              onChange={(e) => set(i, { key: e.target.value })}
            />
            <input
              aria-label={t('template.value')}
              className={`${inputClass} min-w-0 flex-1 font-mono`}
              value={row.value}
              maxLength={64}
              readOnly={!canManage}
              onChange={(e) => set(i, { value: e.target.value })}
            />
            {canManage && (
              <Button variant="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('template.removeValue')}
              </Button>
            )}
            {fieldError(`values.${row.key}`) && (
              <p role="alert" className="w-full text-sm text-red-600">
                {fieldError(`values.${row.key}`)}
              </p>
            )}
          </div>
        ))}
      </fieldset>
      {canManage && (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setRows([...rows, { key: '', value: '' }])}>
            {t('template.addValue')}
          </Button>
          <Button variant="secondary" onClick={reset}>
            {t('template.reset')}
          </Button>
          <Button data-testid="olt-template-save" disabled={pending} onClick={save}>
            {t('template.save')}
          </Button>
        </div>
      )}
    </Card>
  );
}
