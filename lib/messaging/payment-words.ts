import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';

/**
 * How a payment was made, in the words of the customer's message language: "tunai", "bank
 * transfer", or the gateway's channel (QRIS, BRIVA: names customers know from their app).
 * A gateway payment's note reads "<gateway> <channel> <order id>" (lib/payments/handlers.ts).
 */
export function paymentMethodWord(locale: Locale, method: string, note: string | null): string {
  if (method === 'gateway') {
    const channel = note?.split(' ')[1];
    return channel ? channel.toUpperCase() : translate(locale, 'messagePaymentMethods.online');
  }
  if (method === 'cash' || method === 'transfer') return translate(locale, `messagePaymentMethods.${method}`);
  return translate(locale, 'messagePaymentMethods.other');
}
