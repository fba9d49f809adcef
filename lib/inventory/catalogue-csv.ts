/** The most a unit of stock may cost (Rp 10 billion): beyond it stock values and order totals overflow. */
export const UNIT_COST_MAX = 10_000_000_000;

/**
 * A cost per unit as sheets write it, in whole rupiah: "385000", "385.000" and "Rp 385.000"
 * (Indonesian thousands), "385,000", and with cents "385000.00" or "385.000,50" (rounded), so
 * a spreadsheet's two decimals never make a cost a hundred times too high. Null when it is not
 * a cost (negative, letters, above the maximum).
 */
export function parseCost(raw: string): number | null {
  let text = raw.replace(/^rp\.?/i, '').replace(/\s/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  let cents = 0;
  const decimals = /[.,](\d{1,2})$/.exec(text);
  if (decimals) {
    cents = Number(decimals[1]!.padEnd(2, '0'));
    text = text.slice(0, decimals.index);
  }
  const whole = text.replace(/[.,]/g, '');
  if (!/^\d{1,15}$/.test(whole)) return null;
  const rupiah = Math.round(Number(whole) + cents / 100);
  return rupiah <= UNIT_COST_MAX ? rupiah : null;
}

/**
 * The text of an uploaded stock file, whatever Excel saved it as: UTF-8 (with or without BOM),
 * "Unicode text" (UTF-16 with its BOM) or a Windows "CSV" in the old code page (Windows-1252),
 * so a file from any office computer reads as its columns instead of garbled headers.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const text = (() => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  })();
  return text.replace(/^\uFEFF/, '');
}
