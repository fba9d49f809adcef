'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveBackupTargetAction } from '@/app/_actions/backups';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { BACKUP_TARGET_KINDS, type BackupTargetKind } from '@/db/enums';
import type { ShownTarget } from '@/lib/backups/targets';
import type { Json } from './words';

/**
 * Adds or changes a backup target. The kind of an existing target is fixed (its secret belongs
 * to it); the SFTP private key and the S3 secret key are never sent back: blank keeps the stored one.
 */
export function TargetForm({ target, onSaved }: { target?: Json<ShownTarget>; onSaved?: () => void }) {
  const t = useTranslations('backups.targets');
  const tc = useTranslations('common');
  const router = useRouter();
  const [kind, setKind] = useState<BackupTargetKind>(target?.kind ?? 'local');
  const [formKey, setFormKey] = useState(0);
  const form = useActionForm(saveBackupTargetAction, () => {
    if (!target) setFormKey((k) => k + 1);
    router.refresh();
    onSaved?.();
  });
  const f = form.fieldError;
  const id = (name: string) => `${target?.id ?? 'new'}-${name}`;
  const c = (target?.config ?? {}) as Record<string, string | number | boolean | null>;
  const value = (key: string, fallback = '') => String(c[key] ?? fallback);
  const stored = target?.secretHint ?? '';
  const secretProps = {
    autoComplete: 'new-password',
    placeholder: stored ? t('secretStored') : undefined,
    hint: stored ? t('secretKeep') : undefined,
  };
  return (
    <form
      key={formKey}
      onSubmit={form.onSubmit}
      className="space-y-3"
      noValidate
      data-testid={target ? `target-form-${target.id}` : 'target-form-new'}
    >
      {target && <input type="hidden" name="targetId" value={target.id} />}
      {form.error && <Alert>{form.error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('name')} name="name" id={id('name')} defaultValue={target?.name ?? ''} error={f('name')} />
        {target ? (
          <div className="space-y-1">
            <input type="hidden" name="kind" value={target.kind} />
            <p className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('kind')}</p>
            <p className="min-h-11 py-2 text-sm">{t(`kinds.${target.kind}`)}</p>
          </div>
        ) : (
          <SelectField
            label={t('kind')}
            name="kind"
            id={id('kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as BackupTargetKind)}
            options={BACKUP_TARGET_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            hint={t(`kindHints.${kind}`)}
            error={f('kind')}
          />
        )}
        {kind === 'local' && (
          <TextField
            label={t('path')}
            name="path"
            id={id('path')}
            defaultValue={value('path')}
            placeholder="/mnt/cadangan/jaring"
            hint={t('localPathHint')}
            error={f('path')}
          />
        )}
        {kind === 'sftp' && (
          <>
            <TextField label={t('host')} name="host" id={id('host')} defaultValue={value('host')} error={f('host')} />
            <TextField
              label={t('port')}
              name="port"
              id={id('port')}
              inputMode="numeric"
              defaultValue={value('port', '22')}
              error={f('port')}
            />
            <TextField
              label={t('username')}
              name="username"
              id={id('username')}
              autoComplete="off"
              defaultValue={value('username')}
              error={f('username')}
            />
            <TextField
              label={t('remotePath')}
              name="path"
              id={id('path')}
              defaultValue={value('path')}
              placeholder="/srv/cadangan/jaring"
              error={f('path')}
            />
            {/* The key this form was opened with: one learned since is kept unless this field is changed. */}
            {target && <input type="hidden" name="hostKeyLoaded" value={value('hostKeySha256')} />}
            <TextField
              label={t('hostKey')}
              name="hostKeySha256"
              id={id('hostKeySha256')}
              defaultValue={value('hostKeySha256')}
              placeholder="SHA256:…"
              hint={t('hostKeyHint')}
              error={f('hostKeySha256')}
            />
            <div className="space-y-1 sm:col-span-2">
              <label
                htmlFor={id('privateKey')}
                className="block text-sm font-medium text-slate-700 dark:text-slate-300"
              >
                {t('privateKey')}
              </label>
              <textarea
                id={id('privateKey')}
                name="privateKey"
                rows={4}
                spellCheck={false}
                autoComplete="off"
                placeholder={stored ? t('secretStored') : '-----BEGIN OPENSSH PRIVATE KEY-----'}
                aria-invalid={Boolean(f('privateKey'))}
                className={`${inputClass} py-2 font-mono text-xs`}
              />
              {f('privateKey') ? (
                <p role="alert" className="text-sm text-red-600 dark:text-red-400">
                  {f('privateKey')}
                </p>
              ) : (
                <p className="text-xs text-slate-500">{stored ? t('secretKeep') : t('privateKeyHint')}</p>
              )}
            </div>
          </>
        )}
        {kind === 's3' && (
          <>
            <TextField
              label={t('endpoint')}
              name="endpoint"
              id={id('endpoint')}
              defaultValue={value('endpoint')}
              placeholder="https://s3.example.id"
              hint={t('endpointHint')}
              error={f('endpoint')}
            />
            <TextField
              label={t('region')}
              name="region"
              id={id('region')}
              defaultValue={value('region', 'us-east-1')}
              error={f('region')}
            />
            <TextField
              label={t('bucket')}
              name="bucket"
              id={id('bucket')}
              defaultValue={value('bucket')}
              error={f('bucket')}
            />
            <TextField
              label={t('prefix')}
              name="prefix"
              id={id('prefix')}
              defaultValue={value('prefix')}
              placeholder="jaring/"
              error={f('prefix')}
            />
            <TextField
              label={t('accessKeyId')}
              name="accessKeyId"
              id={id('accessKeyId')}
              autoComplete="off"
              defaultValue={value('accessKeyId')}
              error={f('accessKeyId')}
            />
            <TextField
              label={t('secretAccessKey')}
              name="secretAccessKey"
              id={id('secretAccessKey')}
              type="password"
              error={f('secretAccessKey')}
              {...secretProps}
            />
            <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
              <input
                type="checkbox"
                name="forcePathStyle"
                defaultChecked={Boolean(c.forcePathStyle)}
                className="h-5 w-5"
              />
              {t('forcePathStyle')}
            </label>
          </>
        )}
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={target?.enabled ?? true} className="h-5 w-5" />
        {t('enabled')}
      </label>
      <Button type="submit" disabled={form.pending} data-testid={target ? `save-target-${target.id}` : 'save-target'}>
        {form.pending ? tc('saving') : target ? tc('save') : t('add')}
      </Button>
    </form>
  );
}
