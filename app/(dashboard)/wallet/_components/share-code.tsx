'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/**
 * One voucher passed on to a buyer: copy the code, or share a short message with it: the
 * phone's share sheet where the browser has one (navigator.share), else WhatsApp (wa.me,
 * which opens the app on a phone and WhatsApp Web elsewhere).
 */
export function ShareCode({ code, message }: { code: string; message: string }) {
  const t = useTranslations('wallet.codes');
  const whatsapp = `https://wa.me/?text=${encodeURIComponent(message)}`;
  const share = (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (typeof navigator.share !== 'function') return; // the link opens WhatsApp
    event.preventDefault();
    // A cancelled share sheet rejects: nothing to tell the reseller.
    navigator.share({ text: message }).catch(() => {});
  };
  return (
    <div className="flex flex-wrap gap-2">
      <CopyButton text={code} testId="code-copy" />
      <a
        href={whatsapp}
        target="_blank"
        rel="noopener noreferrer"
        onClick={share}
        className={buttonClass('secondary')}
        data-testid="code-share"
      >
        {t('share')}
      </a>
    </div>
  );
}
