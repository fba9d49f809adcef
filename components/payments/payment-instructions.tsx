'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { QrImage as Qr, useQrDataUrl } from '@/components/ui/qr-image';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import type { PublicPayment } from '@/lib/payments/checkout';

/** What the customer needs to pay a started payment: the number, code or QR, how much, until when. */
export function PaymentInstructions({
  payment: p,
  methodLabel,
  locale,
  onChangeMethod,
}: {
  payment: PublicPayment;
  methodLabel: string;
  locale: string;
  onChangeMethod: () => void;
}) {
  const t = useTranslations('payments');
  const ins = p.instructions;
  return (
    <Card>
      <section className="space-y-4" data-testid="payment-instructions">
        <div>
          <h2 className="text-lg font-semibold">{t('public.payOnline')}</h2>
          <p className="text-sm text-slate-500">{methodLabel}</p>
        </div>
        {p.sandbox && <Alert kind="warning">{t('public.sandbox')}</Alert>}
        <div>
          <p className="text-sm text-slate-500">{t('public.amountToPay')}</p>
          <p className="text-2xl font-bold" data-testid="payment-total">
            {formatIDR(p.charged)}
          </p>
          {p.fee > 0 && (
            <p className="text-xs text-slate-500">{`${formatIDR(p.amount)} + ${t('public.fee').toLowerCase()} ${formatIDR(p.fee)}`}</p>
          )}
        </div>
        {ins.vaNumber && (
          <Code
            label={ins.bank ? `${t('vaNumber')} · ${ins.bank.toUpperCase()}` : t('vaNumber')}
            value={ins.vaNumber}
            testId="payment-va"
            hint={t('public.vaHint')}
          />
        )}
        {ins.billerCode && <Code label={t('billerCode')} value={ins.billerCode} testId="payment-biller" />}
        {ins.payCode && (
          <Code label={t('payCode')} value={ins.payCode} testId="payment-code" hint={t('public.retailHint')} />
        )}
        {ins.qrString && (
          <QrImage
            text={ins.qrString}
            alt={t('public.qrAlt')}
            saveLabel={t('public.saveQr')}
            hint={t('public.scanQr')}
          />
        )}
        {!ins.qrString && ins.qrImageUrl && (
          <div className="space-y-2 text-center">
            {/* biome-ignore lint/performance/noImgElement: the gateway's own QR picture (GoPay has no QR string) */}
            <img
              src={ins.qrImageUrl}
              alt={t('public.qrAlt')}
              width={256}
              height={256}
              className="mx-auto h-64 w-64 rounded bg-white"
              data-testid="payment-qr"
            />
            <p className="text-xs text-slate-500">{t('public.scanQr')}</p>
          </div>
        )}
        <div className="flex flex-col gap-2">
          {ins.deeplinkUrl && (
            <a href={ins.deeplinkUrl} className={buttonClass('primary', 'w-full')}>
              {t('public.openApp')}
            </a>
          )}
          {ins.redirectUrl && (
            <a
              href={ins.redirectUrl}
              className={buttonClass(
                ins.deeplinkUrl || ins.vaNumber || ins.qrString || ins.payCode ? 'secondary' : 'primary',
                'w-full',
              )}
              data-testid="payment-redirect"
            >
              {t('public.openPayment')}
            </a>
          )}
        </div>
        {p.expiresAt && (
          <p className="text-sm">
            <span suppressHydrationWarning>
              {t('public.payBefore', { time: formatDateTime(p.expiresAt, toLocale(locale), 'Asia/Jakarta') })}
            </span>
          </p>
        )}
        <p className="flex items-center gap-2 text-sm text-slate-500" role="status">
          <span aria-hidden className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" />
          {t('public.waiting')}
        </p>
        <Button variant="ghost" onClick={onChangeMethod} data-testid="change-method">
          {t('public.changeMethod')}
        </Button>
      </section>
    </Card>
  );
}

function Code({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: ReactNode }) {
  return (
    <div>
      <p className="text-sm text-slate-500">{label}</p>
      <div className="flex flex-wrap items-center gap-3">
        <span className="break-all font-mono text-2xl font-semibold tracking-wider" data-testid={testId}>
          {value}
        </span>
        <CopyButton text={value} />
      </div>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/**
 * The QRIS code, drawn in the browser from the gateway's QR string. A customer paying from
 * the same phone cannot scan their own screen: they save the picture and open it in their
 * bank or e-wallet app.
 */
function QrImage({ text, alt, saveLabel, hint }: { text: string; alt: string; saveLabel: string; hint: string }) {
  const src = useQrDataUrl(text);
  return (
    <div className="space-y-2 text-center">
      <Qr src={src} alt={alt} testId="payment-qr" />
      <p className="text-xs text-slate-500">{hint}</p>
      {src && (
        <a href={src} download="qris.png" className={buttonClass('secondary')}>
          {saveLabel}
        </a>
      )}
    </div>
  );
}
