import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import type { DiffLine } from '@/lib/network/config-backups/diff';
import { diffConfigVersionsOp } from '@/lib/network/config-backups/operations';

const LINE = {
  add: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  remove: 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200',
  same: 'text-slate-600 dark:text-slate-400',
} as const;
const MARK = { add: '+', remove: '−', same: ' ' } as const;

function Folded({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <div className="border-y border-dashed border-slate-300 bg-slate-100 px-3 py-1 text-center text-xs text-slate-500 dark:border-slate-700 dark:bg-slate-900">
      {label}
    </div>
  );
}

function Line({ line }: { line: DiffLine }) {
  return (
    <div className={`flex gap-2 px-2 ${LINE[line.kind]}`} data-kind={line.kind}>
      <span className="w-3 shrink-0 select-none text-center" aria-hidden>
        {MARK[line.kind]}
      </span>
      <span className="min-w-0 whitespace-pre-wrap [overflow-wrap:anywhere]">{line.text || ' '}</span>
    </div>
  );
}

/** Two versions of a router's configuration: added lines green, removed red, unchanged stretches folded. */
export default async function RouterConfigComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, read } = await requirePage('routers.view');
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations('routerConfig');
  const locale = toLocale(await getLocale());
  const when = (d: Date) => formatDateTime(d, locale, info.org!.timezone);
  const { from, to, diff } = await read(diffConfigVersionsOp, {
    routerId: id,
    fromId: sp.from ?? '',
    toId: sp.to ?? '',
  });
  const folded = (count: number) => t('compare.folded', { count });
  return (
    <div className="space-y-4">
      <PageHeader title={t('compare.title')} subtitle={from.routerName} />
      <Link href={`/routers/${id}#router-config`} className="text-sm text-brand-700 underline dark:text-brand-500">
        ← {from.routerName}
      </Link>
      <Card className="space-y-1 text-sm">
        <p>
          <span className="text-slate-500">{t('compare.from')}:</span>{' '}
          <Link href={`/routers/${id}/config/${from.id}`} className="underline">
            {when(from.takenAt)}
          </Link>
        </p>
        <p>
          <span className="text-slate-500">{t('compare.to')}:</span>{' '}
          <Link href={`/routers/${id}/config/${to.id}`} className="underline">
            {when(to.takenAt)}
          </Link>
        </p>
        {!diff.tooLarge && (
          <p className="font-mono" data-testid="router-config-diff-summary">
            <span className="text-emerald-700 dark:text-emerald-400">+{diff.added}</span>{' '}
            <span className="text-red-700 dark:text-red-400">−{diff.removed}</span>{' '}
            <span className="font-sans text-slate-500">{t('compare.summary')}</span>
          </p>
        )}
      </Card>
      {diff.tooLarge ? (
        <Alert kind="warning">{t('compare.tooLarge')}</Alert>
      ) : diff.hunks.length === 0 ? (
        <Alert kind="success">{t('compare.same')}</Alert>
      ) : (
        <div
          className="overflow-hidden rounded-xl border border-slate-200 font-mono text-xs leading-5 dark:border-slate-800"
          data-testid="router-config-diff"
        >
          {diff.hunks.map((h, i) => (
            <div key={i}>
              <Folded count={h.foldedBefore} label={folded(h.foldedBefore)} />
              {h.lines.map((line, j) => (
                <Line key={j} line={line} />
              ))}
            </div>
          ))}
          <Folded count={diff.foldedAfter} label={folded(diff.foldedAfter)} />
        </div>
      )}
    </div>
  );
}
