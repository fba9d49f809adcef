'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { createPlanAction, setPlanActiveAction, updatePlanAction } from '@/app/_actions/plans';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { useActionForm } from '@/components/ui/use-action-form';
import { BILLING_TYPES, SERVICE_TYPES } from '@/lib/customers/constants';
import { formatIDR } from '@/lib/format';
import { PPN_PERCENT, rateLimit } from '@/lib/plans/schemas';

type Plan = {
  id: string;
  name: string;
  downloadKbps: number;
  uploadKbps: number;
  burst: string | null;
  priceRupiah: number;
  taxable: boolean;
  serviceType: (typeof SERVICE_TYPES)[number];
  billingType: (typeof BILLING_TYPES)[number];
  routerProfile: string | null;
  framedPool?: string | null;
  sessionTimeoutMinutes?: number | null;
  radiusGroup: string | null;
  active: boolean;
};

const mbps = (kbps: number) => String(Math.round((kbps / 1024) * 100) / 100);

export function PlanForm({ plan }: { plan?: Plan }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(plan ? updatePlanAction : createPlanAction, () => {
    if (plan) router.push('/plans');
  });
  const f = form.fieldError;
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{plan ? `${t('plans.edit')}: ${plan.name}` : t('plans.new')}</h2>
      <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" noValidate>
        <div className="sm:col-span-2 lg:col-span-4">
          {form.error && <Alert>{form.error}</Alert>}
          {form.result?.ok && <Alert kind="success">{t('plans.saved')}</Alert>}
        </div>
        {plan && <input type="hidden" name="planId" value={plan.id} />}
        <TextField label={t('plans.name')} name="name" defaultValue={plan?.name} error={f('name')} />
        <TextField
          label={t('plans.download')}
          name="downloadMbps"
          inputMode="decimal"
          defaultValue={plan ? mbps(plan.downloadKbps) : ''}
          error={f('downloadMbps')}
        />
        <TextField
          label={t('plans.upload')}
          name="uploadMbps"
          inputMode="decimal"
          defaultValue={plan ? mbps(plan.uploadKbps) : ''}
          error={f('uploadMbps')}
        />
        <TextField
          label={t('plans.price')}
          name="priceRupiah"
          inputMode="numeric"
          defaultValue={plan?.priceRupiah}
          error={f('priceRupiah')}
        />
        <SelectField
          label={t('plans.serviceType')}
          name="serviceType"
          defaultValue={plan?.serviceType ?? 'pppoe'}
          options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`serviceTypes.${s}`) }))}
          error={f('serviceType')}
        />
        <SelectField
          label={t('plans.billingType')}
          name="billingType"
          defaultValue={plan?.billingType ?? 'postpaid'}
          options={BILLING_TYPES.map((b) => ({ value: b, label: t(`billingTypes.${b}`) }))}
          error={f('billingType')}
        />
        <TextField
          label={t('plans.routerProfile')}
          name="routerProfile"
          defaultValue={plan?.routerProfile ?? ''}
          error={f('routerProfile')}
        />
        <TextField
          label={t('plans.radiusGroup')}
          name="radiusGroup"
          defaultValue={plan?.radiusGroup ?? ''}
          error={f('radiusGroup')}
        />
        <TextField
          label={t('plans.framedPool')}
          name="framedPool"
          hint={t('plans.framedPoolHint')}
          defaultValue={plan?.framedPool ?? ''}
          error={f('framedPool')}
        />
        <TextField
          label={t('plans.sessionTimeout')}
          name="sessionTimeoutMinutes"
          inputMode="numeric"
          hint={t('plans.sessionTimeoutHint')}
          defaultValue={plan?.sessionTimeoutMinutes ?? ''}
          error={f('sessionTimeoutMinutes')}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t('plans.burst')}
            name="burst"
            hint={t('plans.burstHint')}
            defaultValue={plan?.burst ?? ''}
            error={f('burst')}
          />
        </div>
        <label className="flex min-h-11 items-center gap-2 text-sm sm:mt-6">
          <input type="checkbox" name="taxable" defaultChecked={plan?.taxable ?? false} className="h-5 w-5" />
          {t('plans.taxable')}
        </label>
        <div className="flex gap-2 sm:mt-6">
          <Button type="submit" disabled={form.pending}>
            {t('common.save')}
          </Button>
          {plan && (
            <Link href="/plans" className={buttonClass('secondary')}>
              {t('common.cancel')}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}

export function PlansTable({ plans, manage }: { plans: Plan[]; manage: boolean }) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <StackedTable
        testId="plans-table"
        head={[
          t('plans.name'),
          t('plans.speed'),
          t('plans.price'),
          t('plans.serviceType'),
          t('plans.billingType'),
          t('plans.routerProfile'),
          '',
        ]}
      >
        {plans.map((p) => (
          <tr key={p.id} className={`${STACKED_ROW.page} ${p.active ? '' : 'opacity-60'}`}>
            <StackedCell className="col-span-2 md:col-span-1">
              <div className="break-words font-medium">{p.name}</div>
              {!p.active && <Badge>{t('plans.retired')}</Badge>}
            </StackedCell>
            <StackedCell label={t('plans.speed')} className="md:whitespace-nowrap">
              <code className="break-all text-xs">{rateLimit(p)}</code>
            </StackedCell>
            <StackedCell label={t('plans.price')} className="md:whitespace-nowrap">
              <div className="font-medium md:font-normal">{formatIDR(p.priceRupiah)}</div>
              {p.taxable && (
                <div className="text-xs text-slate-500">
                  {t('plans.withTax', { amount: formatIDR(Math.round((p.priceRupiah * (100 + PPN_PERCENT)) / 100)) })}
                </div>
              )}
            </StackedCell>
            <StackedCell label={t('plans.serviceType')}>{t(`serviceTypes.${p.serviceType}`)}</StackedCell>
            <StackedCell label={t('plans.billingType')}>{t(`billingTypes.${p.billingType}`)}</StackedCell>
            <StackedCell label={t('plans.routerProfile')} className="col-span-2 break-all md:col-span-1">
              <div className="text-xs">{p.routerProfile ?? '—'}</div>
              <div className="text-xs text-slate-500">{p.radiusGroup ?? ''}</div>
            </StackedCell>
            <StackedCell className={manage ? 'col-span-2 md:col-span-1' : 'max-md:hidden'}>
              {manage && (
                <div className="flex flex-wrap gap-2">
                  <Link href={`/plans?edit=${p.id}`} className={buttonClass('secondary')}>
                    {t('plans.edit')}
                  </Link>
                  <ConfirmButton
                    variant={p.active ? 'danger' : 'secondary'}
                    label={p.active ? t('plans.retire') : t('plans.reactivate')}
                    message={
                      p.active ? t('plans.retireConfirm', { name: p.name }) : `${t('plans.reactivate')}: ${p.name}?`
                    }
                    onConfirm={async () => {
                      const r = await setPlanActiveAction({ planId: p.id, active: !p.active });
                      setError(r.ok ? null : r.message);
                    }}
                  />
                </div>
              )}
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </div>
  );
}
