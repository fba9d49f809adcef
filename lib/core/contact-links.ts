import { normalizePhone } from './phone';

/**
 * Links a phone opens in the right app: the dialer, a WhatsApp chat (with the text filled
 * in) and the maps app at a pin. Pure, so the client pieces and lib build the same links.
 */

/** `tel:+62…` for a number we can read, else the digits as typed (the dialer copes). */
export function telUrl(phone: string): string {
  const n = normalizePhone(phone);
  return n ? `tel:+${n}` : `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A wa.me chat with the customer, the message already typed; null when the number is not a mobile one. */
export function whatsappChatUrl(phone: string, text?: string): string | null {
  const n = normalizePhone(phone);
  if (!n) return null;
  return text ? `https://wa.me/${n}?text=${encodeURIComponent(text)}` : `https://wa.me/${n}`;
}

/** wa.me without a number: WhatsApp asks whom to send the text to (sharing a link). */
export function whatsappShareUrl(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/**
 * Directions to a pin: Google Maps' universal link opens the maps app on Android and iOS and
 * the website elsewhere (a bare `geo:` link does nothing on a desktop browser).
 */
export function mapsUrl(latitude: number, longitude: number): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${latitude},${longitude}`;
}
