'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { setVoucherProfileActiveAction } from '@/app/_actions/vouchers';
import { Button } from '@/components/ui/button';
import { Alert, Badge } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import type { VoucherProfile } from '@/db/schema';
import { formatIDR } from '@/lib/format';
import { formatMinutes, formatQuotaBytes } from '@/lib/vouchers/format';

export function ProfilesList({ profiles, manage }: { profiles: VoucherProfile[]; manage: boolean }) {
  const t = useTranslations();
  const locale = useLocale() === 'en' ? 'en' : 'id';
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const p = (key: string) => t(`vouchers.profiles.${key}`);
  const setActive = async (profileId: string, active: boolean) => {
    const r = await setVoucherProfileActiveAction({ profileId, active });
    setError(r.ok ? null : r.message);
    router.refresh();
  };
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <StackedTable
        testId="voucher-profiles"
        head={[
          p('name'),
          p('priceColumn'),
          p('validity'),
          p('quota'),
          p('speed'),
          p('sharedUsers'),
          t('common.status'),
          '',
        ]}
      >
        {profiles.map((x) => {
          const quota = [
            x.timeQuotaMinutes ? formatMinutes(x.timeQuotaMinutes, locale) : null,
            x.dataQuotaBytes ? formatQuotaBytes(x.dataQuotaBytes) : null,
          ]
            .filter(Boolean)
            .join(' / ');
          return (
            <tr key={x.id} className={STACKED_ROW.page} data-testid="voucher-profile-row">
              <StackedCell label={p('name')}>
                <div className="font-medium">{x.name}</div>
                <div className="text-xs text-slate-500">
                  {[x.routerProfile, x.radiusGroup].filter(Boolean).join(' · ')}
                </div>
              </StackedCell>
              <StackedCell label={p('priceColumn')}>
                <div>{formatIDR(x.priceRupiah)}</div>
                <div className="text-xs text-slate-500">
                  {t('vouchers.profiles.costShort', { cost: formatIDR(x.costRupiah) })}
                </div>
              </StackedCell>
              <StackedCell label={p('validity')}>{formatMinutes(x.validityMinutes, locale)}</StackedCell>
              <StackedCell label={p('quota')}>{quota || p('unlimited')}</StackedCell>
              <StackedCell label={p('speed')}>{x.rateLimit ?? '—'}</StackedCell>
              <StackedCell label={p('sharedUsers')}>{x.sharedUsers}</StackedCell>
              <StackedCell label={t('common.status')}>
                {x.active ? <Badge color="green">{p('active')}</Badge> : <Badge>{p('inactive')}</Badge>}
              </StackedCell>
              <StackedCell className="col-span-2 md:col-span-1">
                {manage && (
                  <div className="flex flex-wrap gap-2">
                    <Link
                      href={`/vouchers/profiles?edit=${x.id}`}
                      className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-400"
                    >
                      {t('vouchers.profiles.edit')}
                    </Link>
                    {x.active ? (
                      <ConfirmButton
                        label={p('deactivate')}
                        message={p('deactivateConfirm')}
                        variant="secondary"
                        onConfirm={() => setActive(x.id, false)}
                      />
                    ) : (
                      <Button variant="secondary" onClick={() => setActive(x.id, true)}>
                        {p('activate')}
                      </Button>
                    )}
                  </div>
                )}
              </StackedCell>
            </tr>
          );
        })}
      </StackedTable>
    </div>
  );
}
