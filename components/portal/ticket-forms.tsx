'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef } from 'react';
import { portalRateTicketAction, portalTicketMessageAction } from '@/app/_actions/portal-self-service';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

const submitClass =
  'inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white disabled:bg-brand-600/60';

/** The customer's message on their ticket. */
export function TicketMessageForm({ slug, ticketId }: { slug: string; ticketId: string }) {
  const t = useTranslations('portalSupport.tickets');
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const f = useActionForm(
    (input: { body: string }) => portalTicketMessageAction(slug, { ticketId, body: input.body }),
    () => {
      form.current?.reset();
      router.refresh();
    },
  );
  return (
    <form ref={form} onSubmit={f.onSubmit} className="space-y-2" data-testid="portal-ticket-message-form">
      <label htmlFor="ticket-body" className="block text-sm font-medium">
        {t('write')}
      </label>
      <textarea id="ticket-body" name="body" required maxLength={2000} rows={3} className={inputClass} />
      {f.error && <Alert>{f.fieldError('body') ?? f.error}</Alert>}
      <button type="submit" disabled={f.pending} className={submitClass} data-testid="portal-ticket-message-send">
        {t('sendMessage')}
      </button>
    </form>
  );
}

/** 1–5 and a comment, once, when the ticket is resolved. */
export function TicketRatingForm({ slug, ticketId }: { slug: string; ticketId: string }) {
  const t = useTranslations('portalSupport.tickets');
  const router = useRouter();
  const f = useActionForm(
    (input: { rating: string; comment?: string }) => portalRateTicketAction(slug, { ticketId, ...input }),
    () => router.refresh(),
  );
  return (
    <form onSubmit={f.onSubmit} className="space-y-3" data-testid="portal-rating-form">
      <h2 className="font-semibold">{t('rateTitle')}</h2>
      <fieldset>
        <legend className="mb-2 text-sm">{t('rating')}</legend>
        <div className="flex gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="flex min-h-11 min-w-11 flex-1 cursor-pointer items-center justify-center rounded-lg border border-slate-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-brand-900/40"
            >
              <input type="radio" name="rating" value={n} required className="sr-only" />
              {n}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="rating-comment" className="block text-sm font-medium">
        {t('comment')}
      </label>
      <textarea id="rating-comment" name="comment" maxLength={1000} rows={2} className={inputClass} />
      {f.error && <Alert>{f.error}</Alert>}
      <button type="submit" disabled={f.pending} className={submitClass} data-testid="portal-rating-send">
        {t('rate')}
      </button>
    </form>
  );
}
