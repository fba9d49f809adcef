import type { InventoryCategory, InventoryTracking } from '@/db/enums';
import { EXPORT_MAX_ROWS } from '@/lib/exports/lists';
import { money, type Sheet, text } from '@/lib/exports/render';
import { translate } from '@/lib/i18n/translate';
import { getOrganization } from '@/lib/organizations/queries';
import type { Ctx } from '@/lib/server/operation';
import { itemsForExport } from './items';

/** The catalogue as a sheet, with the list's filters: one row per item with its stock on hand. */
export async function exportedSheet(
  ctx: Ctx,
  filter: { q?: string; category?: InventoryCategory; tracking?: InventoryTracking; active?: 'active' | 'inactive' },
) {
  const t = (key: string) => translate(ctx.locale, `inventoryCatalogue.${key}`);
  const rows = await itemsForExport(ctx.db, { orgId: ctx.orgId, ...filter, limit: EXPORT_MAX_ROWS + 1 });
  const sheet: Sheet = {
    headers: [
      'SKU',
      t('fields.name'),
      t('fields.category'),
      t('fields.unit'),
      t('fields.tracking'),
      t('fields.minStock'),
      t('fields.onHand'),
      t('fields.costPrice'),
      t('fields.averageCost'),
      t('fields.status'),
    ],
    rows: rows
      .slice(0, EXPORT_MAX_ROWS)
      .map((r) => [
        text(r.sku),
        text(r.name),
        text(t(`categories.${r.category}`)),
        text(t(`units.${r.unit}`)),
        text(t(`tracking.${r.tracking}`)),
        text(String(r.minStock)),
        text(String(r.onHand)),
        money(r.costPrice),
        money(r.averageCost),
        text(r.active ? t('active') : t('inactive')),
      ]),
  };
  const timezone = (await getOrganization(ctx.db, ctx.orgId))?.timezone ?? 'Asia/Jakarta';
  return { sheet, format: 'csv' as const, timezone, truncated: rows.length > EXPORT_MAX_ROWS };
}
