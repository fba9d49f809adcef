'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveOltAction } from '@/app/_actions/olts';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { OLT_TRANSPORTS, OLT_VENDORS, type OltVendor, SNMP_VERSIONS } from '@/db/enums';

export type EditableOlt = {
  id: string;
  name: string;
  vendor: OltVendor;
  model: string;
  host: string;
  transport: 'telnet' | 'ssh';
  port: number;
  username: string;
  hasEnablePassword: boolean;
  snmpVersion: '2c' | '3';
  snmpPort: number;
  hasSnmpCommunity: boolean;
  snmpV3User: string | null;
  snmpV3AuthProtocol: string | null;
  hasSnmpV3AuthKey: boolean;
  snmpV3PrivProtocol: string | null;
  hasSnmpV3PrivKey: boolean;
  pollMinutes: number;
  siteId: string | null;
};

const CLI_PORTS = { telnet: '23', ssh: '22' } as const;

/** Add or edit an OLT. Passwords, community and keys never come back: blank keeps the stored one. */
export function OltForm({
  olt,
  sites,
  models,
}: {
  olt?: EditableOlt;
  sites: { id: string; code: string; name: string }[];
  models: Record<OltVendor, string[]>;
}) {
  const t = useTranslations();
  const nav = useRouter();
  const [vendor, setVendor] = useState<OltVendor>(olt?.vendor ?? 'zte');
  const [transport, setTransport] = useState<'telnet' | 'ssh'>(olt?.transport ?? 'telnet');
  const [port, setPort] = useState(String(olt?.port ?? CLI_PORTS.telnet));
  const [snmpVersion, setSnmpVersion] = useState(olt?.snmpVersion ?? '2c');
  const form = useActionForm(saveOltAction, (data) => {
    nav.push(`/olts/${data.id}`);
    nav.refresh();
  });
  const f = form.fieldError;
  const keep = (set: boolean | undefined) =>
    olt && set ? { placeholder: t('olts.secretKeep'), hint: t('olts.secretSet') } : {};
  const changeTransport = (next: 'telnet' | 'ssh') => {
    // Follow the usual port along, never overwriting one the operator typed.
    if (port === CLI_PORTS[transport]) setPort(CLI_PORTS[next]);
    setTransport(next);
  };
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="olt-form">
        <div className="sm:col-span-2">{form.error && <Alert>{form.error}</Alert>}</div>
        <input type="hidden" name="oltId" value={olt?.id ?? ''} />
        <TextField
          label={t('olts.name')}
          name="name"
          defaultValue={olt?.name}
          error={f('name')}
          hint={t('olts.nameHint')}
        />
        <SelectField
          label={t('olts.vendor')}
          name="vendor"
          value={vendor}
          onChange={(e) => setVendor(e.target.value as OltVendor)}
          error={f('vendor')}
          options={OLT_VENDORS.map((v) => ({ value: v, label: t(`olts.vendors.${v}`) }))}
        />
        <TextField
          label={t('olts.model')}
          name="model"
          defaultValue={olt?.model ?? models[vendor][0]}
          list="olt-models"
          error={f('model')}
          hint={t('olts.modelHint')}
        />
        <datalist id="olt-models">
          {models[vendor].map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <SelectField
          label={t('olts.site')}
          name="siteId"
          defaultValue={olt?.siteId ?? ''}
          error={f('siteId')}
          hint={sites.length === 0 ? t('olts.siteNone') : t('olts.siteHint')}
          options={[
            { value: '', label: t('network.none') },
            ...sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
          ]}
        />
        <h3 className="pt-2 font-semibold sm:col-span-2">{t('olts.cliTitle')}</h3>
        <TextField
          label={t('olts.host')}
          name="host"
          defaultValue={olt?.host}
          error={f('host')}
          autoCapitalize="off"
          spellCheck={false}
          placeholder="10.10.0.2"
        />
        <SelectField
          label={t('olts.transport')}
          name="transport"
          value={transport}
          onChange={(e) => changeTransport(e.target.value as 'telnet' | 'ssh')}
          error={f('transport')}
          options={OLT_TRANSPORTS.map((v) => ({ value: v, label: t(`olts.transports.${v}`) }))}
        />
        <TextField
          label={t('olts.port')}
          name="port"
          inputMode="numeric"
          value={port}
          onChange={(e) => setPort(e.target.value)}
          error={f('port')}
          hint={t('olts.portHint')}
        />
        <TextField
          label={t('olts.username')}
          name="username"
          defaultValue={olt?.username}
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
          {...keep(true)}
          error={f('password')}
        />
        <TextField
          label={t('olts.enablePassword')}
          name="enablePassword"
          type="password"
          autoComplete="new-password"
          {...(olt?.hasEnablePassword ? keep(true) : { hint: t('olts.enablePasswordHint') })}
          error={f('enablePassword')}
        />
        {olt?.hasEnablePassword && (
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="clearEnablePassword" className="h-5 w-5" />
            {t('olts.clearEnablePassword')}
          </label>
        )}
        <h3 className="pt-2 font-semibold sm:col-span-2">{t('olts.snmpTitle')}</h3>
        <SelectField
          label={t('olts.snmpVersion')}
          name="snmpVersion"
          value={snmpVersion}
          onChange={(e) => setSnmpVersion(e.target.value as '2c' | '3')}
          error={f('snmpVersion')}
          options={SNMP_VERSIONS.map((v) => ({ value: v, label: `SNMP v${v}` }))}
        />
        <TextField
          label={t('olts.snmpPort')}
          name="snmpPort"
          inputMode="numeric"
          defaultValue={olt?.snmpPort ?? 161}
          error={f('snmpPort')}
        />
        {snmpVersion === '2c' ? (
          <TextField
            label={t('olts.snmpCommunity')}
            name="snmpCommunity"
            type="password"
            autoComplete="off"
            {...(olt?.hasSnmpCommunity ? keep(true) : { hint: t('olts.snmpCommunityHint') })}
            error={f('snmpCommunity')}
          />
        ) : (
          <>
            <TextField
              label={t('olts.snmpV3User')}
              name="snmpV3User"
              defaultValue={olt?.snmpV3User ?? ''}
              autoCapitalize="off"
              error={f('snmpV3User')}
            />
            <SelectField
              label={t('olts.snmpV3AuthProtocol')}
              name="snmpV3AuthProtocol"
              defaultValue={olt?.snmpV3AuthProtocol ?? 'SHA'}
              error={f('snmpV3AuthProtocol')}
              options={['SHA', 'MD5'].map((v) => ({ value: v, label: v }))}
            />
            <TextField
              label={t('olts.snmpV3AuthKey')}
              name="snmpV3AuthKey"
              type="password"
              autoComplete="off"
              {...keep(olt?.hasSnmpV3AuthKey)}
              error={f('snmpV3AuthKey')}
            />
            <SelectField
              label={t('olts.snmpV3PrivProtocol')}
              name="snmpV3PrivProtocol"
              defaultValue={olt?.snmpV3PrivProtocol ?? 'AES'}
              error={f('snmpV3PrivProtocol')}
              options={['AES', 'DES'].map((v) => ({ value: v, label: v }))}
            />
            <TextField
              label={t('olts.snmpV3PrivKey')}
              name="snmpV3PrivKey"
              type="password"
              autoComplete="off"
              {...keep(olt?.hasSnmpV3PrivKey)}
              error={f('snmpV3PrivKey')}
            />
          </>
        )}
        <TextField
          label={t('olts.pollMinutes')}
          name="pollMinutes"
          inputMode="numeric"
          defaultValue={olt?.pollMinutes ?? 5}
          error={f('pollMinutes')}
          hint={t('olts.pollMinutesHint')}
        />
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <Button type="submit" disabled={form.pending} data-testid="olt-save">
            {form.pending ? t('common.saving') : t('common.save')}
          </Button>
          <Link href={olt ? `/olts/${olt.id}` : '/olts'} className={buttonClass('secondary')}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </Card>
  );
}
