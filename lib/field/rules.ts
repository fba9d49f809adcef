/**
 * Input rules the phone checks before it queues a step and the server checks again: one copy,
 * so the phone never accepts what the office then refuses (a refusal only shows up later, as a
 * problem, when the technician may have left the customer's house).
 */

/** A MAC as printed on the modem: AA:BB:CC:DD:EE:FF, AA-BB-…, or the 12 digits with no separators. */
export const MAC_PATTERN = /^(?:(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{12})$/;

/** The MAC as it is stored: upper case, colon separated. */
export function normalizeMac(mac: string): string {
  const hex = mac.replace(/[:-]/g, '').toUpperCase();
  return hex.match(/.{2}/g)!.join(':');
}

/** The signer's name, as the customer's receipt of the installation shows it. */
export const SIGNED_NAME_MIN = 2;
export const SIGNED_NAME_MAX = 120;
