'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { transitionSubscriptionAction, updateCustomerAction } from '@/app/_actions/customers';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { SubscriptionStatus } from '@/lib/customers/constants';

type Editable = { id: string; name: string; phone: string; email: string | null; address: string; area: string | null };

export function EditCustomerForm({ customer }: { customer: Editable }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(updateCustomerAction, () => router.refresh());
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('customers.saved')}</Alert>}
      <input type="hidden" name="customerId" value={customer.id} />
      <TextField label={t('common.name')} name="name" defaultValue={customer.name} error={f('name')} />
      <TextField
        label={t('customers.phone')}
        name="phone"
        type="tel"
        defaultValue={customer.phone}
        error={f('phone')}
      />
      <TextField
        label={t('customers.email')}
        name="email"
        type="email"
        defaultValue={customer.email ?? ''}
        error={f('email')}
      />
      <TextField label={t('customers.address')} name="address" defaultValue={customer.address} error={f('address')} />
      <TextField label={t('customers.area')} name="area" defaultValue={customer.area ?? ''} error={f('area')} />
      <Button type="submit" disabled={form.pending}>
        {t('common.save')}
      </Button>
    </form>
  );
}

const VARIANT = {
  active: 'primary',
  isolated: 'secondary',
  suspended: 'secondary',
  terminated: 'danger',
  pending: 'secondary',
} as const;

export function TransitionButtons(props: {
  subscriptionId: string;
  username: string;
  from: SubscriptionStatus;
  targets: SubscriptionStatus[];
}) {
  const t = useTranslations();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  return (
    <div className="mt-3 space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <TextField
        label={t('customers.reason')}
        name={`reason-${props.subscriptionId}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        {props.targets.map((to) => (
          <ConfirmButton
            key={to}
            variant={VARIANT[to]}
            label={t(`customers.actions.${to}`)}
            message={t('customers.transitionConfirm', {
              username: props.username,
              from: t(`statuses.${props.from}`),
              to: t(`statuses.${to}`),
            })}
            onConfirm={async () => {
              const r = await transitionSubscriptionAction({ subscriptionId: props.subscriptionId, to, reason });
              setMessage(
                r.ok ? { kind: 'success', text: t('customers.statusChanged') } : { kind: 'error', text: r.message },
              );
              if (r.ok) router.refresh();
            }}
          />
        ))}
      </div>
    </div>
  );
}
