import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { WORK_ORDER_TYPES, type WorkOrderType } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { getCustomerOp, listCustomersOp } from '@/lib/customers/operations';
import { CreateWorkOrderForm } from './create-form';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A work order typed in the office: first the customer (searched here, or none for a survey at
 * an address), then the type, the notes and, when known, the visit.
 */
export default async function NewWorkOrderPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('workorders.manage');
  const sp = await searchParams;
  const t = await getTranslations();
  const type = WORK_ORDER_TYPES.includes(sp.type as WorkOrderType) ? (sp.type as WorkOrderType) : 'repair';
  const customer =
    sp.customerId && UUID.test(sp.customerId)
      ? (await read(getCustomerOp, { customerId: sp.customerId })).customer
      : null;
  const q = searchParam(sp.q);
  const found = !customer && q ? await read(listCustomersOp, { q }) : null;
  const withoutCustomer = sp.customerId === 'none';
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('workOrders.create.title')} subtitle={t('workOrders.create.subtitle')} />
      {customer || withoutCustomer ? (
        <Card>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
            <p className="min-w-0 break-words font-medium" data-testid="chosen-customer">
              {customer
                ? `${customer.name} · ${formatCustomerNumber(customer.number)}`
                : t('workOrders.create.noCustomer')}
            </p>
            <Link href="/work-orders/new" className={buttonClass('secondary')}>
              {t('workOrders.create.change')}
            </Link>
          </div>
          <CreateWorkOrderForm
            customerId={customer?.id ?? null}
            defaultType={customer ? type : 'survey'}
            address={customer?.address ?? ''}
          />
        </Card>
      ) : (
        <Card>
          <h2 className="mb-1 font-semibold">{t('workOrders.create.pickCustomer')}</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('workOrders.create.pickHint')}</p>
          <SearchForm q={sp.q} placeholder={t('workOrders.create.pickCustomer')} submitLabel={t('common.search')} />
          {found && found.items.length === 0 && <p className="text-sm">{t('workOrders.create.noMatch')}</p>}
          {found && found.items.length > 0 && (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="customer-choices">
              {found.items.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="min-w-0 break-words">
                    {c.name}
                    <span className="block text-xs text-slate-500">
                      {formatCustomerNumber(c.number)} · {c.phone}
                    </span>
                  </span>
                  <Link
                    href={`/work-orders/new?customerId=${c.id}`}
                    className={buttonClass('secondary')}
                    data-testid="choose-customer"
                  >
                    {t('workOrders.create.choose')}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
            <Link href="/work-orders/new?customerId=none" className={buttonClass('secondary')}>
              {t('workOrders.create.noCustomer')}
            </Link>
          </div>
        </Card>
      )}
    </div>
  );
}
