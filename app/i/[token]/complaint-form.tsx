'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { submitComplaintAction } from '@/app/_actions/tickets';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField } from '@/components/ui/field';
import { TICKET_CATEGORIES } from '@/db/enums';

/**
 * "Ada gangguan?" on the customer's invoice page: a complaint without a login. The answer is
 * the ticket number (the same comes by WhatsApp), or that the problem is a known outage.
 */
export function ComplaintForm({ token }: { token: string }) {
  const t = useTranslations('tickets.complaint');
  const tc = useTranslations('tickets.categories');
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [done, setDone] = useState<{ number: string | null; joinedIncident: boolean } | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    start(async () => {
      const r = await submitComplaintAction({
        token,
        category: String(fd.get('category')) as (typeof TICKET_CATEGORIES)[number],
        description: String(fd.get('description') ?? ''),
        website: String(fd.get('website') ?? ''),
      });
      if (r.ok) return setDone(r.data);
      setError(r.message);
      setFieldError(r.fieldErrors?.description ?? null);
    });
  };
  return (
    <Card className="space-y-3">
      <details open={done !== null || error !== null}>
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold" data-testid="complaint-open">
          {t('title')}
        </summary>
        {done ? (
          <Alert kind="success">
            <span data-testid="complaint-done">
              {done.joinedIncident ? t('joined') : t('received', { number: done.number ?? '' })}
            </span>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} className="mt-2 space-y-3" noValidate>
            <p className="text-sm text-slate-500">{t('hint')}</p>
            {error && <Alert>{error}</Alert>}
            <SelectField
              label={t('what')}
              name="category"
              id="complaint-category"
              defaultValue="no_internet"
              options={TICKET_CATEGORIES.map((c) => ({ value: c, label: tc(c) }))}
            />
            <div className="space-y-1">
              <label htmlFor="complaint-description" className="block text-sm font-medium">
                {t('describe')}
              </label>
              <textarea
                id="complaint-description"
                name="description"
                rows={3}
                maxLength={2000}
                className={`${inputClass} py-2`}
                data-testid="complaint-description"
              />
              {fieldError && <p className="text-sm text-red-600">{fieldError}</p>}
            </div>
            {/* Left empty by people (it is hidden); bots fill it. */}
            <input type="text" name="website" tabIndex={-1} autoComplete="off" className="hidden" aria-hidden />
            <Button type="submit" className="w-full" disabled={pending} data-testid="complaint-submit">
              {t('send')}
            </Button>
          </form>
        )}
      </details>
    </Card>
  );
}
