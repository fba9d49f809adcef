'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { createTicketAction } from '@/app/_actions/tickets';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from '@/db/enums';

type Choice = {
  id: string;
  name: string;
  number: string;
  phone: string;
  subscriptions: { id: string; serviceUsername: string }[];
};

export function NewTicketForm({ choices, preselected }: { choices: Choice[]; preselected?: string }) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const [customerId, setCustomerId] = useState(preselected ?? '');
  const form = useActionForm(createTicketAction, (data) => router.push(`/tickets/${data.id}`));
  const chosen = choices.find((c) => c.id === customerId);
  return (
    <Card>
      <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
        {form.error && <Alert>{form.error}</Alert>}
        {choices.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="mb-1 text-sm font-medium">{t('customer')}</legend>
            {[{ id: '', name: t('noCustomer'), number: '', phone: '' }, ...choices].map((c) => (
              <label key={c.id || 'none'} className="flex min-h-11 items-center gap-2 rounded-lg px-1 text-sm">
                <input
                  type="radio"
                  name="customerId"
                  value={c.id}
                  checked={customerId === c.id}
                  onChange={() => setCustomerId(c.id)}
                  className="size-5"
                  data-testid="customer-choice"
                />
                <span className="min-w-0 break-words">
                  {c.name}
                  {c.number && (
                    <span className="text-slate-500">
                      {' '}
                      · {c.number} · {c.phone}
                    </span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {chosen && chosen.subscriptions.length > 0 && (
          <SelectField
            label={t('service')}
            name="subscriptionId"
            error={form.fieldError('subscriptionId')}
            options={[
              { value: '', label: t('anyService') },
              ...chosen.subscriptions.map((s) => ({ value: s.id, label: s.serviceUsername })),
            ]}
          />
        )}
        {!chosen && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t('reporterName')} name="reporterName" error={form.fieldError('reporterName')} />
            <TextField
              label={t('reporterPhone')}
              name="reporterPhone"
              inputMode="tel"
              error={form.fieldError('reporterPhone')}
              hint={t('reporterPhoneHint')}
            />
          </div>
        )}
        <TextField
          label={t('subject')}
          name="subject"
          error={form.fieldError('subject')}
          data-testid="ticket-subject"
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label={t('category')}
            name="category"
            defaultValue="no_internet"
            error={form.fieldError('category')}
            options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          />
          <SelectField
            label={t('priority')}
            name="priority"
            defaultValue="normal"
            error={form.fieldError('priority')}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="description" className="block text-sm font-medium">
            {t('description')}
          </label>
          <textarea id="description" name="description" rows={4} className={`${inputClass} py-2`} />
          {form.fieldError('description') && <p className="text-sm text-red-600">{form.fieldError('description')}</p>}
        </div>
        <Button type="submit" disabled={form.pending} data-testid="create-ticket" className="w-full sm:w-auto">
          {t('create')}
        </Button>
      </form>
    </Card>
  );
}
