'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

/** "Send transfer slip": a photo (camera on a phone) or PDF to the portal's upload route. */
export function InvoiceSlipForm({ slug, invoiceId }: { slug: string; invoiceId: string }) {
  const t = useTranslations('portalSupport');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/portal/${slug}/invoices/${invoiceId}/slip`, {
        method: 'POST',
        body: new FormData(event.currentTarget),
      });
      if (response.status === 413) return setMessage({ kind: 'error', text: t('tooLarge') });
      const body = (await response.json().catch(() => null)) as {
        message?: string;
        fieldErrors?: Record<string, string>;
      } | null;
      if (!response.ok)
        return setMessage({ kind: 'error', text: body?.fieldErrors?.file ?? body?.message ?? t('failed') });
      setMessage({ kind: 'success', text: t('invoices.slipSent') });
      router.refresh();
    } catch {
      setMessage({ kind: 'error', text: t('failed') });
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button
        type="button"
        className="min-h-11 text-sm font-medium text-brand-700 underline dark:text-brand-300"
        onClick={() => setOpen(true)}
        data-testid="portal-slip-open"
      >
        {t('invoices.sendSlip')}
      </button>
    );
  return (
    <form onSubmit={submit} className="space-y-2" data-testid="portal-slip-form">
      <label className="block text-sm font-medium" htmlFor={`slip-${invoiceId}`}>
        {t('invoices.slipLabel')}
      </label>
      <input
        id={`slip-${invoiceId}`}
        name="file"
        type="file"
        required
        accept="image/jpeg,image/png,image/webp,application/pdf"
        className={inputClass}
      />
      <p className="text-xs text-slate-500">{t('invoices.slipHint')}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <button
        type="submit"
        disabled={busy}
        className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white disabled:bg-brand-600/60"
      >
        {t('invoices.slipSend')}
      </button>
    </form>
  );
}
