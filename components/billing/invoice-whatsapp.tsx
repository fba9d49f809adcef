'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { sendInvoiceAction } from '@/app/_actions/messaging';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { whatsappShareUrl } from '@/lib/core/contact-links';

export type InvoiceShareData = {
  text: string;
  link: string;
  chatUrl: string | null;
  optOut: boolean;
  whatsapp: { connected: boolean; queued: number };
};

/**
 * "Kirim ke WhatsApp" for one invoice. With a connected session (and the right to send) the
 * message is queued through it; otherwise the button opens WhatsApp on this phone with the
 * text and link typed in (wa.me), to the customer's number or, when that is not a mobile
 * number, to whoever the user picks. A banner says when messages are waiting for a session.
 */
export function InvoiceWhatsApp({
  invoiceId,
  share,
  canSend,
  canManageWhatsApp,
}: {
  invoiceId: string;
  share: InvoiceShareData;
  canSend: boolean;
  canManageWhatsApp: boolean;
}) {
  const t = useTranslations('invoiceShare');
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ kind: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const viaSession = share.whatsapp.connected && canSend;
  const waUrl = share.chatUrl ?? whatsappShareUrl(share.text);
  const send = () =>
    start(async () => {
      const r = await sendInvoiceAction({ invoiceId });
      if (!r.ok) setResult({ kind: 'error', text: r.fieldErrors?.invoiceId ?? r.message });
      else if (r.data.queued) setResult({ kind: 'success', text: t('queued') });
      else setResult({ kind: 'warning', text: t(r.data.reason === 'opted_out' ? 'optedOut' : 'invalidPhone') });
    });
  return (
    <div className="space-y-2" data-testid="invoice-whatsapp">
      {!share.whatsapp.connected && (
        <Alert kind="warning">
          <span data-testid="whatsapp-banner">
            {share.whatsapp.queued > 0 ? t('noSessionQueued', { count: share.whatsapp.queued }) : t('noSession')}
          </span>{' '}
          {canManageWhatsApp && (
            <Link href="/whatsapp" className="font-medium underline">
              {t('connect')}
            </Link>
          )}
        </Alert>
      )}
      {share.optOut && <p className="text-sm text-amber-700 dark:text-amber-400">{t('optedOut')}</p>}
      {result && <Alert kind={result.kind}>{result.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        {viaSession ? (
          <Button onClick={send} disabled={pending} data-testid="whatsapp-send">
            {t('send')}
          </Button>
        ) : (
          <a
            href={waUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass('primary')}
            data-testid="whatsapp-send"
          >
            {t('send')}
          </a>
        )}
        {viaSession && (
          <a
            href={waUrl}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass('secondary')}
            data-testid="whatsapp-open"
          >
            {t('openChat')}
          </a>
        )}
        <CopyButton text={share.link} testId="copy-link" />
      </div>
    </div>
  );
}
