import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Db } from '@/db/client';
import { formatBytes } from '@/components/network/format';
import { Badge, Card } from '@/components/ui/card';
import { formatDateTimeOrDash } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { customerRadiusSessions, customerRadiusUsage } from '@/lib/network/radius/accounting';

const USAGE_MONTHS = 6;

/** radacct timestamps come back from a raw query as Date or as Postgres text; a bad value shows "—", not an error page. */
/** Session time as h:mm (hours keep counting past 24, e.g. 312:05 for a month). */
function hoursMinutes(seconds: number | null) {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const minutes = Math.floor(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function monthLabel(month: string, locale: Locale) {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A table cell that, on a phone, is a labelled line of a stacked card (as on the sessions page). */
function Cell({ label, className = '', children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <td className={`block min-w-0 md:table-cell md:px-3 md:py-2 md:align-top ${className}`}>
      {label && <span className="block text-xs font-normal text-slate-500 md:hidden">{label}</span>}
      {children}
    </td>
  );
}

/** One row per item in the DOM: a bordered card on phones, a table row from md up. */
function StackedTable({ head, testId, children }: { head: string[]; testId: string; children: ReactNode }) {
  return (
    <div className="md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:dark:border-slate-800">
      <table className="block w-full text-sm md:table md:min-w-full md:divide-y md:divide-slate-200 md:dark:divide-slate-800" data-testid={testId}>
        <thead className="hidden bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 md:table-header-group dark:bg-slate-950">
          <tr>
            {head.map((h) => (
              <th key={h} className="whitespace-nowrap px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-2 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100 md:dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

const ROW =
  'grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-slate-200 p-3 md:table-row md:rounded-none md:border-0 md:p-0 dark:border-slate-800';

/** What FreeRADIUS accounting says about one RADIUS-mode subscription: online now, last sessions, usage per month. */
export async function RadiusUsage({
  db,
  orgId,
  subscriptionId,
  locale,
  timeZone,
}: {
  db: Db;
  orgId: string;
  subscriptionId: string;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations();
  const [{ username, online, sessions }, usage] = await Promise.all([
    customerRadiusSessions(db, { orgId, subscriptionId, limit: 10 }),
    customerRadiusUsage(db, { orgId, subscriptionId, months: USAGE_MONTHS }),
  ]);
  return (
    <Card>
      <section className="space-y-3" data-testid="radius-card">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold">{t('radius.title')}</h3>
          <span data-testid="radius-online">
            <Badge color={online ? 'green' : 'slate'}>{online ? t('radius.online') : t('radius.offline')}</Badge>
          </span>
        </div>
        <p className="text-sm">
          <span className="text-slate-500">{t('radius.username')}: </span>
          <code className="break-all font-mono text-xs" data-testid="radius-username">
            {username}
          </code>
        </p>
        {sessions.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm dark:border-slate-700" data-testid="radius-empty">
            <p className="font-medium">{t('radius.emptyTitle')}</p>
            <p className="mt-1 text-slate-500">{t('radius.emptyHint')}</p>
          </div>
        ) : (
          <>
            <h4 className="text-sm font-medium">{t('radius.lastSessions')}</h4>
            <StackedTable
              testId="radius-sessions"
              head={[t('radius.start'), t('radius.stop'), t('radius.duration'), t('sessions.download'), t('sessions.upload'), t('radius.address'), t('radius.mac')]}
            >
              {sessions.map((s) => (
                <tr key={s.id} data-testid="radius-session" className={ROW}>
                  <Cell label={t('radius.start')} className="text-xs md:whitespace-nowrap">
                    {formatDateTimeOrDash(s.start, locale, timeZone)}
                  </Cell>
                  <Cell label={t('radius.stop')} className="text-xs md:whitespace-nowrap">
                    {s.stop === null ? (
                      <Badge color="green">{t('radius.stillOnline')}</Badge>
                    ) : (
                      <>
                        {formatDateTimeOrDash(s.stop, locale, timeZone)}
                        {s.terminateCause && <span className="block text-slate-500">{s.terminateCause}</span>}
                      </>
                    )}
                  </Cell>
                  <Cell label={t('radius.duration')} className="tabular-nums">
                    {hoursMinutes(s.seconds)}
                  </Cell>
                  {/* accounting.ts already turns the NAS's octets around: download = to the customer. */}
                  <Cell label={t('sessions.download')} className="md:whitespace-nowrap">
                    {formatBytes(s.download)}
                  </Cell>
                  <Cell label={t('sessions.upload')} className="md:whitespace-nowrap">
                    {formatBytes(s.upload)}
                  </Cell>
                  <Cell label={t('radius.address')} className="break-all font-mono text-xs">
                    {s.address ?? '—'}
                  </Cell>
                  <Cell label={t('radius.mac')} className="col-span-2 break-all font-mono text-xs md:col-span-1">
                    {s.callingStationId ?? '—'}
                  </Cell>
                </tr>
              ))}
            </StackedTable>
            <h4 className="text-sm font-medium">{t('radius.usage')}</h4>
            {usage.length === 0 ? (
              <p className="text-sm text-slate-500" data-testid="radius-usage">
                {t('radius.noUsage', { months: USAGE_MONTHS })}
              </p>
            ) : (
              <StackedTable
                testId="radius-usage"
                head={[t('radius.month'), t('radius.sessions'), t('radius.totalTime'), t('sessions.download'), t('sessions.upload')]}
              >
                {usage.map((u) => (
                  <tr key={u.month} data-testid="radius-usage-month" className={ROW}>
                    <Cell className="col-span-2 font-medium md:whitespace-nowrap">{monthLabel(u.month, locale)}</Cell>
                    <Cell label={t('radius.sessions')} className="tabular-nums">
                      {u.sessions}
                    </Cell>
                    <Cell label={t('radius.totalTime')} className="tabular-nums">
                      {hoursMinutes(u.seconds)}
                    </Cell>
                    <Cell label={t('sessions.download')} className="md:whitespace-nowrap">
                      {formatBytes(u.download)}
                    </Cell>
                    <Cell label={t('sessions.upload')} className="md:whitespace-nowrap">
                      {formatBytes(u.upload)}
                    </Cell>
                  </tr>
                ))}
              </StackedTable>
            )}
          </>
        )}
      </section>
    </Card>
  );
}
