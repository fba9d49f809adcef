import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Fragment } from 'react';
import { ChargeForm } from '@/components/billing/charge-form';
import { PaymentForm } from '@/components/billing/payment-form';
import { PaymentsTable } from '@/components/billing/payments-table';
import { InvoiceStatusBadge } from '@/components/invoice-status-badge';
import { LocationMap } from '@/components/map';
import { RouterStatusBadge } from '@/components/network/router-status';
import { StatusBadge } from '@/components/status-badge';
import { Card, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { customerBillingOp } from '@/lib/billing/operations';
import { formatCustomerNumber, historyReasonKey, TRANSITIONS } from '@/lib/customers/constants';
import { getCustomerOp, serviceChoicesOp } from '@/lib/customers/operations';
import { formatDate, formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { EditCustomerForm, TransitionButtons } from './customer-client';
import { RadiusUsage } from './radius-usage';
import { ServiceForm, SyncSubscriptionButton } from './service-form';
import { WhatsAppCard } from './whatsapp-card';

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('customers.view');
  const { id } = await params;
  const t = await getTranslations();
  // System reasons are stored as codes; staff's own reasons are shown as they typed them.
  const historyReasonText = (reason: string | null) => {
    const key = historyReasonKey(reason);
    return key ? t(key) : (reason ?? '');
  };
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { customer, subscriptions, history, audit } = await read(getCustomerOp, { customerId: id });
  const canTransition = can(ctx.role, 'subscriptions.transition');
  const billing = can(ctx.role, 'billing.view') ? await read(customerBillingOp, { customerId: customer.id }) : null;
  const manageService = can(ctx.role, 'customers.manage');
  const canSync = can(ctx.role, 'routers.sync');
  const canWatchJobs = can(ctx.role, 'jobs.view');
  // The service form offers the plans, the routers, the ODPs nearest the customer and the free ports of the current one.
  const choices = manageService ? await read(serviceChoicesOp, { customerId: customer.id }) : null;
  const canViewOdps = can(ctx.role, 'odps.view');
  return (
    <div className="space-y-4">
      <PageHeader
        title={customer.name}
        subtitle={`${formatCustomerNumber(customer.number)} · ${customer.phone}`}
        actions={<StatusBadge status={customer.status} />}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-semibold">{t('customers.profile')}</h2>
          {can(ctx.role, 'customers.manage') ? (
            <EditCustomerForm
              customer={{
                id: customer.id,
                name: customer.name,
                phone: customer.phone,
                email: customer.email,
                address: customer.address,
                area: customer.area,
              }}
            />
          ) : (
            <dl className="grid grid-cols-[7rem_1fr] gap-1 text-sm">
              <dt className="text-slate-500">{t('customers.address')}</dt>
              <dd>{customer.address}</dd>
              <dt className="text-slate-500">{t('customers.area')}</dt>
              <dd>{customer.area ?? '—'}</dd>
              <dt className="text-slate-500">{t('customers.email')}</dt>
              <dd>{customer.email ?? '—'}</dd>
            </dl>
          )}
        </Card>
        <Card>
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 className="font-semibold">{t('customers.map')}</h2>
            {customer.latitude !== null && customer.longitude !== null && can(ctx.role, 'odps.view') && (
              <Link
                href={`/map?lat=${customer.latitude}&lng=${customer.longitude}&zoom=18&select=customer:${customer.id}`}
                className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
                data-testid="view-on-map"
              >
                {t('map.viewOnMap')}
              </Link>
            )}
          </div>
          {customer.latitude !== null && customer.longitude !== null ? (
            <LocationMap
              center={{ latitude: customer.latitude, longitude: customer.longitude }}
              points={[
                { latitude: customer.latitude, longitude: customer.longitude, kind: 'customer', label: customer.name },
              ]}
              height={240}
            />
          ) : (
            <p className="text-sm text-slate-500">{t('customers.noLocation')}</p>
          )}
        </Card>
      </div>
      {can(ctx.role, 'messaging.view') && (
        <WhatsAppCard
          customerId={customer.id}
          optOut={customer.whatsappOptOut}
          canManage={can(ctx.role, 'customers.manage')}
        />
      )}
      <section>
        <h2 className="mb-2 font-semibold">{t('customers.subscriptions')}</h2>
        <div className="space-y-3">
          {subscriptions.map((s) => (
            <Fragment key={s.id}>
              <Card>
                <div
                  className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between"
                  data-testid="subscription"
                >
                  <div className="text-sm">
                    <div className="font-medium">
                      <code>{s.serviceUsername}</code> · {s.planName} · {formatIDR(s.priceRupiah)}
                    </div>
                    <div className="text-slate-500">
                      {t(`billingTypes.${s.billingType}`)} · {t('customers.odp')}:{' '}
                      {s.odpId && s.odpCode && canViewOdps ? (
                        <Link href={`/network/odps/${s.odpId}`} className="underline" data-testid="subscription-odp">
                          {s.odpCode}
                        </Link>
                      ) : (
                        (s.odpCode ?? '—')
                      )}
                      {s.odpPort !== null && <> ({t('network.portNumber', { port: s.odpPort })})</>} ·{' '}
                      {t('customers.since')} {formatDateTime(s.activatedAt ?? s.createdAt, locale, tz)}
                    </div>
                  </div>
                  <StatusBadge status={s.status} />
                </div>
                <dl
                  className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm"
                  data-testid="subscription-service"
                >
                  <dt className="text-slate-500">{t('customers.serviceRouter')}</dt>
                  <dd className="flex flex-wrap items-center gap-2">
                    {s.routerId ? (
                      <>
                        {can(ctx.role, 'routers.view') ? (
                          <Link href={`/routers/${s.routerId}`} className="underline">
                            {s.routerName}
                          </Link>
                        ) : (
                          s.routerName
                        )}
                        <RouterStatusBadge status={s.routerStatus} />
                      </>
                    ) : (
                      <span className="text-slate-500">{t('customers.serviceNoRouter')}</span>
                    )}
                  </dd>
                  <dt className="text-slate-500">{t('customers.serviceRemoteAddress')}</dt>
                  <dd className="font-mono text-xs leading-5">{s.remoteAddress ?? t('customers.serviceDynamic')}</dd>
                  <dt className="text-slate-500">{t('customers.serviceLocalAddress')}</dt>
                  <dd className="font-mono text-xs leading-5">{s.localAddress ?? '—'}</dd>
                  <dt className="text-slate-500">{t('customers.serviceCallerId')}</dt>
                  <dd className="font-mono text-xs leading-5">{s.callerId ?? t('customers.serviceNoMacLock')}</dd>
                </dl>
                {canSync && s.routerId && (
                  <div className="mt-3">
                    <SyncSubscriptionButton routerId={s.routerId} subscriptionId={s.id} canWatchJobs={canWatchJobs} />
                  </div>
                )}
                {manageService && s.status !== 'terminated' && (
                  <details className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
                    <summary
                      className="min-h-11 cursor-pointer py-2 text-sm font-medium"
                      data-testid="service-settings"
                    >
                      {t('customers.serviceSettings')}
                    </summary>
                    <ServiceForm
                      service={{
                        id: s.id,
                        planId: s.planId,
                        planName: s.planName,
                        routerId: s.routerId,
                        remoteAddress: s.remoteAddress,
                        localAddress: s.localAddress,
                        callerId: s.callerId,
                        odpId: s.odpId,
                        odpPort: s.odpPort,
                      }}
                      plans={choices?.plans ?? []}
                      routers={choices?.routers ?? []}
                      odps={{ choices: choices?.odps ?? [], free: (s.odpId && choices?.freePorts[s.odpId]) || [] }}
                      canWatchJobs={canWatchJobs}
                    />
                  </details>
                )}
                {canTransition && TRANSITIONS[s.status].length > 0 && (
                  <TransitionButtons
                    subscriptionId={s.id}
                    username={s.serviceUsername}
                    from={s.status}
                    targets={[...TRANSITIONS[s.status]]}
                  />
                )}
              </Card>
              {/* Only subscriptions on a RADIUS-mode router have accounting to show. */}
              {s.routerId && s.routerMode === 'radius' && (
                <RadiusUsage read={read} subscriptionId={s.id} locale={locale} timeZone={tz} />
              )}
            </Fragment>
          ))}
        </div>
      </section>
      {billing && (
        <section className="space-y-3" data-testid="customer-billing">
          <h2 className="font-semibold">{t('billing.invoices')}</h2>
          {billing.invoices.items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('billing.noInvoices')}</p>
          ) : (
            <Table
              head={[
                t('billing.number'),
                t('billing.due'),
                t('billing.total'),
                t('billing.outstanding'),
                t('common.status'),
              ]}
            >
              {billing.invoices.items.map((i) => (
                <tr key={i.id}>
                  <Td>
                    <Link href={`/invoices/${i.id}`} className="font-mono text-xs underline">
                      {i.number}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap">{formatDate(i.dueDate, locale)}</Td>
                  <Td>{formatIDR(i.total)}</Td>
                  <Td>{formatIDR(Math.max(0, i.total - i.paidAmount))}</Td>
                  <Td>
                    <InvoiceStatusBadge status={i.status} />
                  </Td>
                </tr>
              ))}
            </Table>
          )}
          <p className="text-sm">
            {t('billing.outstanding')}:{' '}
            <strong data-testid="customer-outstanding">{formatIDR(billing.outstanding)}</strong>
            {customer.creditBalance > 0 && <> · {t('billing.credit', { amount: formatIDR(customer.creditBalance) })}</>}
          </p>
          {can(ctx.role, 'payments.record') && (
            <Card>
              <h3 className="mb-3 font-semibold">{t('billing.recordPayment')}</h3>
              <PaymentForm customerId={customer.id} outstanding={billing.outstanding} />
            </Card>
          )}
          <h2 className="font-semibold">{t('billing.payments')}</h2>
          {billing.payments.items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('billing.noPayments')}</p>
          ) : (
            <PaymentsTable payments={billing.payments.items} locale={locale} timeZone={tz} />
          )}
          {can(ctx.role, 'billing.run') && subscriptions[0] && (
            <Card>
              <h3 className="mb-3 font-semibold">{t('billing.addCharge')}</h3>
              <ChargeForm subscriptionId={subscriptions[0].id} />
            </Card>
          )}
        </section>
      )}
      <section>
        <h2 className="mb-2 font-semibold">{t('customers.history')}</h2>
        <Table
          testId="status-history"
          head={[t('audit.when'), t('common.status'), t('audit.actor'), t('customers.reason'), t('customers.job')]}
        >
          {history.map((h) => (
            <tr key={h.id}>
              <Td className="whitespace-nowrap">{formatDateTime(h.createdAt, locale, tz)}</Td>
              <Td>
                {h.fromStatus ? t(`statuses.${h.fromStatus}`) : '—'} → {t(`statuses.${h.toStatus}`)}
              </Td>
              <Td>{h.actorName ?? t('audit.system')}</Td>
              <Td>{historyReasonText(h.reason)}</Td>
              <Td>
                {h.jobId && (
                  <Link href="/jobs" className="text-xs underline">
                    {h.jobId.slice(0, 8)}
                  </Link>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      </section>
      <section>
        <h2 className="mb-2 font-semibold">{t('customers.auditHistory')}</h2>
        <Table head={[t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.details')]}>
          {audit.map((a) => (
            <tr key={a.id}>
              <Td className="whitespace-nowrap">{formatDateTime(a.createdAt, locale, tz)}</Td>
              <Td>{a.actorName ?? t('audit.system')}</Td>
              <Td>
                <code className="text-xs">{a.action}</code>
              </Td>
              <Td>
                <code className="block max-w-md whitespace-pre-wrap break-all text-xs text-slate-600 dark:text-slate-400">
                  {JSON.stringify(a.data)}
                </code>
              </Td>
            </tr>
          ))}
        </Table>
      </section>
    </div>
  );
}
