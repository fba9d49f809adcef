import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { renderTemplate, type TemplateValues } from './templates';

/**
 * The invoice message in the organization's wording — the one rule for every invoice text sent
 * by hand (the invoice's "Kirim ke WhatsApp" and the lists' bulk reminder). The template names
 * the invoice's total; for a partly paid invoice a "still to pay" line goes right under the
 * line naming the total (at the end when none does), so the customer is never asked for money
 * already paid. An organization's own template may have left the link out; it is added, since
 * the customer needs it to pay.
 */
export function invoiceMessageText(p: {
  body: string;
  values: TemplateValues;
  invoice: { total: number; paidAmount: number };
  locale: Locale;
}) {
  const link = String(p.values['invoice.link']);
  const owed = String(p.values['invoice.outstanding']);
  let text = renderTemplate(p.body, p.values);
  if (p.invoice.paidAmount > 0 && p.invoice.paidAmount < p.invoice.total && !text.includes(owed)) {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(String(p.values['invoice.total']))) + 1 || lines.length;
    lines.splice(at, 0, translate(p.locale, 'invoiceShare.stillToPay', { amount: owed }));
    text = lines.join('\n');
  }
  return text.includes(link) ? text : `${text}\n${link}`;
}
