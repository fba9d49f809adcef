'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { recordPaymentAction } from '@/app/_actions/billing';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatIDR } from '@/lib/format';

/** The cashier's form: amount (defaults to what is owed), method, reference; then a receipt. */
export function PaymentForm({ customerId, outstanding }: { customerId: string; outstanding: number }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(recordPaymentAction, () => router.refresh());
  const f = form.fieldError;
  const done = form.result?.ok ? form.result.data : null;
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  return (
    <form
      onSubmit={form.onSubmit}
      className="grid gap-3 sm:grid-cols-4 sm:items-start"
      noValidate
      data-testid="payment-form"
    >
      <div className="sm:col-span-4">
        {form.error && <Alert>{form.error}</Alert>}
        {done && (
          <Alert kind="success">
            {done.status === 'pending'
              ? t('billing.transferPending', { amount: formatIDR(done.amount) })
              : t('billing.paymentSaved', { amount: formatIDR(done.amount) })}{' '}
            {done.reconnected > 0 && t('billing.reconnected')}{' '}
            {done.credit > 0 && t('billing.credit', { amount: formatIDR(done.credit) })}
            {done.status === 'approved' && (
              <Link
                href={`/receipt/${done.paymentId}`}
                className={buttonClass('secondary', 'ml-2 min-h-9')}
                data-testid="receipt-link"
              >
                {t('billing.receipt')}
              </Link>
            )}
          </Alert>
        )}
      </div>
      <input type="hidden" name="customerId" value={customerId} />
      <TextField
        label={t('billing.amount')}
        name="amount"
        inputMode="numeric"
        defaultValue={outstanding > 0 ? String(outstanding) : ''}
        error={f('amount')}
      />
      <SelectField
        label={t('billing.method')}
        name="method"
        options={(['cash', 'transfer'] as const).map((m) => ({ value: m, label: t(`paymentMethods.${m}`) }))}
        value={method}
        onChange={(e) => setMethod(e.target.value as 'cash' | 'transfer')}
        error={f('method')}
      />
      <TextField label={t('billing.reference')} name="reference" error={f('reference')} />
      {method === 'transfer' && (
        <div className="sm:col-span-3">
          <TextField
            label={t('billing.proof')}
            name="proof"
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            capture="environment"
            error={f('proof')}
          />
        </div>
      )}
      <Button type="submit" className="sm:mt-6" disabled={form.pending} data-testid="record-payment">
        {t('billing.recordPayment')}
      </Button>
    </form>
  );
}
