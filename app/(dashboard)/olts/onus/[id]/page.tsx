import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { OnuActions } from '@/components/fibre/onu-actions';
import { SignalChart } from '@/components/fibre/signal-chart';
import { formatDbm } from '@/components/fibre/signal-style';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { getOnuOp } from '@/lib/fibre/record-operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { RecordFacts } from '../../../network/_components/record-facts';
import { OnuStateBadge, SignalText } from '../../_components/fibre-bits';
import { OnuSubscription } from '../../_components/onu-subscription';

export default async function OnuPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('olts.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const onu = await read(getOnuOp, { onuId: id });
  const when = (d: Date | string | null) => (d ? formatDateTime(d, locale, tz) : '—');
  return (
    <div className="space-y-4">
      <PageHeader title={onu.serial} subtitle={onu.name ?? undefined} actions={<OnuStateBadge state={onu.state} />} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3">
          <h2 className="font-semibold">{t('olts.where')}</h2>
          <RecordFacts
            rows={[
              [
                'OLT',
                <Link key="o" href={`/olts/${onu.oltId}`} className="inline-flex min-h-11 items-center underline">
                  {onu.oltName}
                </Link>,
              ],
              [
                t('olts.ponPort'),
                <Link
                  key="p"
                  href={`/olts/onus?oltId=${onu.oltId}&ponPortId=${onu.ponPortId}`}
                  className="inline-flex min-h-11 items-center break-all font-mono underline"
                >
                  {onu.ponPortName}
                </Link>,
              ],
              [t('olts.onuIndex'), String(onu.onuIndex)],
              [t('olts.onuType'), onu.onuType ?? '—'],
              ['VLAN', onu.vlan === null ? '—' : String(onu.vlan)],
              [t('olts.registeredAt'), when(onu.registeredAt)],
            ]}
          />
        </Card>
        <Card className="space-y-3">
          <h2 className="font-semibold">{t('olts.signal')}</h2>
          <RecordFacts
            rows={[
              [t('common.status'), <OnuStateBadge key="s" state={onu.state} />],
              [t('olts.rx'), <SignalText key="r" dbm={onu.rxPowerDbm} level={onu.level} />],
              [t('olts.tx'), formatDbm(onu.txPowerDbm, locale)],
              [t('olts.oltRx'), formatDbm(onu.oltRxPowerDbm, locale)],
              [t('olts.stateChangedAt'), when(onu.stateChangedAt)],
              [t('olts.lastPoll'), when(onu.lastPolledAt)],
            ]}
          />
          <SignalChart onuId={onu.id} />
        </Card>
      </div>
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('olts.customer')}</h2>
        <OnuSubscription
          onuId={onu.id}
          current={
            onu.subscriptionId
              ? {
                  id: onu.subscriptionId,
                  customerId: onu.customerId,
                  customerName: onu.customerName,
                  serviceUsername: onu.serviceUsername,
                }
              : null
          }
          manage={can(ctx.role, 'olts.manage')}
        />
      </Card>
      <OnuActions onuId={onu.id} />
    </div>
  );
}
