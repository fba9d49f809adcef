'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveSessionAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { HttpTransportKind, TransportConfigField } from '@/lib/messaging/transports';
import { TRANSPORTS, type TransportKind } from '@/lib/messaging/types';

export type SessionFormValues = {
  id: string;
  name: string;
  transport: TransportKind;
  priority: number;
  perMinute: number;
  dailyCap: number;
  enabled: boolean;
  configHints: Record<string, string>;
};

/**
 * Adds or edits a session. The transport of an existing session is fixed (its keys or
 * linked device belong to it); secret keys are never sent back: a blank one keeps the stored key.
 */
export function SessionForm({
  session,
  configFields,
  onSaved,
}: {
  session?: SessionFormValues;
  configFields: Record<HttpTransportKind, TransportConfigField[]>;
  onSaved?: () => void;
}) {
  const t = useTranslations('messaging.sessions');
  const tc = useTranslations('common');
  const router = useRouter();
  const [transport, setTransport] = useState<TransportKind>(session?.transport ?? 'baileys');
  const [formKey, setFormKey] = useState(0);
  const form = useActionForm(saveSessionAction, () => {
    if (!session) setFormKey((k) => k + 1);
    router.refresh();
    onSaved?.();
  });
  const f = form.fieldError;
  const id = (name: string) => `${session?.id ?? 'new'}-${name}`;
  const hints = session?.configHints ?? {};
  return (
    <form
      key={formKey}
      onSubmit={form.onSubmit}
      className="space-y-3"
      noValidate
      data-testid={session ? `session-form-${session.id}` : 'session-form-new'}
    >
      {session && <input type="hidden" name="sessionId" value={session.id} />}
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t(session ? 'saved' : 'added')}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('name')}
          name="name"
          id={id('name')}
          defaultValue={session?.name ?? ''}
          placeholder={t('namePlaceholder')}
          error={f('name')}
        />
        {session ? (
          <div className="space-y-1">
            <input type="hidden" name="transport" value={session.transport} />
            <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('transport')}</p>
            <p className="min-h-11 py-2 text-sm">{t(`transports.${session.transport}`)}</p>
          </div>
        ) : (
          <SelectField
            label={t('transport')}
            name="transport"
            id={id('transport')}
            value={transport}
            onChange={(e) => setTransport(e.target.value as TransportKind)}
            options={TRANSPORTS.map((x) => ({ value: x, label: t(`transports.${x}`) }))}
            hint={t(`transportHints.${transport}`)}
            error={f('transport')}
          />
        )}
        <TextField
          label={t('priority')}
          name="priority"
          id={id('priority')}
          inputMode="numeric"
          defaultValue={String(session?.priority ?? 1)}
          hint={t('priorityFieldHint')}
          error={f('priority')}
        />
        <TextField
          label={t('perMinute')}
          name="perMinute"
          id={id('perMinute')}
          inputMode="numeric"
          defaultValue={String(session?.perMinute ?? 10)}
          hint={t('perMinuteHint')}
          error={f('perMinute')}
        />
        <TextField
          label={t('dailyCap')}
          name="dailyCap"
          id={id('dailyCap')}
          inputMode="numeric"
          defaultValue={String(session?.dailyCap ?? 500)}
          hint={t('dailyCapHint')}
          error={f('dailyCap')}
        />
        {transport !== 'baileys' &&
          configFields[transport].map((c) => {
            const hint = hints[c.key] ?? '';
            return (
              <TextField
                key={c.key}
                label={t(`config.${c.key}`)}
                name={`cfg_${c.key}`}
                id={id(`cfg_${c.key}`)}
                type={c.secret ? 'password' : 'text'}
                autoComplete={c.secret ? 'new-password' : 'off'}
                defaultValue={c.secret ? '' : hint}
                placeholder={c.secret && hint ? t('stored', { hint }) : undefined}
                hint={c.secret && hint ? t('secretHint') : c.optional ? t('optional') : undefined}
                error={f(`cfg_${c.key}`)}
              />
            );
          })}
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={session?.enabled ?? true} className="h-5 w-5" />
        {t('enabled')}
      </label>
      <Button
        type="submit"
        disabled={form.pending}
        data-testid={session ? `save-session-${session.id}` : 'save-session'}
      >
        {form.pending ? tc('saving') : session ? tc('save') : t('addButton')}
      </Button>
    </form>
  );
}
