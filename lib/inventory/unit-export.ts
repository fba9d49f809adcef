import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { datetime, money, type Sheet, text } from '@/lib/exports/render';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { searchUnits, type UnitSearchParams } from './unit-search';

/** The most rows one export writes; the response says when the list was longer. */
export const UNIT_EXPORT_MAX = 10_000;

/**
 * The units list with its filters as a sheet (CSV or XLSX): serial, MAC, item, where it is,
 * the customer, its cost and when it last moved. Pages through the same search the list uses.
 */
export async function exportUnits(
  db: Db,
  p: UnitSearchParams & { locale: Locale; format: 'csv' | 'xlsx' },
): Promise<{ sheet: Sheet; format: 'csv' | 'xlsx'; timezone: string; truncated: boolean }> {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  const t = (key: string) => translate(p.locale, `inventoryMoves.${key}`);
  const rows: Sheet['rows'] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await searchUnits(db, { ...p, cursor });
    for (const u of page.items)
      rows.push([
        text(u.serial),
        text(u.mac),
        text(u.itemSku),
        text(u.itemName),
        text(t(`kinds.${u.locationKind}`)),
        text(u.locationName),
        text(u.customerName),
        money(u.unitCost),
        datetime(u.movedAt),
      ]);
    if (!page.nextCursor) break;
    if (rows.length >= UNIT_EXPORT_MAX) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  const headers = ['serial', 'mac', 'sku', 'item', 'kind', 'location', 'customer', 'cost', 'moved'].map((h) =>
    t(`export.${h}`),
  );
  return { sheet: { headers, rows }, format: p.format, timezone: org?.timezone ?? 'Asia/Jakarta', truncated };
}
