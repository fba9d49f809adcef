import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ModemCard } from '@/components/fibre/modem-card';
import { SignalCard } from '@/components/fibre/signal-card';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { localDate } from '@/lib/billing/money';
import { customerBillingOp } from '@/lib/billing/operations';
import { daysOverdue } from '@/lib/billing/overdue';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { customerTimeline } from '@/lib/customers/history-sentences';
import { getCustomerOp, serviceChoicesOp } from '@/lib/customers/operations';
import { toLocale } from '@/lib/i18n/config';
import { installedEquipmentOp } from '@/lib/inventory/field-operations';
import { invoiceShareOp } from '@/lib/messaging/operations';
import { BillingSection } from './billing-section';
import { EditCustomerForm } from './customer-client';
import { EquipmentSection } from './equipment-section';
import { HistorySection } from './history-section';
import { NetworkSection } from './network-section';
import { Overview } from './overview';
import { ServiceSection } from './service-section';
import { WhatsAppCard } from './whatsapp-card';

/**
 * One customer, laid out for a phone: the overview the counter needs first (status, plan,
 * balance, contact, "Catat pembayaran", last invoice), then service, invoices and payments,
 * network and usage, and history, each a section the chips at the top jump to.
 */
export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('customers.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { customer, subscriptions, history, audit } = await read(getCustomerOp, { customerId: id });
  const role = ctx.role;
  const billing = can(role, 'billing.view') ? await read(customerBillingOp, { customerId: customer.id }) : null;
  const last = billing?.invoices.items[0] ?? null;
  // Lateness and the WhatsApp message are about the oldest invoice still to pay, not the newest one.
  const oldestOpen = billing?.oldestOpen ?? null;
  const share = oldestOpen ? await read(invoiceShareOp, { invoiceId: oldestOpen.id }) : null;
  const manage = can(role, 'customers.manage');
  // The service form offers the plans, the routers, the ODPs nearest the customer and the free ports of the current one.
  const choices = manage ? await read(serviceChoicesOp, { customerId: customer.id }) : null;
  const canWatchJobs = can(role, 'jobs.view');
  const main = subscriptions.find((s) => s.status !== 'terminated') ?? subscriptions[0] ?? null;
  // Installed equipment (units at each subscription's customer location) and its device MAC.
  // A terminated subscription's equipment stays listed while it is still there: it is to be collected.
  const equipment = (
    await Promise.all(
      subscriptions.map(async (s) => ({
        id: s.id,
        serviceUsername: s.serviceUsername,
        terminated: s.status === 'terminated',
        equipment: await read(installedEquipmentOp, { subscriptionId: s.id }),
      })),
    )
  ).filter((s) => !s.terminated || s.equipment.units.length > 0 || s.equipment.bulk.length > 0);
  const sections = ['overview', 'service', ...(billing ? ['billing'] : []), 'network', 'history'] as const;
  return (
    <div className="space-y-4">
      <PageHeader
        title={customer.name}
        subtitle={`${formatCustomerNumber(customer.number)} · ${customer.phone}`}
        actions={
          (can(role, 'tickets.view') || can(role, 'workorders.manage')) && (
            <div className="flex flex-wrap gap-2">
              {can(role, 'tickets.view') && (
                <Link href={`/tickets?customerId=${customer.id}`} className={buttonClass('secondary')}>
                  {t('tickets.customerTickets')}
                </Link>
              )}
              {can(role, 'tickets.manage') && (
                <Link
                  href={`/tickets/new?customerId=${customer.id}`}
                  className={buttonClass('primary')}
                  data-testid="customer-new-ticket"
                >
                  {t('tickets.new')}
                </Link>
              )}
              {can(role, 'workorders.manage') && (
                <Link
                  href={`/work-orders/new?customerId=${customer.id}`}
                  className={buttonClass('secondary')}
                  data-testid="new-work-order"
                >
                  {t('workOrders.newForCustomer')}
                </Link>
              )}
            </div>
          )
        }
      />
      <nav className="-mt-2 flex flex-wrap gap-2" aria-label={t('customerPage.sectionsLabel')}>
        {sections.map((s) => (
          <a
            key={s}
            href={`#${s}`}
            className="inline-flex min-h-11 items-center rounded-full border border-slate-200 bg-white px-3 text-sm font-medium dark:border-slate-800 dark:bg-slate-900"
          >
            {t(`customerPage.sections.${s}`)}
          </a>
        ))}
      </nav>
      <Overview
        locale={locale}
        customer={customer}
        plan={main ? { name: main.planName, price: main.priceRupiah } : null}
        billing={billing ? { outstanding: billing.outstanding, lastInvoice: last, oldestOpen, share } : null}
        overdueDays={oldestOpen ? daysOverdue(oldestOpen, localDate(new Date(), tz)) : 0}
        greeting={t('customerPage.greeting', { name: customer.name, org: info.org!.name })}
        canPay={can(role, 'payments.record')}
        canSend={can(role, 'payments.record')}
        canManageWhatsApp={can(role, 'messaging.manage')}
      />
      <Card>
        <h2 className="mb-3 font-semibold">{t('customers.profile')}</h2>
        <dl className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)] gap-1 text-sm">
          <dt className="text-slate-500">{t('customers.address')}</dt>
          <dd className="break-words">{customer.address}</dd>
          <dt className="text-slate-500">{t('customers.area')}</dt>
          <dd>{customer.area ?? '—'}</dd>
          <dt className="text-slate-500">{t('customers.email')}</dt>
          <dd className="break-all">{customer.email ?? '—'}</dd>
        </dl>
        {manage && (
          <details className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
            <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">{t('customers.edit')}</summary>
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
          </details>
        )}
      </Card>
      {can(role, 'messaging.view') && (
        <WhatsAppCard customerId={customer.id} optOut={customer.whatsappOptOut} canManage={manage} />
      )}
      <ServiceSection
        subscriptions={subscriptions}
        locale={locale}
        timeZone={tz}
        choices={choices}
        canManage={manage}
        canTransition={can(role, 'subscriptions.transition')}
        canViewOdps={can(role, 'odps.view')}
        canWatchJobs={canWatchJobs}
      />
      {billing && (
        <BillingSection
          billing={billing}
          locale={locale}
          timeZone={tz}
          chargeSubscriptionId={can(role, 'billing.run') ? (subscriptions[0]?.id ?? null) : null}
        />
      )}
      <NetworkSection
        customer={customer}
        subscriptions={subscriptions}
        read={read}
        locale={locale}
        timeZone={tz}
        canViewMap={can(role, 'odps.view')}
        canViewRouters={can(role, 'routers.view')}
        canSync={can(role, 'routers.sync')}
        canWatchJobs={canWatchJobs}
      />
      {main && <SignalCard subscriptionId={main.id} />}
      {main && <ModemCard subscriptionId={main.id} read={read} role={role} locale={locale} timeZone={tz} />}
      {equipment.length > 0 && <EquipmentSection subscriptions={equipment} canManage={manage} />}
      <HistorySection
        entries={customerTimeline(locale, history, audit)}
        locale={locale}
        timeZone={tz}
        canWatchJobs={canWatchJobs}
      />
    </div>
  );
}
