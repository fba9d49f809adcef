'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { confirmRouterImportAction } from '@/app/_actions/network';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DateField } from '@/components/ui/date-field';
import { inputClass, SelectField } from '@/components/ui/field';
import { Table, Td } from '@/components/ui/table';
import { billingStartFor, firstBillingSchedule } from '@/lib/billing/schedule';
import { BILLING_TYPES, type BillingType } from '@/lib/customers/constants';

type Profile = {
  kind: 'pppoe' | 'hotspot';
  profile: string;
  count: number;
  suggestedPlanId: string | null;
  isolir: boolean;
};
type Plan = { id: string; name: string; routerProfile: string | null; serviceType: string };

const keyOf = (p: Profile) => `${p.kind}:${p.profile}`;

/** Map each router profile to a plan (or skip it), pick the billing type, confirm once. */
type ScheduleInputs = {
  today: string;
  nowMinutes?: number;
  settings: Parameters<typeof firstBillingSchedule>[0]['settings'];
};

export function ImportMappingForm({
  importId,
  profiles,
  plans,
  done,
  schedule,
}: {
  importId: string;
  profiles: Profile[];
  plans: Plan[];
  done: boolean;
  schedule: ScheduleInputs;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(profiles.map((p) => [keyOf(p), p.suggestedPlanId ?? ''])),
  );
  const [billingType, setBillingType] = useState<BillingType>('postpaid');
  const [paidUntil, setPaidUntil] = useState('');
  const first = firstBillingSchedule({
    period: billingStartFor({ paidUntil: paidUntil || null, today: schedule.today }),
    billingType,
    settings: schedule.settings,
    today: schedule.today,
    nowMinutes: schedule.nowMinutes,
  });
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ imported: number; skipped: number } | null>(null);
  const count = profiles.reduce((n, p) => n + (mapping[keyOf(p)] ? p.count : 0), 0);
  const disabled = done || outcome !== null;
  // A PPPoE profile should become a PPPoE plan; offer every plan only when none of its kind exists.
  const choicesFor = (p: Profile) => {
    const same = plans.filter((pl) => pl.serviceType === p.kind);
    return same.length > 0 ? same : plans;
  };
  return (
    <div className="space-y-4">
      {outcome && (
        <Alert kind="success">
          <span data-testid="router-import-done">
            {t('routers.import.done', { imported: outcome.imported, skipped: outcome.skipped })}
          </span>{' '}
          <Link href="/customers" className="font-medium underline">
            {t('routers.import.toCustomers')}
          </Link>
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      {plans.length === 0 && <Alert>{t('routers.import.noPlans')}</Alert>}
      <Table
        testId="router-import-profiles"
        head={[
          t('routers.import.profile'),
          t('routers.import.kind'),
          t('routers.import.count'),
          t('routers.import.plan'),
        ]}
      >
        {profiles.map((p) => {
          const key = keyOf(p);
          return (
            <tr key={key} data-testid="router-import-profile">
              <Td>
                <code className="font-medium">{p.profile}</code>
                {p.isolir && (
                  <div className="mt-1 space-y-1">
                    <Badge color="amber">{t('routers.import.isolirBadge')}</Badge>
                    <p className="max-w-xs text-xs text-slate-500">{t('routers.import.isolirHint')}</p>
                  </div>
                )}
              </Td>
              <Td>{t(`serviceTypes.${p.kind}`)}</Td>
              <Td>{p.count}</Td>
              <Td>
                <select
                  aria-label={t('routers.import.planFor', { profile: p.profile })}
                  className={`${inputClass} min-w-44`}
                  value={mapping[key] ?? ''}
                  disabled={disabled}
                  onChange={(e) => setMapping((m) => ({ ...m, [key]: e.target.value }))}
                >
                  <option value="">{t('routers.import.skip')}</option>
                  {choicesFor(p).map((pl) => (
                    <option key={pl.id} value={pl.id}>
                      {pl.name}
                    </option>
                  ))}
                </select>
                {/* Isolated entries keep this plan for good: it is what they get back once they pay. */}
                {p.isolir && (
                  <p className="mt-1 max-w-xs text-xs text-amber-700 dark:text-amber-400">
                    {t('routers.import.isolirPlanNote')}
                  </p>
                )}
              </Td>
            </tr>
          );
        })}
      </Table>
      <Card className="grid gap-3 sm:grid-cols-2 sm:items-end">
        <SelectField
          label={t('routers.import.billingType')}
          name="billingType"
          value={billingType}
          disabled={disabled}
          onChange={(e) => setBillingType(e.target.value as BillingType)}
          options={BILLING_TYPES.map((b) => ({ value: b, label: t(`billingTypes.${b}`) }))}
          hint={t('routers.import.billingTypeHint')}
        />
        <DateField
          label={t('import.paidUntil')}
          value={paidUntil}
          disabled={disabled}
          testId="router-import-paid-until"
          hint={t('import.paidUntilHint')}
          onChange={setPaidUntil}
        />
        <p className="text-sm sm:col-span-2" data-testid="router-import-schedule">
          {t('routers.import.schedule', { invoiceOn: first.invoiceOn, isolateFrom: first.isolateFrom })}
        </p>
        <div>
          <ConfirmButton
            testId="router-import-confirm"
            variant="primary"
            label={t('routers.import.confirmButton', { count })}
            message={t('routers.import.confirmMessage', { count })}
            disabled={disabled || count === 0}
            onConfirm={async () => {
              const r = await confirmRouterImportAction({ importId, billingType, mapping, paidUntil });
              if (r.ok) {
                setError(null);
                setOutcome(r.data);
                router.refresh();
              } else setError(r.message);
            }}
          />
          {count === 0 && !disabled && (
            <p className="mt-1 text-xs text-slate-500">{t('routers.import.nothingMapped')}</p>
          )}
        </div>
      </Card>
      {done && !outcome && (
        <Link href="/customers" className={buttonClass('secondary')}>
          {t('routers.import.toCustomers')}
        </Link>
      )}
    </div>
  );
}
