import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { OltCheck } from '@/components/fibre/olt-check';
import { OltTemplateEditor } from '@/components/fibre/olt-template-editor';
import { OltUnconfigured } from '@/components/fibre/olt-unconfigured';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { getOltOp, listOnusOp } from '@/lib/fibre/record-operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { RecordFacts } from '../../network/_components/record-facts';
import { DeleteOlt } from '../_components/delete-olt';
import { OltErrorText, OltStatusBadge } from '../_components/fibre-bits';
import { OnuList } from '../_components/onu-list';
import { PonPorts } from '../_components/pon-ports';

export default async function OltPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('olts.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { olt, ports, onus: counts } = await read(getOltOp, { oltId: id });
  const onus = await read(listOnusOp, { oltId: olt.id });
  const manage = can(ctx.role, 'olts.manage');
  const when = (d: Date | string | null) => (d ? formatDateTime(d, locale, tz) : t('olts.never'));
  return (
    <div className="space-y-4">
      <PageHeader
        title={olt.name}
        subtitle={`${t(`olts.vendors.${olt.vendor}`)} ${olt.model}`.trim()}
        actions={
          <>
            <OltStatusBadge status={olt.status} />
            {manage && (
              <Link href={`/olts/${olt.id}/edit`} className={buttonClass('secondary')} data-testid="olt-edit">
                {t('olts.edit')}
              </Link>
            )}
          </>
        }
      />
      <Card className="space-y-3">
        <RecordFacts
          rows={[
            [
              t('olts.cli'),
              <span
                key="cli"
                className="break-all font-mono text-xs"
              >{`${t(`olts.transports.${olt.transport}`)} ${olt.host}:${olt.port} · ${olt.username}`}</span>,
            ],
            [t('olts.snmp'), `SNMP v${olt.snmpVersion} · ${t('olts.everyMinutes', { minutes: olt.pollMinutes })}`],
            [t('olts.firmware'), olt.firmware ?? '—'],
            [
              t('olts.site'),
              olt.siteId && olt.siteName ? (
                <Link
                  key="s"
                  href={`/network/sites/${olt.siteId}`}
                  className="inline-flex min-h-11 items-center underline"
                >
                  {olt.siteName}
                </Link>
              ) : (
                '—'
              ),
            ],
            [t('olts.lastSeen'), when(olt.lastSeenAt)],
            [t('olts.lastError'), olt.lastError ? <OltErrorText key="e" error={olt.lastError} /> : '—'],
            [
              t('olts.lastPoll'),
              <span key="p">
                {when(olt.lastPolledAt)}
                {olt.lastPollError && <span className="block break-words text-red-700">{olt.lastPollError}</span>}
              </span>,
            ],
            [
              t('olts.onus'),
              <Link key="o" href={`/olts/onus?oltId=${olt.id}`} className="inline-flex min-h-11 items-center underline">
                {t('olts.onuTotal', { count: counts.total })}
              </Link>,
            ],
          ]}
        />
        {manage && <OltCheck oltId={olt.id} />}
      </Card>
      <PonPorts oltId={olt.id} ports={ports} manage={manage} />
      <OltUnconfigured oltId={olt.id} />
      <OltTemplateEditor oltId={olt.id} />
      <section className="space-y-3">
        <h2 className="font-semibold">{t('olts.onusOnOlt')}</h2>
        <OnuList list={onus} emptyHint={t('olts.noOnusOnOltHint')} />
        {onus.total > onus.items.length && (
          <Link href={`/olts/onus?oltId=${olt.id}`} className="flex min-h-11 items-center underline">
            {t('olts.seeAllOnus', { count: onus.total })}
          </Link>
        )}
      </section>
      {manage && (
        <Card>
          <DeleteOlt oltId={olt.id} name={olt.name} />
        </Card>
      )}
    </div>
  );
}
