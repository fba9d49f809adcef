import type { Db } from '@/db/client';
import { type Sheet, text } from '@/lib/exports/render';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { getOrganization } from '@/lib/organizations/queries';
import { getCount } from './count-queries';
import { lowStockItems } from './low-stock';

const num = (n: number | null): ReturnType<typeof text> => text(n === null ? null : String(n));

/**
 * A count's report as a sheet, in the reader's language: the variance lines of an open count
 * (missing, unexpected, unknown, quantity differences with value), or what an approval posted.
 */
export async function countSheet(db: Db, p: { orgId: string; countId: string; locale: Locale }): Promise<Sheet> {
  const t = (key: string, values?: Record<string, string | number>) =>
    translate(p.locale, `inventoryCounts.${key}`, values);
  const { count, variance, posted } = await getCount(db, p);
  const headers = [
    t('export.line'),
    t('variance.serial'),
    t('variance.item'),
    t('variance.bookedAt'),
    t('variance.expected'),
    t('variance.counted'),
    t('variance.difference'),
    t('variance.value'),
  ];
  const rows: Sheet['rows'] = [];
  if (variance) {
    for (const m of variance.missing)
      rows.push([
        text(t('export.missing')),
        text(m.serial),
        text(m.itemName),
        text(count.locationName),
        num(1),
        num(0),
        num(-1),
        { t: 'money', v: -m.value },
      ]);
    for (const u of variance.unexpected)
      rows.push([
        text(t('export.unexpected')),
        text(u.serial),
        text(u.itemName),
        text(u.fromLocationName),
        num(0),
        num(1),
        num(1),
        { t: 'money', v: u.value },
      ]);
    for (const u of variance.unknown)
      rows.push([
        text(t('export.unknown')),
        text(u.serial),
        text(null),
        text(null),
        num(0),
        num(1),
        num(null),
        { t: 'money', v: 0 },
      ]);
    for (const q of variance.quantities)
      rows.push([
        text(t('export.quantity')),
        text(null),
        text(q.itemName),
        text(count.locationName),
        num(q.expected),
        num(q.counted),
        num(q.difference),
        { t: 'money', v: q.value },
      ]);
  }
  for (const m of posted)
    rows.push([
      text(t('export.posted')),
      text(m.serial),
      text(m.itemName),
      text(`${m.fromName ?? t('variance.offBooks')} → ${m.toName ?? t('variance.offBooks')}`),
      num(null),
      num(null),
      num(m.gain ? m.quantity : -m.quantity),
      { t: 'money', v: m.value },
    ]);
  return { headers, rows };
}

/** The low-stock list as a sheet. */
export async function lowStockSheet(db: Db, p: { orgId: string; locale: Locale }): Promise<Sheet> {
  const t = (key: string) => translate(p.locale, `inventoryCounts.lowStock.${key}`);
  const items = await lowStockItems(db, { orgId: p.orgId });
  return {
    headers: ['SKU', t('item'), t('onHand'), t('minStock'), t('shortage'), t('alerted')],
    rows: items.map((i) => [
      text(i.sku),
      text(i.name),
      num(i.onHand),
      num(i.minStock),
      num(i.shortage),
      { t: 'datetime', v: i.alertedAt },
    ]),
  };
}

export async function timezoneOf(db: Db, orgId: string) {
  return (await getOrganization(db, orgId))?.timezone ?? 'Asia/Jakarta';
}
