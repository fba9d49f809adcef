'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { formatDate, formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { routeUrl } from '@/lib/workorders/route-link';
import { Facts } from './map-card';
import type { MapWorkOrder, TechnicianPosition } from './types';

export const workOrderHref = (id: string) => `/work-orders/${id}`;

/** A work order's card: when, who, where, and the way there. */
export function WorkOrderCardBody({ w }: { w: MapWorkOrder }) {
  const t = useTranslations();
  const locale = toLocale(useLocale());
  const window = w.windowStart && w.windowEnd ? ` · ${w.windowStart}–${w.windowEnd}` : '';
  return (
    <div data-testid="work-order-card">
      <Facts
        rows={[
          [t('map.workOrders.type'), t(`workOrders.types.${w.type}`)],
          [t('map.workOrders.status'), t(`workOrders.statuses.${w.status}`)],
          [t('map.workOrders.schedule'), `${formatDate(w.scheduledDate, locale)}${window}`],
          [t('map.workOrders.customer'), w.customerName],
          [t('map.workOrders.address'), w.address],
          [t('map.workOrders.technicians'), w.technicians.join(', ') || t('spk.noTechnician')],
        ]}
      />
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <Link href={workOrderHref(w.id)} className={buttonClass('primary', 'w-full sm:w-auto')}>
          {t('map.workOrders.open')}
        </Link>
        <a
          href={routeUrl(w.lat, w.lng)}
          target="_blank"
          rel="noopener noreferrer"
          className={buttonClass('secondary', 'w-full sm:w-auto')}
          data-testid="work-order-route"
        >
          {t('map.workOrders.route')}
        </a>
        <a
          href={`/api/work-orders/${w.id}/spk`}
          target="_blank"
          rel="noopener"
          className={buttonClass('secondary', 'w-full sm:w-auto')}
        >
          {t('spk.print')}
        </a>
      </div>
    </div>
  );
}

/** Where a technician last reported from, when, and on which work order. */
export function TechnicianCardBody({ p, timeZone }: { p: TechnicianPosition; timeZone: string }) {
  const t = useTranslations('map.technicians');
  const locale = toLocale(useLocale());
  return (
    <div data-testid="technician-card">
      <Facts
        rows={[
          [t('last'), t(`kinds.${p.kind}`)],
          [t('at'), formatDateTime(p.at, locale, timeZone)],
          [t('workOrder'), p.workOrderNumber],
        ]}
      />
      <Link href={workOrderHref(p.workOrderId)} className={buttonClass('primary', 'mt-3 w-full sm:w-auto')}>
        {t('openWorkOrder', { number: p.workOrderNumber })}
      </Link>
    </div>
  );
}
