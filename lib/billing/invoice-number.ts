/**
 * Invoice number formats. The counter behind {seq} starts again at 1 every month (one
 * counter per organization and period), so a number is unique only with the period in it:
 * a format must hold {yyyy}, {mm} and {seq} exactly once each. {prefix} is optional;
 * everything else is literal text (letters, digits, / . _ -). An unknown or broken token
 * ({yy}, {m}, a stray brace) is refused rather than printed as it is: the operator meant a
 * token, and a year that is not there would let January's numbers come back next January.
 *
 * With each token once, numbers cannot repeat: {yyyy} and {mm} are always 4 and 2 digits,
 * so two numbers of the same length have the same width of {seq}, hence the same year,
 * month and sequence.
 */
export const INVOICE_NUMBER_TOKENS = ['{prefix}', '{yyyy}', '{mm}', '{seq}'] as const;
const REQUIRED = ['{yyyy}', '{mm}', '{seq}'];

/** True when numbers made from `format` can never repeat across months. */
export function isValidInvoiceNumberFormat(format: string): boolean {
  if (format.length === 0 || format.length > 60) return false;
  const tokens = format.match(/\{[^{}]*\}/g) ?? [];
  if (tokens.some((t) => !(INVOICE_NUMBER_TOKENS as readonly string[]).includes(t))) return false;
  if (!REQUIRED.every((t) => tokens.filter((x) => x === t).length === 1)) return false;
  // What is left outside the tokens is literal text: no braces, only safe characters.
  return /^[A-Za-z0-9/._-]*$/.test(format.replace(/\{[^{}]*\}/g, ''));
}
