import { getLocale, getTranslations } from 'next-intl/server';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { onuSignalHistoryOp } from '@/lib/fibre/signal/operations';
import { SignalLineChart } from './signal-line-chart';

/**
 * An ONU's redaman chart, for any page that shows an ONU (`<SignalChart onuId=… />`): reads
 * the hourly history through its operation (nothing for a member who may not see devices).
 */
export async function SignalChart({ onuId, days = 7 }: { onuId: string; days?: number }) {
  const { info, ctx, read } = await requirePage();
  if (!can(ctx.role, onuSignalHistoryOp.permission)) return null;
  const [t, locale, data] = await Promise.all([
    getTranslations('signal'),
    getLocale(),
    read(onuSignalHistoryOp, { onuId, days }),
  ]);
  return (
    <SignalLineChart
      points={data.points}
      thresholds={data.thresholds}
      title={t('chartTitle')}
      empty={t('chartEmpty')}
      locale={locale}
      timeZone={info.org!.timezone}
    />
  );
}
