import { getTranslations } from 'next-intl/server';
import { NetworkMap } from '@/components/map/network';
import { parseFeatureRef, type StartView } from '@/components/map/network/view';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { mapCenterOp } from '@/lib/infrastructure/map-operations';

// Bandung, where the demo network is, for an organization with no infrastructure yet.
const DEFAULT_VIEW: StartView = { lat: -6.9147, lng: 107.6098, zoom: 13 };

/** ?lat=&lng=&zoom= open the map at a place (links from a customer, the browser test). */
function startFrom(sp: Record<string, string | undefined>): StartView | null {
  const lat = Number(sp.lat);
  const lng = Number(sp.lng);
  if (!sp.lat || !sp.lng || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return null;
  const zoom = Number(sp.zoom);
  return { lat, lng, zoom: Number.isInteger(zoom) && zoom >= 5 && zoom <= 19 ? zoom : 17 };
}

export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { info, ctx, read } = await requirePage('odps.view');
  const sp = await searchParams;
  const center = await read(mapCenterOp, {});
  const fallback = center ? { ...center, zoom: 15 } : DEFAULT_VIEW;
  const t = await getTranslations('map');
  return (
    <>
      <h1 className="sr-only">{t('title')}</h1>
      <NetworkMap
        initial={startFrom(sp)}
        fallback={fallback}
        select={parseFeatureRef(sp.select)}
        canManage={can(ctx.role, 'odps.manage')}
        canCustomers={can(ctx.role, 'customers.view')}
        canCreateLead={can(ctx.role, 'leads.create')}
        canMarkDown={can(ctx.role, 'outages.manage')}
        canWorkOrders={can(ctx.role, 'workorders.view')}
        canTechnicians={can(ctx.role, 'workorders.manage')}
        timeZone={info.org!.timezone}
      />
    </>
  );
}
