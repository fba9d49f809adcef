import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/card';
import { routerCheck, routerImport, routerProfiles, routerSync, sessionKick } from '@/lib/network/jobs';
import type { SyncReport } from '@/lib/network/router-sync';
import { formatBytes } from './format';
import { RouterErrorExplanation } from './router-status';

/**
 * Readable results of the router jobs, shared by the live follow-up (client) and the
 * router's recent jobs (server). No hooks beyond useTranslations, so both can render them.
 */

type CheckResult =
  | {
      ok: true;
      identity: string;
      version: string;
      board: string;
      uptime: string;
      cpuLoad: number;
      freeMemory: number;
      totalMemory: number;
      pppActive: number;
      hotspotActive: number;
      ms: number;
    }
  | { ok: false; errorKind: string; message: string; ms: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Label / value pairs, two columns even on a phone. */
export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CheckResultView({ result }: { result: unknown }) {
  const t = useTranslations('routers');
  if (!isObject(result) || typeof result.ok !== 'boolean') return null;
  const r = result as CheckResult;
  if (!r.ok) {
    return (
      <div
        className="rounded-lg border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950"
        data-ok="false"
      >
        <RouterErrorExplanation kind={r.errorKind} message={r.message} />
        <p className="mt-1 text-xs text-slate-500">{t('check.took', { ms: r.ms })}</p>
      </div>
    );
  }
  return (
    <div
      className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950"
      data-ok="true"
    >
      <p className="mb-2 text-sm font-medium text-emerald-800 dark:text-emerald-200">{t('check.ok', { ms: r.ms })}</p>
      <Facts
        rows={[
          [t('snapshot.identity'), r.identity],
          [t('snapshot.version'), r.version],
          [t('snapshot.board'), r.board],
          [t('snapshot.uptime'), r.uptime],
          [t('snapshot.cpu'), `${r.cpuLoad}%`],
          [t('snapshot.memory'), `${formatBytes(r.totalMemory - r.freeMemory)} / ${formatBytes(r.totalMemory)}`],
          [t('snapshot.pppActive'), r.pppActive],
          [t('snapshot.hotspotActive'), r.hotspotActive],
        ]}
      />
    </div>
  );
}

function EntryList({ title, items }: { title: string; items: ReactNode[] }) {
  if (items.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
      <summary className="min-h-11 cursor-pointer py-3 text-sm font-medium">
        {title} ({items.length})
      </summary>
      <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto text-xs">{items}</ul>
    </details>
  );
}

const COUNT_COLOR = {
  added: 'green',
  changed: 'blue',
  removed: 'amber',
  extra: 'amber',
  unchanged: 'slate',
  failed: 'red',
} as const;

export function SyncReportView({ result, testId = 'sync-report' }: { result: unknown; testId?: string }) {
  const t = useTranslations('routers');
  if (isObject(result) && result.applied === false)
    return <p className="text-sm text-slate-600 dark:text-slate-400">{t('sync.radiusMode')}</p>;
  if (!isObject(result) || !isObject(result.counts)) return null;
  const r = result as SyncReport;
  const name = (e: { kind: string; name: string }) => (
    <>
      <code>{e.name}</code> <span className="text-slate-500">({t(`kinds.${e.kind}`)})</span>
    </>
  );
  const shown = (v: string | null) => (v === null || v === '' ? '∅' : v);
  return (
    <div className="space-y-2" data-testid={testId}>
      <p className="text-sm">
        {r.scope === 'subscription' ? t('sync.scopeSubscription') : t('sync.scopeRouter', { checked: r.checked })}
      </p>
      <div className="flex flex-wrap gap-1">
        {(Object.keys(COUNT_COLOR) as (keyof typeof COUNT_COLOR)[]).map((k) => (
          <span key={k} data-testid={`sync-count-${k}`} data-count={r.counts[k]}>
            <Badge color={r.counts[k] > 0 ? COUNT_COLOR[k] : 'slate'}>
              {t(`sync.counts.${k}`)}: {r.counts[k]}
            </Badge>
          </span>
        ))}
      </div>
      <EntryList
        title={t('sync.counts.added')}
        items={r.added.map((e) => <li key={`${e.kind}:${e.name}`}>{name(e)}</li>)}
      />
      <EntryList
        title={t('sync.counts.changed')}
        items={r.changed.map((e) => (
          <li key={`${e.kind}:${e.name}`}>
            {name(e)}
            <ul className="ml-4 list-disc">
              {e.changes.map((c) => (
                <li key={c.field}>
                  {t.has(`sync.fields.${c.field}`) ? t(`sync.fields.${c.field}`) : c.field}:{' '}
                  <code>{shown(c.from)}</code> → <code>{shown(c.to)}</code>
                </li>
              ))}
            </ul>
          </li>
        ))}
      />
      <EntryList
        title={t('sync.counts.removed')}
        items={r.removed.map((e) => (
          <li key={`${e.kind}:${e.name}`}>
            {name(e)} — {t(`sync.removedReasons.${e.reason}`)}
          </li>
        ))}
      />
      <EntryList
        title={t('sync.counts.extra')}
        items={r.extra.map((e) => (
          <li key={`${e.kind}:${e.name}`}>
            {name(e)} {e.profile && <span className="text-slate-500">· {e.profile}</span>}{' '}
            {e.comment && <span className="text-slate-500">· {e.comment}</span>}
          </li>
        ))}
      />
      <EntryList
        title={t('sync.counts.failed')}
        items={r.failed.map((e) => (
          <li key={`${e.kind}:${e.name}`}>
            {name(e)}: <span className="text-red-700 dark:text-red-400">{e.error}</span>
          </li>
        ))}
      />
      {r.counts.extra > 0 && r.removed.every((e) => e.reason !== 'extra') && (
        <p className="text-xs text-slate-500">{t('sync.extraHint')}</p>
      )}
      {r.profiles && r.profiles.created.length > 0 && (
        <p className="text-xs text-slate-500">{t('sync.profilesCreated', { list: r.profiles.created.join(', ') })}</p>
      )}
    </div>
  );
}

export function ProfilesResultView({ result, testId = 'profiles-result' }: { result: unknown; testId?: string }) {
  const t = useTranslations('routers');
  if (!isObject(result) || !Array.isArray(result.created) || !Array.isArray(result.updated)) return null;
  const created = result.created as string[];
  const updated = result.updated as string[];
  return (
    <div className="space-y-1 text-sm" data-testid={testId}>
      <p>
        {t('profiles.summary', {
          total: Number(result.profiles ?? 0),
          created: created.length,
          updated: updated.length,
        })}
      </p>
      {created.length > 0 && (
        <p className="text-xs text-slate-500">{t('profiles.created', { list: created.join(', ') })}</p>
      )}
      {updated.length > 0 && (
        <p className="text-xs text-slate-500">{t('profiles.updated', { list: updated.join(', ') })}</p>
      )}
    </div>
  );
}

/** The right view for a router job's result; unknown shapes say nothing rather than dump JSON. */
export function RouterJobResult({ type, result }: { type: string; result: unknown }) {
  const t = useTranslations('routers');
  const ts = useTranslations('sessions');
  if (type === routerCheck.name) return <CheckResultView result={result} />;
  if (type === routerSync.name) return <SyncReportView result={result} />;
  if (type === routerProfiles.name) return <ProfilesResultView result={result} />;
  if (type === routerImport.name && isObject(result)) {
    return (
      <p className="text-sm">
        {t('import.read', { pppoe: Number(result.pppoe ?? 0), hotspot: Number(result.hotspot ?? 0) })}
      </p>
    );
  }
  if (type === sessionKick.name && isObject(result)) {
    return (
      <p className="text-sm">
        {result.kicked
          ? ts('kickDone', { username: String(result.username ?? '') })
          : ts('kickGone', { username: String(result.username ?? '') })}
      </p>
    );
  }
  return null;
}
