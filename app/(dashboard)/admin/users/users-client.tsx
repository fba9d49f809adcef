'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { setUserActiveAction } from '@/app/_actions/account';
import { Alert, Badge } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Table, Td } from '@/components/ui/table';
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
      <Table
        testId="platform-users-table"
        head={[t('common.name'), t('common.status'), t('platform.organizations'), t('users.lastLogin'), '']}
      >
        {items.map((u) => (
          <tr key={u.id} data-testid="platform-user-row">
            <Td>
              <div className="font-medium">
                {u.name} {u.isSuperAdmin && <Badge color="blue">{t('platform.superAdmin')}</Badge>}
              </div>
              <div className="break-all text-xs text-slate-500">{u.email}</div>
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <Badge color={u.active ? 'green' : 'red'}>
                  {u.active ? t('users.active') : t('platform.disabled')}
                </Badge>
                {u.twoFactor && <Badge color="blue">{t('platform.twoFactor')}</Badge>}
              </div>
            </Td>
            <Td>{u.organizations}</Td>
            <Td className="whitespace-nowrap">
              {u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale, timeZone) : t('users.never')}
            </Td>
            <Td>
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
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
