import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';

/**
 * An audit action code (`router.imported`) as words in the reader's language. The code is
 * what filters and exports use; screens show these words. An action without its own text
 * reads "Other change" rather than leaking the code.
 */
export function auditActionLabel(locale: Locale, action: string): string {
  const key = `auditActions.${action}`;
  const text = translate(locale, key);
  return text === key ? translate(locale, 'auditActions.other') : text;
}
