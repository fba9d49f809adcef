'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { setUserActiveAction } from '@/app/_actions/account';
import { Alert, Badge } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

type Account = {
  id: string;
  name: string;
  email: string;
  active: boolean;
  isSuperAdmin: boolean;
  twoFactor: boolean;
  organizations: number;
  lastLoginAt: string | null;
};

export function PlatformUsersTable({
  items,
  selfId,
  locale,
  timeZone,
}: {
  items: Account[];
  selfId: string;
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <StackedTable
        testId="platform-users-table"
        head={[t('common.name'), t('common.status'), t('platform.organizations'), t('users.lastLogin'), '']}
      >
        {items.map((u) => (
          <tr key={u.id} data-testid="platform-user-row" className={STACKED_ROW.page}>
            <StackedCell className="col-span-2 md:col-span-1">
              <div className="break-words font-medium">
                {u.name} {u.isSuperAdmin && <Badge color="blue">{t('platform.superAdmin')}</Badge>}
              </div>
              <div className="break-all text-xs text-slate-500">{u.email}</div>
            </StackedCell>
            <StackedCell label={t('common.status')} className="col-span-2 md:col-span-1">
              <div className="flex flex-wrap gap-1">
                <Badge color={u.active ? 'green' : 'red'}>
                  {u.active ? t('users.active') : t('platform.disabled')}
                </Badge>
                {u.twoFactor && <Badge color="blue">{t('platform.twoFactor')}</Badge>}
              </div>
            </StackedCell>
            <StackedCell label={t('platform.organizations')}>{u.organizations}</StackedCell>
            <StackedCell label={t('users.lastLogin')} className="md:whitespace-nowrap">
              {u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale, timeZone) : t('users.never')}
            </StackedCell>
            <StackedCell className="col-span-2 md:col-span-1">
              {u.id !== selfId && (
                <ConfirmButton
                  variant={u.active ? 'danger' : 'secondary'}
                  label={u.active ? t('platform.disable') : t('platform.enable')}
                  message={
                    u.active ? t('platform.disableConfirm', { email: u.email }) : `${t('platform.enable')} ${u.email}?`
                  }
                  onConfirm={async () => {
                    const r = await setUserActiveAction({ userId: u.id, active: !u.active });
                    setError(r.ok ? null : r.message);
                  }}
                />
              )}
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </div>
  );
}
