import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ActivationSteps } from '@/components/fibre/activation-steps';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { mapsUrl } from '@/lib/core/contact-links';
import { activationOp } from '@/lib/fibre/activation/operations';
import { formatDate, formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { workOrderStockMovesOp } from '@/lib/inventory/field-operations';
import { formatTicketNumber } from '@/lib/tickets/number';
import { isClosed } from '@/lib/workorders/constants';
import { getWorkOrderOp, listTechniciansOp } from '@/lib/workorders/operations';
import { STATUS_COLOR } from '../_components/labels';
import { WorkOrderStockMoves } from '../_components/stock-moves';
import { Timeline } from '../_components/timeline';
import { AssignForm, CancelWorkOrder, ScheduleForm } from './office-forms';

export default async function WorkOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('workorders.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const wo = await read(getWorkOrderOp, { workOrderId: id });
  const manage = can(ctx.role, 'workorders.manage') && !isClosed(wo.status);
  const technicians = manage ? await read(listTechniciansOp, {}) : [];
  const stockMoves = await read(workOrderStockMovesOp, { workOrderId: wo.id });
  const activation = wo.type === 'installation' ? await read(activationOp, { workOrderId: wo.id }) : null;
  const rows: [string, React.ReactNode][] = [
    [t('workOrders.type'), t(`workOrders.types.${wo.type}`)],
    [
      t('workOrders.customer'),
      wo.customer ? (
        <Link
          key="customer"
          href={`/customers/${wo.customer.id}`}
          className="text-brand-700 underline dark:text-brand-500"
        >
          {wo.customer.name} · {wo.customer.phone}
        </Link>
      ) : (
        '—'
      ),
    ],
    [t('workOrders.address'), wo.address || '—'],
    [
      t('workOrders.location'),
      wo.latitude !== null && wo.longitude !== null ? (
        <a
          key="map"
          href={mapsUrl(wo.latitude, wo.longitude)}
          target="_blank"
          rel="noreferrer"
          className="text-brand-700 underline dark:text-brand-500"
        >
          {t('workOrders.openMap')}
        </a>
      ) : (
        '—'
      ),
    ],
    [t('workOrders.odp'), wo.odpCode ? `${wo.odpCode}${wo.odpPort ? ` · port ${wo.odpPort}` : ''}` : '—'],
    [
      t('workOrders.visit'),
      wo.scheduledDate
        ? `${formatDate(wo.scheduledDate, locale)}, ${wo.windowStart}–${wo.windowEnd}`
        : t('workOrders.notScheduled'),
    ],
    [t('workOrders.technicians'), wo.technicians.map((x) => x.name).join(', ') || t('workOrders.noTechnician')],
    [t('workOrders.notes'), wo.notes ?? '—'],
  ];
  if (wo.ticket) rows.push([t('workOrders.ticket'), `${formatTicketNumber(wo.ticket.number)} · ${wo.ticket.subject}`]);
  if (wo.checkInAt) rows.push([t('workOrders.detail.checkIn'), formatDateTime(wo.checkInAt, locale, tz)]);
  if (wo.checkOutAt) rows.push([t('workOrders.detail.checkOut'), formatDateTime(wo.checkOutAt, locale, tz)]);
  if (wo.cancelReason) rows.push([t('workOrders.detail.cancelReason'), wo.cancelReason]);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={wo.numberText}
        subtitle={t('workOrders.createdBy', { name: wo.createdByName ?? '—' })}
        actions={
          <span className="flex flex-wrap items-center gap-2">
            <Badge color={STATUS_COLOR[wo.status]}>
              <span data-testid="work-order-status">{t(`workOrders.statuses.${wo.status}`)}</span>
            </Badge>
            <a
              href={`/api/work-orders/${wo.id}/spk`}
              target="_blank"
              rel="noopener"
              className={buttonClass('secondary')}
              data-testid="work-order-spk"
            >
              {t('spk.print')}
            </a>
          </span>
        }
      />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="min-w-0 break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {wo.result && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('workOrders.detail.result')}</h2>
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">{t('workOrders.detail.installedOn')}</dt>
            <dd>{formatDate(wo.result.installedOn, locale)}</dd>
            <dt className="text-slate-500">{t('workOrders.detail.serialNumber')}</dt>
            <dd className="break-all font-mono">{wo.result.serialNumber}</dd>
            <dt className="text-slate-500">{t('workOrders.detail.macAddress')}</dt>
            <dd className="font-mono">{wo.result.macAddress ?? '—'}</dd>
          </dl>
        </Card>
      )}
      {activation && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('activation.readOnly')}</h2>
          <ActivationSteps activation={activation} />
        </Card>
      )}
      {(stockMoves.length > 0 || wo.status === 'done') && (
        <WorkOrderStockMoves moves={stockMoves} locale={locale} timeZone={tz} />
      )}
      {manage && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card>
            <h2 className="mb-3 font-semibold">{t('workOrders.schedule.title')}</h2>
            <ScheduleForm workOrderId={wo.id} date={wo.scheduledDate} start={wo.windowStart} end={wo.windowEnd} />
          </Card>
          <Card>
            <h2 className="mb-3 font-semibold">{t('workOrders.assign.title')}</h2>
            {technicians.length ? (
              <AssignForm workOrderId={wo.id} technicians={technicians} assigned={wo.technicians.map((x) => x.id)} />
            ) : (
              <div className="space-y-3 text-sm">
                <p>{t('workOrders.assign.noTechnicians')}</p>
                {can(ctx.role, 'users.manage') && (
                  <Link href="/users" className={buttonClass('secondary')}>
                    {t('workOrders.assign.inviteTechnician')}
                  </Link>
                )}
              </div>
            )}
          </Card>
        </div>
      )}
      <Card>
        <h2 className="mb-2 font-semibold">{t('workOrders.detail.checklist')}</h2>
        {wo.checklist.length === 0 ? (
          <p className="text-sm text-slate-500">{t('workOrders.detail.checklistEmpty')}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="checklist">
            {wo.checklist.map((c) => (
              <li key={c.id} className="flex items-start gap-2">
                <span aria-hidden>{c.done ? '☑' : '☐'}</span>
                <span className={c.done ? '' : 'text-slate-600 dark:text-slate-400'}>{c.label}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">{t('workOrders.detail.photos')}</h2>
        <p className="mb-2 text-sm text-slate-500">
          {t('workOrders.detail.photosCount', { count: wo.photos.length, required: wo.requiredPhotos })}
        </p>
        {wo.photos.length === 0 ? (
          <p className="text-sm text-slate-500">{t('workOrders.detail.noPhotos')}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {wo.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/api/work-orders/${wo.id}/files/${p.id}`} target="_blank" rel="noreferrer">
                  {/* biome-ignore lint/performance/noImgElement: a private file route, not a static asset */}
                  <img
                    src={`/api/work-orders/${wo.id}/files/${p.id}`}
                    alt={p.caption ?? t('workOrders.detail.photoAlt', { n: i + 1 })}
                    className="aspect-square w-full rounded-lg object-cover"
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {wo.requiresSignature && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('workOrders.detail.signature')}</h2>
          {wo.signed ? (
            <div className="space-y-2">
              {/* biome-ignore lint/performance/noImgElement: a private file route, not a static asset */}
              <img
                src={`/api/work-orders/${wo.id}/files/signature`}
                alt={t('workOrders.detail.signatureAlt')}
                className="max-h-40 max-w-full rounded border border-slate-200 bg-white dark:border-slate-700"
              />
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t('workOrders.detail.signedBy', {
                  name: wo.signedName ?? '—',
                  at: formatDateTime(wo.signedAt, locale, tz),
                })}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t('workOrders.detail.notSigned')}</p>
          )}
        </Card>
      )}
      <Card>
        <h2 className="mb-3 font-semibold">{t('workOrders.detail.timeline')}</h2>
        <Timeline events={wo.events} timeZone={tz} locale={locale} />
      </Card>
      {manage && (
        <Card>
          <CancelWorkOrder workOrderId={wo.id} />
        </Card>
      )}
    </div>
  );
}
