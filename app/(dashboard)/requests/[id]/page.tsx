import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { RequestStatusBadge } from '@/components/requests/badges';
import { DecideForm } from '@/components/requests/decide-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import type { ServiceRequestDetails } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { formatDate, formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getServiceRequestOp } from '@/lib/requests/operations';
import { formatWorkOrderNumber } from '@/lib/workorders/constants';

type AnyDetails = Partial<Extract<ServiceRequestDetails, { planId: string }>> &
  Partial<Extract<ServiceRequestDetails, { days: number }>> &
  Partial<Extract<ServiceRequestDetails, { address: string }>> &
  Partial<Extract<ServiceRequestDetails, { endDate: string }>>;

/** One request: what was asked, by whom, and the decision (or the form to make it). */
export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('requests.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const d = await read(getServiceRequestOp, { id });
  const r = d.request;
  const x = r.details as AnyDetails;
  const when = (v: Date | null) => (v ? formatDateTime(v, locale, d.timezone) : '—');
  const day = (v: string | null | undefined) => (v ? formatDate(v, locale) : '—');
  const quote = (n: number) =>
    n > 0
      ? t('requests.detail.quoteCharge', { amount: formatIDR(n) })
      : n < 0
        ? t('requests.detail.quoteCredit', { amount: formatIDR(-n) })
        : t('requests.detail.quoteNone');
  const asked: [string, ReactNode][] =
    r.kind === 'plan_change'
      ? [
          [
            t('requests.detail.currentPlan'),
            r.status === 'approved' ? '—' : `${d.planName} (${formatIDR(d.planPrice ?? 0)})`,
          ],
          [t('requests.detail.askedPlan'), d.askedPlan ? `${d.askedPlan.name} (${formatIDR(d.askedPlan.price)})` : '—'],
          [t('requests.detail.quote'), quote(x.quote ?? 0)],
        ]
      : r.kind === 'pause'
        ? [
            [t('requests.detail.days'), t('requests.detail.daysValue', { days: x.days ?? 0 })],
            [t('requests.detail.startDate'), day(x.startDate)],
          ]
        : r.kind === 'move'
          ? [
              [t('requests.detail.address'), x.address],
              [t('requests.detail.oldAddress'), r.status === 'approved' ? '—' : d.customerAddress],
              [
                t('requests.detail.location'),
                x.latitude != null && x.longitude != null ? (
                  <a
                    key="map"
                    className="inline-flex min-h-11 items-center text-brand-700 underline md:min-h-0"
                    href={`https://www.openstreetmap.org/?mlat=${x.latitude}&mlon=${x.longitude}#map=18/${x.latitude}/${x.longitude}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {x.latitude}, {x.longitude} · {t('requests.detail.openMap')}
                  </a>
                ) : (
                  '—'
                ),
              ],
              [t('requests.detail.customerNote'), x.note ?? '—'],
            ]
          : [
              [t('requests.detail.endDate'), day(x.endDate)],
              [t('requests.detail.reason'), x.reason],
            ];
  const rows: [string, ReactNode][] = [
    [
      t('requests.detail.customer'),
      <Link
        key="c"
        href={`/customers/${r.customerId}`}
        className="inline-flex min-h-11 items-center text-brand-700 underline break-words md:min-h-0"
      >
        {d.customerName} · {formatCustomerNumber(d.customerNumber)}
      </Link>,
    ],
    [t('requests.detail.service'), `${d.serviceUsername} (${t(`statuses.${d.subscriptionStatus}`)})`],
    ...asked,
    [t('requests.detail.asked'), when(r.createdAt)],
    [t('requests.detail.channel'), <Badge key="ch">{t(`requests.channels.${r.channel}`)}</Badge>],
  ];
  const decided: [string, ReactNode][] =
    r.status === 'pending'
      ? []
      : [
          [t('requests.detail.decidedAt'), when(r.decidedAt)],
          [t('requests.detail.decidedBy'), d.deciderName ?? '—'],
          [t('requests.detail.note'), r.decisionNote ?? '—'],
          ...(r.status === 'approved'
            ? ([
                [
                  t('requests.detail.effectiveOn'),
                  `${day(r.effectiveOn)} · ${r.appliedAt ? t('requests.detail.applied') : t('requests.detail.scheduled')}`,
                ],
                ...(r.resumeOn ? [[t('requests.detail.resumeOn'), day(r.resumeOn)]] : []),
                ...(r.workOrderId && d.workOrderNumber !== null
                  ? [
                      [
                        t('requests.detail.workOrder'),
                        <Link
                          key="wo"
                          href={`/work-orders/${r.workOrderId}`}
                          className="inline-flex min-h-11 items-center text-brand-700 underline md:min-h-0"
                        >
                          {formatWorkOrderNumber(d.workOrderNumber)}
                        </Link>,
                      ],
                    ]
                  : []),
                ...(d.chargeAmount !== null ? [[t('requests.detail.charge'), formatIDR(d.chargeAmount)]] : []),
              ] as [string, ReactNode][])
            : []),
        ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t(`requests.kinds.${r.kind}`)} · ${d.customerName}`}
        actions={
          <Link href="/requests" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
            {t('requests.detail.back')}
          </Link>
        }
      />
      <Card>
        <div className="mb-3">
          <RequestStatusBadge status={r.status} />
        </div>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
          {[...rows, ...decided].map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-sm text-slate-500">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {r.status === 'pending' && (
        <Card>
          <h2 className="mb-3 font-semibold">{t('requests.detail.decide')}</h2>
          {can(ctx.role, 'requests.decide') ? (
            <DecideForm id={r.id} kind={r.kind} />
          ) : (
            <p className="text-sm text-slate-600">{t('requests.detail.noPermission')}</p>
          )}
        </Card>
      )}
    </div>
  );
}
