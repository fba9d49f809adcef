'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { createOrganizationAction, setOrganizationStatusAction } from '@/app/_actions/organizations';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

export function CreateOrganizationForm() {
  const t = useTranslations();
  const form = useActionForm(createOrganizationAction);
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('platform.create')}</h2>
      <form onSubmit={form.onSubmit} method="post" className="grid gap-3 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          {form.error && <Alert>{form.error}</Alert>}
          {form.result?.ok && <Alert kind="success">{t('platform.created')}</Alert>}
        </div>
        <TextField
          label={t('auth.organizationName')}
          name="organizationName"
          error={form.fieldError('organizationName')}
        />
        <TextField label={t('auth.slug')} name="slug" hint={t('auth.slugHint')} error={form.fieldError('slug')} />
        <TextField label={t('auth.adminName')} name="adminName" error={form.fieldError('adminName')} />
        <TextField label={t('common.email')} name="email" type="email" error={form.fieldError('email')} />
        <TextField
          label={t('common.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          error={form.fieldError('password')}
        />
        <div className="sm:col-span-2">
          <Button type="submit" disabled={form.pending}>
            {t('platform.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

type Org = {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  members: number;
  createdAt: string;
};

export function OrganizationsTable({
  items,
  currentOrgId,
  locale,
  timeZone,
}: {
  items: Org[];
  currentOrgId: string;
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <StackedTable
        testId="organizations-table"
        head={[t('common.name'), t('common.status'), t('platform.members'), t('common.createdAt'), '']}
      >
        {items.map((o) => (
          <tr key={o.id} className={STACKED_ROW.page}>
            <StackedCell className="col-span-2 md:col-span-1">
              <div className="break-words font-medium">{o.name}</div>
              <code className="text-xs text-slate-500">{o.slug}</code>
            </StackedCell>
            <StackedCell label={t('common.status')}>
              <Badge color={o.status === 'active' ? 'green' : 'red'}>{t(`platform.statuses.${o.status}`)}</Badge>
            </StackedCell>
            <StackedCell label={t('platform.members')}>{o.members}</StackedCell>
            <StackedCell label={t('common.createdAt')} className="col-span-2 md:col-span-1 md:whitespace-nowrap">
              {formatDateTime(o.createdAt, locale, timeZone)}
            </StackedCell>
            <StackedCell className="col-span-2 md:col-span-1">
              {o.id !== currentOrgId && (
                <ConfirmButton
                  variant={o.status === 'active' ? 'danger' : 'secondary'}
                  label={o.status === 'active' ? t('platform.suspend') : t('platform.reactivate')}
                  message={
                    o.status === 'active'
                      ? t('platform.suspendConfirm', { name: o.name })
                      : `${t('platform.reactivate')} ${o.name}?`
                  }
                  onConfirm={async () => {
                    const r = await setOrganizationStatusAction({
                      organizationId: o.id,
                      status: o.status === 'active' ? 'suspended' : 'active',
                    });
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
