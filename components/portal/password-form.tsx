'use client';
import { useTranslations } from 'next-intl';
import { setPortalPasswordAction } from '@/app/_actions/portal';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Customer = { id: string; number: string; name: string; hasPassword: boolean };

/**
 * Sets or changes the portal password of one of the visitor's customers (the customer number
 * + this password then signs in). A visitor signed in by password confirms the current one.
 */
export function PortalPasswordForm({
  slug,
  customers,
  needsCurrent,
}: {
  slug: string;
  customers: Customer[];
  needsCurrent: boolean;
}) {
  const t = useTranslations('portal.account');
  const form = useActionForm(setPortalPasswordAction, () => undefined);
  const single = customers.length === 1 ? customers[0] : null;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="portal-password-set">
      <input type="hidden" name="slug" value={slug} />
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && (
        <Alert kind="success">
          <span data-testid="portal-password-saved">{t('saved')}</span>
        </Alert>
      )}
      <Card className="space-y-3">
        {single ? (
          <input type="hidden" name="customerId" value={single.id} />
        ) : (
          <SelectField
            label={t('customer')}
            name="customerId"
            options={customers.map((c) => ({ value: c.id, label: `${c.number} · ${c.name}` }))}
            error={form.fieldError('customerId')}
          />
        )}
        {needsCurrent && (
          <TextField
            label={t('current')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={form.fieldError('currentPassword')}
          />
        )}
        <TextField
          label={t('new')}
          name="password"
          type="password"
          autoComplete="new-password"
          hint={t('newHint')}
          error={form.fieldError('password')}
        />
        <TextField
          label={t('confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          error={form.fieldError('confirm')}
        />
        <Button type="submit" disabled={form.pending} className="w-full" data-testid="portal-password-save">
          {t('save')}
        </Button>
      </Card>
    </form>
  );
}
