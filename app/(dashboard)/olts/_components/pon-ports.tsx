'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { deletePonPortAction, ponFeedTargetsAction, savePonPortAction, setPonFeedAction } from '@/app/_actions/olts';
import { Button } from '@/components/ui/button';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Feed = { id: string; code: string; name: string };
export type PortRow = {
  id: string;
  name: string;
  description: string | null;
  onus: number;
  odcs: Feed[];
  odps: Feed[];
};
type Target = { kind: 'odc' | 'odp'; id: string; code: string; name: string; linkedElsewhere: boolean };

/** The OLT's PON ports: ONUs on each, the ODCs/ODPs each feeds, and (managers) linking and adding. */
export function PonPorts({ oltId, ports, manage }: { oltId: string; ports: PortRow[]; manage: boolean }) {
  const t = useTranslations();
  return (
    <section className="space-y-3" data-testid="pon-ports">
      <h2 className="font-semibold">{t('olts.ponPorts')}</h2>
      {ports.length === 0 ? (
        <EmptyState title={t('olts.noPorts')} hint={manage ? t('olts.noPortsHint') : undefined} />
      ) : (
        <ul className="grid gap-2 lg:grid-cols-2">
          {ports.map((p) => (
            <li key={p.id} data-testid="pon-port">
              <PortCard oltId={oltId} port={p} manage={manage} />
            </li>
          ))}
        </ul>
      )}
      {manage && <AddPort oltId={oltId} />}
    </section>
  );
}

function PortCard({ oltId, port, manage }: { oltId: string; port: PortRow; manage: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const unlink = async (kind: 'odc' | 'odp', targetId: string) => {
    const r = await setPonFeedAction({ kind, targetId, ponPortId: null });
    if (!r.ok) setError(r.message);
    router.refresh();
  };
  const feeds = [
    ...port.odcs.map((f) => ({ ...f, kind: 'odc' as const, href: `/network/sites/${f.id}` })),
    ...port.odps.map((f) => ({ ...f, kind: 'odp' as const, href: `/network/odps/${f.id}` })),
  ];
  return (
    <Card className="space-y-2">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="break-all font-mono font-medium">{port.name}</div>
          {port.description && <div className="text-sm text-slate-500">{port.description}</div>}
        </div>
        <Link href={`/olts/onus?oltId=${oltId}&ponPortId=${port.id}`} className="flex min-h-11 items-center underline">
          {t('olts.onuTotal', { count: port.onus })}
        </Link>
      </div>
      {error && <Alert>{error}</Alert>}
      <div className="text-sm">
        <span className="text-slate-500">{t('olts.feeds')}: </span>
        {feeds.length === 0 && <span className="text-slate-500">{t('olts.feedsNone')}</span>}
        <ul className="mt-1 space-y-1">
          {feeds.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2" data-testid="pon-feed">
              <Link href={f.href} className="inline-flex min-h-11 min-w-0 items-center break-words underline">
                {t(`olts.feedKinds.${f.kind}`)} {f.code} · {f.name}
              </Link>
              {manage && (
                <Button variant="secondary" onClick={() => unlink(f.kind, f.id)}>
                  {t('olts.unlink')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </div>
      {manage && <LinkFeed ponPortId={port.id} onError={setError} />}
      {manage && port.onus === 0 && (
        <ConfirmButton
          label={t('olts.deletePort')}
          message={t('olts.deletePortConfirm', { name: port.name })}
          onConfirm={async () => {
            const r = await deletePonPortAction({ ponPortId: port.id });
            if (!r.ok) setError(r.message);
            router.refresh();
          }}
        />
      )}
    </Card>
  );
}

/** Search ODCs/ODPs by code or name and link one to this port. */
function LinkFeed({ ponPortId, onError }: { ponPortId: string; onError: (m: string) => void }) {
  const t = useTranslations();
  const router = useRouter();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Target[] | null>(null);
  const search = async () => {
    const r = await ponFeedTargetsAction({ ponPortId, q });
    if (r.ok) setFound(r.data);
    else onError(r.message);
  };
  const link = async (target: Target) => {
    const r = await setPonFeedAction({ kind: target.kind, targetId: target.id, ponPortId });
    if (!r.ok) onError(r.message);
    setFound(null);
    setQ('');
    router.refresh();
  };
  return (
    <details className="text-sm">
      <summary className="flex min-h-11 cursor-pointer items-center text-brand-700 underline">
        {t('olts.linkFeed')}
      </summary>
      <div className="mt-2 flex gap-2">
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
          maxLength={100}
          placeholder={t('olts.linkFeedPlaceholder')}
          aria-label={t('olts.linkFeedPlaceholder')}
          className={`${inputClass} min-w-0 flex-1`}
          data-testid="feed-search"
        />
        <Button variant="secondary" onClick={search}>
          {t('common.search')}
        </Button>
      </div>
      {found && found.length === 0 && <p className="mt-2 text-slate-500">{t('olts.linkFeedNone')}</p>}
      {found && found.length > 0 && (
        <ul className="mt-2 space-y-1">
          {found.map((f) => (
            <li key={`${f.kind}-${f.id}`}>
              <button
                type="button"
                onClick={() => link(f)}
                className="min-h-11 w-full rounded-lg border border-slate-200 px-3 text-left hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                data-testid="feed-option"
              >
                {t(`olts.feedKinds.${f.kind}`)} {f.code} · {f.name}
                {f.linkedElsewhere && <span className="ml-1 text-xs text-amber-700">{t('olts.linkedElsewhere')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function AddPort({ oltId }: { oltId: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useActionForm(savePonPortAction, () => {
    setOpen(false);
    router.refresh();
  });
  const f = form.fieldError;
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid="port-add">
        {t('olts.addPort')}
      </Button>
    );
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="grid grid-cols-3 gap-3" noValidate data-testid="port-form">
        <div className="col-span-3">{form.error && <Alert>{form.error}</Alert>}</div>
        <input type="hidden" name="oltId" value={oltId} />
        <TextField label={t('olts.frame')} name="frame" inputMode="numeric" defaultValue="0" error={f('frame')} />
        <TextField label={t('olts.slot')} name="slot" inputMode="numeric" error={f('slot')} />
        <TextField label={t('olts.portNo')} name="port" inputMode="numeric" error={f('port')} />
        <div className="col-span-3">
          <TextField label={t('olts.portName')} name="name" hint={t('olts.portNameHint')} error={f('name')} />
        </div>
        <div className="col-span-3">
          <TextField label={t('olts.portDescription')} name="description" error={f('description')} />
        </div>
        <div className="col-span-3 flex gap-2">
          <Button type="submit" disabled={form.pending} data-testid="port-save">
            {form.pending ? t('common.saving') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
