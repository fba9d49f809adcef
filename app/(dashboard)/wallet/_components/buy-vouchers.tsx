'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buyVouchersAction } from '@/app/_actions/wallet';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { formatIDR } from '@/lib/format';
import { PURCHASE_MAX } from '@/lib/wallet/constants';
import type { purchaseOptions } from '@/lib/wallet/purchase';

type Options = Awaited<ReturnType<typeof purchaseOptions>>;

/** Buy vouchers at reseller price: profile, how many, where they will be used; confirm the total. */
export function BuyVouchers({ balance, options }: { balance: number; options: Options }) {
  const t = useTranslations('wallet.buy');
  const router = useRouter();
  const [profileId, setProfileId] = useState(options.profiles[0]?.id ?? '');
  const [count, setCount] = useState('10');
  const [routerId, setRouterId] = useState(options.radius ? '' : (options.routers[0]?.id ?? ''));
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [bought, setBought] = useState<{ batchId: string; count: number } | null>(null);

  if (options.profiles.length === 0) return <EmptyState title={t('noProfiles')} hint={t('noProfilesHint')} />;
  const places = [
    ...(options.radius ? [{ value: '', label: t('everyHotspot') }] : []),
    ...options.routers.map((r) => ({ value: r.id, label: r.area ? `${r.name} · ${r.area}` : r.name })),
  ];
  const profile = options.profiles.find((p) => p.id === profileId) ?? options.profiles[0]!;
  const n = Number.parseInt(count, 10);
  const valid = Number.isInteger(n) && n >= 1 && n <= PURCHASE_MAX;
  const total = valid ? profile.costRupiah * n : 0;
  const short = total > balance;

  const buy = async () => {
    setError(null);
    setBought(null);
    const r = await buyVouchersAction({ profileId: profile.id, count: n, routerId, expectedTotal: total });
    if (!r.ok) return setError({ message: r.message, fields: r.fieldErrors });
    setBought({ batchId: r.data.batch.id, count: n });
    router.refresh();
  };

  return (
    <Card>
      <section className="space-y-3" data-testid="buy-vouchers" aria-labelledby="buy-title">
        <h2 id="buy-title" className="text-lg font-semibold">
          {t('title')}
        </h2>
        {bought && (
          <Alert kind="success">
            {t('done', { count: bought.count })}{' '}
            <a
              href={`/api/vouchers/batches/${bought.batchId}/pdf?format=a4`}
              target="_blank"
              rel="noopener"
              className="font-medium underline"
              data-testid="bought-print"
            >
              {t('print')}
            </a>
          </Alert>
        )}
        {error && <Alert>{error.message}</Alert>}
        <SelectField
          label={t('profile')}
          name="profileId"
          value={profile.id}
          onChange={(e) => setProfileId(e.target.value)}
          error={error?.fields?.profileId}
          // A short option (a phone's select cuts long ones); the selling price and margin below.
          hint={t('profileHint', {
            price: formatIDR(profile.priceRupiah),
            margin: formatIDR(profile.priceRupiah - profile.costRupiah),
          })}
          options={options.profiles.map((p) => ({
            value: p.id,
            label: t('profileOption', { name: p.name, cost: formatIDR(p.costRupiah) }),
          }))}
        />
        <TextField
          label={t('count')}
          name="count"
          type="number"
          inputMode="numeric"
          min={1}
          max={PURCHASE_MAX}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          error={error?.fields?.count ?? (count !== '' && !valid ? t('countHint', { max: PURCHASE_MAX }) : undefined)}
        />
        {places.length === 0 ? (
          <Alert kind="warning">{t('noHotspot')}</Alert>
        ) : (
          <SelectField
            label={t('where')}
            name="routerId"
            value={routerId}
            onChange={(e) => setRouterId(e.target.value)}
            options={places}
            hint={t('whereHint')}
            error={error?.fields?.routerId}
          />
        )}
        <div className="flex items-end justify-between gap-3">
          <div>
            <p className="text-sm text-slate-500">{t('total')}</p>
            <p className="text-xl font-semibold" data-testid="buy-total">
              {formatIDR(total)}
            </p>
            {short && (
              <p className="text-sm text-red-700 dark:text-red-400">
                {t('short', { missing: formatIDR(total - balance) })}
              </p>
            )}
          </div>
          <ConfirmButton
            label={t('submit')}
            variant="primary"
            testId="buy-submit"
            disabled={!valid || short || places.length === 0}
            message={t('confirm', {
              count: n,
              profile: profile.name,
              total: formatIDR(total),
              after: formatIDR(balance - total),
            })}
            onConfirm={buy}
          />
        </div>
      </section>
    </Card>
  );
}
