/**
 * Serial numbers as stored and compared: trimmed, inner spaces removed, upper case. A label
 * scanned by the camera, typed on a phone and pasted from a supplier's list then match.
 */
export const SERIAL_MIN = 3;
export const SERIAL_MAX = 64;
const SERIAL_PATTERN = /^[A-Z0-9._\-/:]+$/;

export function normalizeSerial(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** A normalized serial that can be stored, or null (too short, too long, odd characters). */
export function validSerial(raw: string): string | null {
  const serial = normalizeSerial(raw);
  if (serial.length < SERIAL_MIN || serial.length > SERIAL_MAX) return null;
  return SERIAL_PATTERN.test(serial) ? serial : null;
}

/**
 * A pasted list of serials (one per line, or separated by commas, semicolons or tabs), as
 * normalized serials in order, each once; what is not a serial comes back in `invalid`.
 */
export function parseSerialList(text: string): { serials: string[]; invalid: string[]; repeated: string[] } {
  const serials: string[] = [];
  const invalid: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(/[\n\r,;\t]+/)) {
    const raw = part.trim();
    if (!raw) continue;
    const serial = validSerial(raw);
    if (!serial) invalid.push(raw);
    else if (seen.has(serial)) repeated.push(serial);
    else {
      seen.add(serial);
      serials.push(serial);
    }
  }
  return { serials, invalid, repeated };
}
