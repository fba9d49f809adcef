'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveRouterAction } from '@/app/_actions/network';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { asInput, type FormFields, useActionForm } from '@/components/ui/use-action-form';
import { ROUTER_MODES } from '@/lib/network/constants';

export type EditableRouter = {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  area: string | null;
  mode: string;
  nasAddress?: string | null;
  coaPort?: number;
  hasRadiusSecret?: boolean;
  isolirProfile: string;
  isolirRateLimit: string;
  isolirAddressList: string;
  syncIntervalMinutes: number;
};

const API_PORT = '8728';
const API_SSL_PORT = '8729';

// The form posts a checkbox as "on"; the action wants a boolean.
const save = (fields: FormFields) => saveRouterAction(asInput({ ...fields, tls: fields.tls === 'on' }));

/** Add or edit a router. The password never comes back: blank on edit keeps the stored one. */
export function RouterForm({ router: existing, cancelHref }: { router?: EditableRouter; cancelHref?: string }) {
  const t = useTranslations();
  const nav = useRouter();
  const [tls, setTls] = useState(existing?.tls ?? false);
  const [mode, setMode] = useState(existing?.mode ?? 'api');
  const [port, setPort] = useState(String(existing?.port ?? API_PORT));
  const form = useActionForm(save, (data) => {
    nav.push(`/routers/${existing?.id ?? data.id}`);
    nav.refresh();
  });
  const f = form.fieldError;
  const toggleTls = (on: boolean) => {
    setTls(on);
    // Follow the default ports along, but never overwrite a port the operator typed.
    if (on && port === API_PORT) setPort(API_SSL_PORT);
    if (!on && port === API_SSL_PORT) setPort(API_PORT);
  };
  return (
    <Card>
      <h2 className="mb-3 font-semibold">
        {existing ? t('routers.editTitle', { name: existing.name }) : t('routers.new')}
      </h2>
      <form
        onSubmit={form.onSubmit}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        noValidate
        data-testid="router-form"
      >
        <div className="sm:col-span-2 lg:col-span-3">{form.error && <Alert>{form.error}</Alert>}</div>
        <input type="hidden" name="routerId" value={existing?.id ?? ''} />
        <TextField
          label={t('routers.name')}
          name="name"
          defaultValue={existing?.name}
          error={f('name')}
          hint={t('routers.nameHint')}
        />
        <TextField
          label={t('routers.host')}
          name="host"
          defaultValue={existing?.host}
          error={f('host')}
          autoCapitalize="off"
          spellCheck={false}
          placeholder="192.168.88.1"
        />
        <TextField
          label={t('routers.port')}
          name="port"
          inputMode="numeric"
          value={port}
          onChange={(e) => setPort(e.target.value)}
          error={f('port')}
          hint={t('routers.portHint')}
        />
        <label className="flex min-h-11 items-center gap-2 text-sm sm:mt-6">
          <input
            type="checkbox"
            name="tls"
            className="h-5 w-5"
            checked={tls}
            onChange={(e) => toggleTls(e.target.checked)}
          />
          {t('routers.tls')}
        </label>
        <TextField
          label={t('routers.username')}
          name="username"
          defaultValue={existing?.username}
          error={f('username')}
          autoCapitalize="off"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label={t('common.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder={existing ? t('routers.passwordKeep') : ''}
          hint={existing ? t('routers.passwordSet') : undefined}
          error={f('password')}
        />
        <TextField
          label={t('routers.area')}
          name="area"
          defaultValue={existing?.area ?? ''}
          error={f('area')}
          hint={t('routers.areaHint')}
        />
        <SelectField
          label={t('routers.mode')}
          name="mode"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          error={f('mode')}
          hint={t('routers.modeHint')}
          options={ROUTER_MODES.map((m) => ({ value: m, label: t(`routers.modes.${m}`) }))}
        />
        <TextField
          label={t('routers.syncInterval')}
          name="syncIntervalMinutes"
          inputMode="numeric"
          defaultValue={existing?.syncIntervalMinutes ?? 60}
          error={f('syncIntervalMinutes')}
          hint={t('routers.syncIntervalHint')}
        />
        {mode === 'radius' && (
          <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3 lg:col-span-3" data-testid="router-radius">
            <legend className="mb-1 text-sm font-semibold">{t('routers.radiusTitle')}</legend>
            <TextField
              label={t('routers.radiusSecret')}
              name="radiusSecret"
              type="password"
              autoComplete="new-password"
              error={f('radiusSecret')}
              hint={existing?.hasRadiusSecret ? t('routers.radiusSecretSet') : t('routers.radiusSecretHint')}
            />
            <TextField
              label={t('routers.nasAddress')}
              name="nasAddress"
              defaultValue={existing?.nasAddress ?? ''}
              error={f('nasAddress')}
              hint={t('routers.nasAddressHint')}
              autoCapitalize="off"
              spellCheck={false}
            />
            <TextField
              label={t('routers.coaPort')}
              name="coaPort"
              inputMode="numeric"
              defaultValue={existing?.coaPort ?? 3799}
              error={f('coaPort')}
              hint={t('routers.coaPortHint')}
            />
          </fieldset>
        )}
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3 lg:col-span-3">
          <legend className="mb-1 text-sm font-semibold">{t('routers.isolir')}</legend>
          <TextField
            label={t('routers.isolirProfile')}
            name="isolirProfile"
            defaultValue={existing?.isolirProfile ?? 'isolir'}
            error={f('isolirProfile')}
          />
          <TextField
            label={t('routers.isolirRateLimit')}
            name="isolirRateLimit"
            defaultValue={existing?.isolirRateLimit ?? '256k/256k'}
            error={f('isolirRateLimit')}
            hint={t('routers.isolirRateLimitHint')}
          />
          <TextField
            label={t('routers.isolirAddressList')}
            name="isolirAddressList"
            defaultValue={existing?.isolirAddressList ?? 'isolir'}
            error={f('isolirAddressList')}
            hint={t('routers.isolirAddressListHint')}
          />
        </fieldset>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={form.pending} data-testid="router-save">
            {form.pending ? t('common.saving') : t('common.save')}
          </Button>
          {cancelHref && (
            <Link href={cancelHref} className={buttonClass('secondary')}>
              {t('common.cancel')}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}
