'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/card';
import { inputClass, SelectField } from '@/components/ui/field';
import { TICKET_CATEGORIES } from '@/db/enums';

type Answer = { ticketId: string | null; number: string | null; joinedIncident: boolean };

/**
 * "Report a problem": category, words and a photo (the phone offers its camera), posted as a
 * form to the portal's upload route. A report that joined a known outage says so.
 */
export function TicketReportForm({
  slug,
  subscriptions,
}: {
  slug: string;
  subscriptions: { id: string; serviceUsername: string }[];
}) {
  const t = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [joined, setJoined] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const response = await fetch(`/api/portal/${slug}/tickets`, {
        method: 'POST',
        body: new FormData(event.currentTarget),
      });
      if (response.status === 413) return setError(t('portalSupport.tooLarge'));
      const body = (await response.json().catch(() => null)) as
        | (Answer & { message?: string; fieldErrors?: Record<string, string> })
        | null;
      if (!response.ok || !body) {
        setFieldErrors(body?.fieldErrors ?? {});
        return setError(body?.message ?? t('portalSupport.failed'));
      }
      if (body.joinedIncident || !body.ticketId) return setJoined(true);
      router.push(`/portal/${slug}/tickets/${body.ticketId}?sent=1`);
    } catch {
      setError(t('portalSupport.failed'));
    } finally {
      setBusy(false);
    }
  };
  if (joined)
    return (
      <div data-testid="portal-report-joined">
        <Alert kind="success">{t('portalSupport.tickets.joined')}</Alert>
      </div>
    );
  return (
    <form onSubmit={submit} className="space-y-4" data-testid="portal-report-form">
      {subscriptions.length > 1 && (
        <SelectField
          label={t('portalSupport.tickets.subscription')}
          name="subscriptionId"
          options={subscriptions.map((s) => ({ value: s.id, label: s.serviceUsername }))}
          error={fieldErrors.subscriptionId}
        />
      )}
      {subscriptions.length === 1 && <input type="hidden" name="subscriptionId" value={subscriptions[0]!.id} />}
      <SelectField
        label={t('portalSupport.tickets.category')}
        name="category"
        options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
        error={fieldErrors.category}
      />
      <div className="space-y-1">
        <label htmlFor="report-description" className="block text-sm font-medium">
          {t('portalSupport.tickets.description')}
        </label>
        <textarea
          id="report-description"
          name="description"
          required
          maxLength={2000}
          rows={4}
          className={inputClass}
          aria-invalid={Boolean(fieldErrors.description)}
        />
        <p className="text-xs text-slate-500">{t('portalSupport.tickets.descriptionHint')}</p>
        {fieldErrors.description && <p className="text-sm text-red-600">{fieldErrors.description}</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor="report-photo" className="block text-sm font-medium">
          {t('portalSupport.tickets.photo')}
        </label>
        <input
          id="report-photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          className={inputClass}
        />
        <p className="text-xs text-slate-500">{t('portalSupport.tickets.photoHint')}</p>
        {fieldErrors.photo && <p className="text-sm text-red-600">{fieldErrors.photo}</p>}
      </div>
      {error && <Alert>{error}</Alert>}
      <button
        type="submit"
        disabled={busy}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white disabled:bg-brand-600/60"
        data-testid="portal-report-send"
      >
        {t('portalSupport.tickets.send')}
      </button>
    </form>
  );
}
