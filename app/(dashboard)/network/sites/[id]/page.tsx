import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LocationMap } from '@/components/map';
import { MarkDownButton } from '@/components/outages/mark-down-button';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { ponPortChoicesOp } from '@/lib/fibre/record-operations';
import { getSiteOp, siteTopologyChoicesOp } from '@/lib/infrastructure/operations';
import { DeleteRecord } from '../../_components/delete-record';
import { PhotoCard } from '../../_components/photo-card';
import { RecordFacts } from '../../_components/record-facts';
import { RecordLinks } from '../../_components/record-links';
import { SiteForm } from '../../_components/site-form';

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('odps.view');
  const { id } = await params;
  const t = await getTranslations();
  const site = await read(getSiteOp, { siteId: id });
  const manage = can(ctx.role, 'odps.manage');
  const topology = manage ? await read(siteTopologyChoicesOp, {}) : null;
  const ponPorts =
    manage && site.kind === 'odc' && can(ctx.role, 'olts.view') ? await read(ponPortChoicesOp, {}) : undefined;
  const parent = topology?.sites.find((s) => s.id === site.parentSiteId);
  const servedBy = topology?.routers.find((r) => r.id === site.routerId);
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${site.code} · ${site.name}`}
        subtitle={t(`network.kinds.${site.kind}`)}
        actions={
          <>
            <RecordLinks kind="site" id={site.id} at={[site.latitude, site.longitude]} tab="sites" />
            {site.kind !== 'pole' && can(ctx.role, 'outages.manage') && (
              <MarkDownButton elementType={site.kind} elementId={site.id} />
            )}
          </>
        }
      />
      <Card className="space-y-3">
        <RecordFacts
          rows={[
            [t('network.siteKind'), <Badge key="k">{t(`network.kinds.${site.kind}`)}</Badge>],
            [t('network.capacity'), site.capacity ?? '—'],
            ...(site.kind === 'odc'
              ? ([
                  [
                    t('network.feeds'),
                    <Link key="f" href={`/network?odc=${site.id}`} className="underline">
                      {t('network.feedsOdps', { count: site.feedsOdps })}
                    </Link>,
                  ],
                ] as [string, ReactNode][])
              : []),
            [
              t('network.parentSite'),
              site.parentSiteId ? (
                <Link key="p" href={`/network/sites/${site.parentSiteId}`} className="underline">
                  {parent ? `${parent.code} — ${parent.name}` : t('network.open')}
                </Link>
              ) : (
                '—'
              ),
            ],
            [t('network.servingRouter'), servedBy?.name ?? (site.routerId ? t('network.open') : '—')],
            [t('odps.area'), site.area ?? '—'],
            [
              t('network.coordinates'),
              <span
                key="c"
                className="font-mono text-xs"
              >{`${site.latitude.toFixed(6)}, ${site.longitude.toFixed(6)}`}</span>,
            ],
            [
              t('network.notes'),
              site.notes ? (
                <span key="n" className="whitespace-pre-line">
                  {site.notes}
                </span>
              ) : (
                '—'
              ),
            ],
          ]}
        />
        <LocationMap
          center={site}
          points={[{ latitude: site.latitude, longitude: site.longitude, kind: 'pick', label: site.code }]}
          height={200}
        />
      </Card>
      <PhotoCard kind="site" id={site.id} version={site.photoPath} manage={manage} />
      {manage && (
        <Card className="space-y-4">
          <h2 className="font-semibold">{t('network.editSite')}</h2>
          <SiteForm
            site={{
              id: site.id,
              kind: site.kind,
              code: site.code,
              name: site.name,
              latitude: site.latitude,
              longitude: site.longitude,
              capacity: site.capacity,
              area: site.area,
              notes: site.notes,
              parentSiteId: site.parentSiteId,
              routerId: site.routerId,
              ponPortId: site.ponPortId,
            }}
            topology={topology ?? undefined}
            ponPorts={ponPorts}
          />
          <div className="border-t border-slate-100 pt-4 dark:border-slate-800">
            <DeleteRecord kind="site" id={site.id} code={site.code} />
          </div>
        </Card>
      )}
    </div>
  );
}
