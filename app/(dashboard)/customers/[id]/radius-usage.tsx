import { getTranslations } from 'next-intl/server';
import { TrafficCells } from '@/components/network/session-cells';
import { Badge, Card } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { subscriptionRadiusOp } from '@/lib/customers/operations';
import { formatDateTimeOrDash } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { Read } from '@/lib/server/read';

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
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** What FreeRADIUS accounting says about one RADIUS-mode subscription: online now, last sessions, usage per month. */
export async function RadiusUsage({
  read,
  subscriptionId,
  locale,
  timeZone,
}: {
  read: Read;
  subscriptionId: string;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations();
  const { username, online, sessions, usage } = await read(subscriptionRadiusOp, {
    subscriptionId,
    sessions: 10,
    months: USAGE_MONTHS,
  });
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
          <div
            className="rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm dark:border-slate-700"
            data-testid="radius-empty"
          >
            <p className="font-medium">{t('radius.emptyTitle')}</p>
            <p className="mt-1 text-slate-500">{t('radius.emptyHint')}</p>
          </div>
        ) : (
          <>
            <h4 className="text-sm font-medium">{t('radius.lastSessions')}</h4>
            <StackedTable
              variant="inset"
              testId="radius-sessions"
              head={[
                t('radius.start'),
                t('radius.stop'),
                t('radius.duration'),
                t('sessions.download'),
                t('sessions.upload'),
                t('radius.address'),
                t('radius.mac'),
              ]}
            >
              {sessions.map((s) => (
                <tr key={s.id} data-testid="radius-session" className={STACKED_ROW.inset}>
                  <StackedCell label={t('radius.start')} className="text-xs md:whitespace-nowrap">
                    {formatDateTimeOrDash(s.start, locale, timeZone)}
                  </StackedCell>
                  <StackedCell label={t('radius.stop')} className="text-xs md:whitespace-nowrap">
                    {s.stop === null ? (
                      <Badge color="green">{t('radius.stillOnline')}</Badge>
                    ) : (
                      <>
                        {formatDateTimeOrDash(s.stop, locale, timeZone)}
                        {s.terminateCause && <span className="block text-slate-500">{s.terminateCause}</span>}
                      </>
                    )}
                  </StackedCell>
                  <StackedCell label={t('radius.duration')} className="tabular-nums">
                    {hoursMinutes(s.seconds)}
                  </StackedCell>
                  {/* accounting.ts already turns the NAS's octets around: download = to the customer. */}
                  <TrafficCells
                    download={s.download}
                    upload={s.upload}
                    labels={{ download: t('sessions.download'), upload: t('sessions.upload') }}
                  />
                  <StackedCell label={t('radius.address')} className="break-all font-mono text-xs">
                    {s.address ?? '—'}
                  </StackedCell>
                  <StackedCell label={t('radius.mac')} className="col-span-2 break-all font-mono text-xs md:col-span-1">
                    {s.callingStationId ?? '—'}
                  </StackedCell>
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
                variant="inset"
                testId="radius-usage"
                head={[
                  t('radius.month'),
                  t('radius.sessions'),
                  t('radius.totalTime'),
                  t('sessions.download'),
                  t('sessions.upload'),
                ]}
              >
                {usage.map((u) => (
                  <tr key={u.month} data-testid="radius-usage-month" className={STACKED_ROW.inset}>
                    <StackedCell className="col-span-2 font-medium md:whitespace-nowrap">
                      {monthLabel(u.month, locale)}
                    </StackedCell>
                    <StackedCell label={t('radius.sessions')} className="tabular-nums">
                      {u.sessions}
                    </StackedCell>
                    <StackedCell label={t('radius.totalTime')} className="tabular-nums">
                      {hoursMinutes(u.seconds)}
                    </StackedCell>
                    <TrafficCells
                      download={u.download}
                      upload={u.upload}
                      labels={{ download: t('sessions.download'), upload: t('sessions.upload') }}
                    />
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
