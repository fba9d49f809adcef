/**
 * Indonesian mobile numbers in the one form WhatsApp and gateways accept: 62 + number without
 * the leading 0 (0812-3456-789 -> 628123456789). Returns null for anything that is not one.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith('8')) digits = `62${digits}`;
  if (!digits.startsWith('628')) return null;
  return digits.length >= 10 && digits.length <= 15 ? digits : null;
}
