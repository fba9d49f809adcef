import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { subscriptionSignalOp } from '@/lib/fibre/signal/operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { SignalLineChart } from './signal-line-chart';
import { formatDbm, formatThresholdDbm, SIGNAL_BADGE, SIGNAL_COLORS, signalTone } from './signal-style';

/**
 * The customer page's redaman card (`<SignalCard subscriptionId=… />`): the ONU's last RX
 * power with its level as colour and word, its state, when the OLT was last read (in the
 * organization's zone), a 7-day chart and a link to the ONU. Nothing for a member who may
 * not see devices; a next step when the subscription has no ONU yet.
 */
export async function SignalCard({ subscriptionId }: { subscriptionId: string }) {
  const { info, ctx, read } = await requirePage();
  if (!can(ctx.role, subscriptionSignalOp.permission)) return null;
  const [t, locale, data] = await Promise.all([
    getTranslations('signal'),
    getLocale().then(toLocale),
    read(subscriptionSignalOp, { subscriptionId }),
  ]);
  const tz = info.org!.timezone;
  if (!data)
    return (
      <Card>
        <section data-testid="signal-card" data-state="none" className="space-y-2">
          <h2 className="font-semibold">{t('title')}</h2>
          <p className="text-sm text-slate-500">{t('noOnu')}</p>
          {can(ctx.role, 'olts.view') && (
            <Link href="/olts/onus" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
              {t('openOnu')} →
            </Link>
          )}
        </section>
      </Card>
    );
  const { latest, history, thresholds } = data;
  const tone = signalTone(latest.state, latest.level);
  const levelText = tone === 'los' ? t(`states.${latest.state}`) : t(`levels.${tone}`);
  return (
    <Card>
      <section data-testid="signal-card" data-level={tone} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h2 className="font-semibold">{t('title')}</h2>
          <span
            className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold ${SIGNAL_BADGE[tone]}`}
            data-testid="signal-level"
          >
            <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: SIGNAL_COLORS[tone] }} />
            {levelText}
          </span>
        </div>
        <dl className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-1 text-sm">
          <dt className="text-slate-500">{t('rx')}</dt>
          <dd className="text-lg font-semibold" data-testid="signal-rx">
            {latest.rxPowerDbm === null ? t('noReading') : formatDbm(latest.rxPowerDbm, locale)}
          </dd>
          <dt className="text-slate-500">ONU</dt>
          <dd className="break-words">
            {latest.serial} · {t('onuAt', { olt: latest.oltName, port: latest.ponPort, index: latest.onuIndex })}
          </dd>
          <dt className="text-slate-500">{t('state')}</dt>
          <dd>{t(`states.${latest.state}`)}</dd>
        </dl>
        <p className="text-xs text-slate-500">
          {latest.lastPolledAt
            ? t('lastPolled', { time: formatDateTime(latest.lastPolledAt, locale, tz) })
            : t('neverPolled')}{' '}
          ·{' '}
          {t('thresholdLine', {
            warning: formatThresholdDbm(thresholds.warningDbm, locale),
            critical: formatThresholdDbm(thresholds.criticalDbm, locale),
          })}
        </p>
        <SignalLineChart
          points={history}
          thresholds={thresholds}
          title={t('chartTitle')}
          empty={t('chartEmpty')}
          locale={locale}
          timeZone={tz}
        />
        {can(ctx.role, 'olts.view') && (
          <Link
            href={`/olts/onus/${latest.onuId}`}
            className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700"
            data-testid="signal-onu-link"
          >
            {t('openOnu')} →
          </Link>
        )}
      </section>
    </Card>
  );
}
