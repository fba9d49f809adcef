'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { checkBackupTargetAction, removeBackupTargetAction } from '@/app/_actions/backups';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DEFAULT_TARGET_NAME } from '@/lib/backups/constants';
import type { ShownTarget } from '@/lib/backups/targets';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { TargetForm } from './target-form';
import { errorWords, type Json } from './words';

/** The targets as cards (one column on a phone), each with test, edit and remove; then "add". */
export function TargetList({
  targets,
  locale,
  timeZone,
}: {
  targets: Json<ShownTarget>[];
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations('backups.targets');
  const [adding, setAdding] = useState(false);
  return (
    <div className="space-y-3">
      {targets.length === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="backup-targets">
          {targets.map((target) => (
            <li key={target.id}>
              <TargetCard target={target} locale={locale} timeZone={timeZone} />
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <Card className="space-y-3">
          <h3 className="font-semibold">{t('addTitle')}</h3>
          <TargetForm onSaved={() => setAdding(false)} />
          <Button variant="secondary" onClick={() => setAdding(false)}>
            {t('cancel')}
          </Button>
        </Card>
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)} data-testid="add-target">
          {t('addTitle')}
        </Button>
      )}
    </div>
  );
}

function TargetCard({ target, locale, timeZone }: { target: Json<ShownTarget>; locale: Locale; timeZone: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const name = target.isDefault && target.name === DEFAULT_TARGET_NAME ? t('backups.targets.defaultName') : target.name;
  const run = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await action();
      setError(r.ok ? null : (r.message ?? null));
      router.refresh();
    });
  return (
    <Card className="min-w-0 space-y-3">
      <div data-testid="backup-target" data-name={target.name} className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="break-words font-medium">{name}</span>
          <Badge color="slate">{t(`backups.targets.kinds.${target.kind}`)}</Badge>
          {!target.enabled && <Badge color="amber">{t('backups.targets.disabled')}</Badge>}
        </div>
        <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{target.label}</p>
        {target.kind === 'sftp' && target.config.hostKeySha256 && (
          <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400" data-testid="target-host-key">
            {t('backups.targets.savedHostKey', { fingerprint: String(target.config.hostKeySha256) })}
          </p>
        )}
        <CheckLine target={target} locale={locale} timeZone={timeZone} />
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pending || target.checking}
          onClick={() => run(() => checkBackupTargetAction({ targetId: target.id }))}
          data-testid="check-target"
        >
          {t('backups.targets.check')}
        </Button>
        <Button variant="secondary" onClick={() => setEditing((v) => !v)} data-testid="edit-target">
          {editing ? t('backups.targets.cancel') : t('backups.targets.edit')}
        </Button>
        <ConfirmButton
          label={t('backups.targets.remove')}
          message={t('backups.targets.removeConfirm', { name })}
          onConfirm={() => run(() => removeBackupTargetAction({ targetId: target.id }))}
          testId="remove-target"
        />
      </div>
      {editing && <TargetForm target={target} onSaved={() => setEditing(false)} />}
    </Card>
  );
}

/** The last *Uji*: checking, fine (when), or why it failed in words with the store's own detail. */
function CheckLine({ target, locale, timeZone }: { target: Json<ShownTarget>; locale: Locale; timeZone: string }) {
  const t = useTranslations();
  if (target.checking)
    return (
      <p className="text-sm text-slate-600" data-testid="target-check" data-state="checking">
        {t('backups.targets.checking')}
      </p>
    );
  if (!target.checkedAt) return null;
  if (!target.checkError)
    return (
      <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="target-check" data-state="ok">
        {t('backups.targets.checkOk', { at: formatDateTime(target.checkedAt, locale, timeZone) })}
      </p>
    );
  return (
    <div className="text-sm text-red-700 dark:text-red-400" data-testid="target-check" data-state="failed">
      <p>{errorWords(t, target.checkError)}</p>
      {target.checkMessage && (
        <p className="mt-1 break-words font-mono text-xs text-slate-500">{target.checkMessage}</p>
      )}
    </div>
  );
}
