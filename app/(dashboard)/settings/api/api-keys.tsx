'use client';
import { KeyRound, Plus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { revokeApiKeyAction } from '@/app/_actions/api-keys';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { CopyButton } from '@/components/ui/copy-button';
import { CreateKeyForm } from './create-key-form';

export type KeyView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: 'active' | 'revoked' | 'expired' | 'owner_inactive';
  maker: string | null;
  rateLimitPerMinute: number;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
};

export type ScopeAreas = { area: string; scopes: string[] }[];

const STATUS_COLOR = { active: 'green', revoked: 'red', expired: 'amber', owner_inactive: 'amber' } as const;

/** The key list (cards, also on a phone), the "make a key" form, and the token shown once. */
export function ApiKeys({
  keys,
  areas,
  presets,
  years,
}: {
  keys: KeyView[];
  areas: ScopeAreas;
  presets: { read: string[]; full: string[] };
  years: [number, number];
}) {
  const t = useTranslations('apiKeys');
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = (
    <Button onClick={() => setCreating(true)} data-testid="api-key-new">
      <Plus size={16} aria-hidden />
      {t('create')}
    </Button>
  );
  return (
    <div className="space-y-4">
      {made && (
        <Card className="space-y-3 border-amber-300 dark:border-amber-800">
          <h2 className="font-semibold">{t('made.title', { name: made.name })}</h2>
          <Alert kind="warning">{t('made.warning')}</Alert>
          <code
            className="block break-all rounded-lg bg-slate-100 p-3 font-mono text-sm dark:bg-slate-800"
            data-testid="api-key-token"
          >
            {made.token}
          </code>
          <div className="flex flex-wrap gap-2">
            <CopyButton text={made.token} variant="primary" testId="api-key-copy" />
            <Button variant="secondary" onClick={() => setMade(null)} data-testid="api-key-done">
              {t('made.done')}
            </Button>
          </div>
        </Card>
      )}
      {creating ? (
        <CreateKeyForm
          areas={areas}
          presets={presets}
          years={years}
          onCancel={() => setCreating(false)}
          onCreated={(m) => {
            setCreating(false);
            setMade(m);
          }}
        />
      ) : (
        keys.length > 0 && <div className="flex justify-end">{start}</div>
      )}
      {error && <Alert>{error}</Alert>}
      {keys.length === 0 && !creating ? (
        <EmptyState title={t('emptyTitle')} hint={t('emptyHint')} action={start} />
      ) : (
        <ul className="space-y-3" data-testid="api-keys">
          {keys.map((k) => (
            <KeyCard key={k.id} k={k} onError={setError} />
          ))}
        </ul>
      )}
    </div>
  );
}

function KeyCard({ k, onError }: { k: KeyView; onError: (message: string | null) => void }) {
  const t = useTranslations('apiKeys');
  const tr = useTranslations('roles');
  return (
    <li data-testid="api-key" data-status={k.status}>
      <Card className="space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <div className="flex items-center gap-2 font-medium">
              <KeyRound size={16} className="shrink-0 text-brand-600" aria-hidden />
              <span className="break-words">{k.name}</span>
            </div>
            <code className="text-xs text-slate-500" data-testid="api-key-prefix">{`jrg_${k.prefix}…`}</code>
          </div>
          <Badge color={STATUS_COLOR[k.status]}>{t(`status.${k.status}`)}</Badge>
        </div>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
          <Fact label={t('maker')} value={k.maker ?? '—'} />
          <Fact label={t('created')} value={k.createdAt} />
          <Fact
            label={t('lastUsed')}
            value={k.lastUsedAt ? `${k.lastUsedAt}${k.lastUsedIp ? ` · ${k.lastUsedIp}` : ''}` : t('neverUsed')}
          />
          <Fact label={t('expires')} value={k.expiresAt ?? t('noExpiry')} />
          <Fact label={t('limit')} value={t('perMinute', { n: k.rateLimitPerMinute })} />
          {k.revokedAt && <Fact label={t('revokedAt')} value={k.revokedAt} />}
        </dl>
        <details className="text-sm">
          <summary className="flex min-h-11 cursor-pointer items-center text-brand-700 dark:text-brand-400">
            {t('scopesCount', { n: k.scopes.length })}
          </summary>
          <ul className="list-disc space-y-0.5 pl-5 text-slate-600 dark:text-slate-400">
            {k.scopes.map((s) => (
              <li key={s}>
                {tr.has(`permissions.${s.replace('.', '_')}`) ? tr(`permissions.${s.replace('.', '_')}`) : s}
              </li>
            ))}
          </ul>
        </details>
        <div className="flex flex-wrap gap-2">
          <Link href={`/settings/api/${k.id}`} className={buttonClass('secondary')} data-testid="api-key-calls">
            {t('calls')}
          </Link>
          {k.status !== 'revoked' && (
            <ConfirmButton
              label={t('revoke')}
              message={t('revokeConfirm', { name: k.name })}
              testId="api-key-revoke"
              onConfirm={async () => {
                const r = await revokeApiKeyAction({ apiKeyId: k.id });
                onError(r.ok ? null : r.message);
              }}
            />
          )}
        </div>
      </Card>
    </li>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="inline text-slate-500">{label}: </dt>
      <dd className="inline break-words">{value}</dd>
    </div>
  );
}
