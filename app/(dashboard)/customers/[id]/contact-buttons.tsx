import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { mapsUrl, telUrl, whatsappChatUrl } from '@/lib/core/contact-links';

/**
 * One tap to reach the customer from the field: call, WhatsApp with a message already typed,
 * directions to their pin, and the number copied for another app.
 */
export async function ContactButtons({
  phone,
  message,
  pin,
}: {
  phone: string;
  message: string;
  pin: { latitude: number; longitude: number } | null;
}) {
  const t = await getTranslations('customerPage');
  const chat = whatsappChatUrl(phone, message);
  return (
    <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap" data-testid="contact-buttons">
      <a href={telUrl(phone)} className={buttonClass('secondary')} data-testid="contact-call">
        {t('call')}
      </a>
      {chat && (
        <a
          href={chat}
          target="_blank"
          rel="noopener noreferrer"
          className={buttonClass('secondary')}
          data-testid="contact-whatsapp"
        >
          {t('whatsapp')}
        </a>
      )}
      {pin && (
        <a
          href={mapsUrl(pin.latitude, pin.longitude)}
          target="_blank"
          rel="noopener noreferrer"
          className={buttonClass('secondary')}
          data-testid="contact-navigate"
        >
          {t('navigate')}
        </a>
      )}
      <CopyButton text={phone} testId="contact-copy" />
    </div>
  );
}
