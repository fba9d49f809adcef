import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocationMap } from '@/components/map';
import { MarkDownButton } from '@/components/outages/mark-down-button';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { ponPortChoicesOp } from '@/lib/fibre/record-operations';
import { getOdpOp, odcChoicesOp } from '@/lib/infrastructure/operations';
import { DeleteRecord } from '../../_components/delete-record';
import { OdpForm } from '../../_components/odp-form';
import { OdpPorts } from '../../_components/odp-ports';
import { PhotoCard } from '../../_components/photo-card';
import { RecordFacts } from '../../_components/record-facts';
import { RecordLinks } from '../../_components/record-links';

export default async function OdpPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('odps.view');
  const { id } = await params;
  const t = await getTranslations();
  const manage = can(ctx.role, 'odps.manage');
  const [{ odp, ports }, odcs, ponPorts] = await Promise.all([
    read(getOdpOp, { odpId: id }),
    manage ? read(odcChoicesOp, {}) : [],
    manage && can(ctx.role, 'olts.view') ? read(ponPortChoicesOp, {}) : undefined,
  ]);
  // Customers without a port number still take a port: free = total minus everyone on it.
  const free = Math.max(0, odp.totalPorts - odp.usedPorts);
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${odp.code} · ${odp.name}`}
        subtitle={t('network.portsSummary', { used: odp.usedPorts, total: odp.totalPorts, free })}
        actions={
          <>
            {odp.usedPorts >= odp.totalPorts && <Badge color="red">{t('odps.full')}</Badge>}
            <RecordLinks kind="odp" id={odp.id} at={[odp.latitude, odp.longitude]} tab="odp" />
            {can(ctx.role, 'outages.manage') && (
              <MarkDownButton elementType="odp" elementId={odp.id} ports={odp.totalPorts} />
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3">
          <RecordFacts
            rows={[
              [
                t('network.odc'),
                odp.odcId && odp.odcCode ? (
                  <Link
                    key="o"
                    href={`/network/sites/${odp.odcId}`}
                    className="underline"
                  >{`${odp.odcCode} · ${odp.odcName}`}</Link>
                ) : (
                  '—'
                ),
              ],
              [t('network.splitterRatio'), odp.splitterRatio ?? '—'],
              [t('odps.area'), odp.area ?? '—'],
              [
                t('network.coordinates'),
                <span
                  key="c"
                  className="font-mono text-xs"
                >{`${odp.latitude.toFixed(6)}, ${odp.longitude.toFixed(6)}`}</span>,
              ],
              [
                t('network.notes'),
                odp.notes ? (
                  <span key="n" className="whitespace-pre-line">
                    {odp.notes}
                  </span>
                ) : (
                  '—'
                ),
              ],
            ]}
          />
          <LocationMap
            center={odp}
            points={[{ latitude: odp.latitude, longitude: odp.longitude, kind: 'odp', label: odp.code }]}
            height={200}
          />
        </Card>
        <OdpPorts map={ports} showCustomers={can(ctx.role, 'customers.view')} />
      </div>
      <PhotoCard kind="odp" id={odp.id} version={odp.photoPath} manage={manage} />
      {manage && (
        <Card className="space-y-4">
          <h2 className="font-semibold">{t('network.editOdp')}</h2>
          <OdpForm
            odp={{
              id: odp.id,
              code: odp.code,
              name: odp.name,
              latitude: odp.latitude,
              longitude: odp.longitude,
              totalPorts: odp.totalPorts,
              splitterRatio: odp.splitterRatio,
              odcId: odp.odcId,
              area: odp.area,
              notes: odp.notes,
              ponPortId: odp.ponPortId,
            }}
            odcs={odcs}
            ponPorts={ponPorts}
          />
          <div className="border-t border-slate-100 pt-4 dark:border-slate-800">
            <DeleteRecord kind="odp" id={odp.id} code={odp.code} />
          </div>
        </Card>
      )}
    </div>
  );
}
