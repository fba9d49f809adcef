/** The inventory reports as sheets (CSV/XLSX): the same queries and filters as the pages. */
import type { Db } from '@/db/client';
import { datetime, money, type Sheet, text } from '@/lib/exports/render';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { bagContents, listMoves, type MoveFilter } from './move-report';
import { type StockParams, stockOnHand } from './stock';
import { searchUnits, type UnitSearchParams } from './unit-search';

/** A bigger export is cut here; the response says so (`x-export-truncated`). */
export const INVENTORY_EXPORT_MAX_ROWS = 50_000;

const num = (v: number) => text(String(v));

export async function stockSheet(db: Db, p: { locale: Locale; filter: Omit<StockParams, 'page'> }) {
  const t = (k: string) => translate(p.locale, `inventoryReports.${k}`);
  const rows: Awaited<ReturnType<typeof stockOnHand>>['items'] = [];
  let page = 1;
  let more = true;
  // A thousand rows a query: fifty at a time re-read every row for each page (their totals).
  while (more && rows.length < INVENTORY_EXPORT_MAX_ROWS) {
    const r = await stockOnHand(db, { ...p.filter, page, pageSize: 1000 });
    rows.push(...r.items);
    more = r.hasMore;
    page++;
  }
  const sheet: Sheet = {
    headers: [
      t('col.location'),
      t('col.locationKind'),
      t('col.sku'),
      t('col.item'),
      t('col.category'),
      t('col.quantity'),
      t('col.unit'),
      t('col.averageCost'),
      t('col.value'),
    ],
    rows: rows.map((r) => [
      text(r.locationName),
      text(r.locationKind ? t(`kinds.${r.locationKind}`) : null),
      text(r.itemSku),
      text(r.itemName),
      text(t(`categories.${r.category}`)),
      num(r.quantity),
      text(t(`units.${r.unit}`)),
      money(r.averageCost),
      money(r.value),
    ]),
  };
  return { sheet, truncated: more };
}

export async function movesSheet(db: Db, p: { locale: Locale; filter: MoveFilter }) {
  const t = (k: string) => translate(p.locale, `inventoryReports.${k}`);
  const rows: Awaited<ReturnType<typeof listMoves>>['items'] = [];
  let cursor: string | undefined;
  do {
    const r = await listMoves(db, { ...p.filter, cursor, limit: 1000 });
    rows.push(...r.items);
    cursor = r.nextCursor ?? undefined;
  } while (cursor && rows.length < INVENTORY_EXPORT_MAX_ROWS);
  const sheet: Sheet = {
    headers: [
      t('col.when'),
      t('col.moveKind'),
      t('col.sku'),
      t('col.item'),
      t('col.serial'),
      t('col.quantity'),
      t('col.from'),
      t('col.to'),
      t('col.workOrder'),
      t('col.customer'),
      t('col.by'),
      t('col.reason'),
    ],
    rows: rows.map((m) => [
      datetime(m.createdAt),
      text(t(`moveKinds.${m.kind}`)),
      text(m.itemSku),
      text(m.itemName),
      text(m.serial),
      num(m.quantity),
      text(m.from?.name),
      text(m.to?.name),
      text(m.workOrderNumber),
      text(m.customerName),
      text(m.actorName),
      text(m.reason),
    ]),
  };
  return { sheet, truncated: Boolean(cursor) };
}

export async function bagsSheet(db: Db, p: { orgId: string; locale: Locale }) {
  const t = (k: string) => translate(p.locale, `inventoryReports.${k}`);
  const rows = await bagContents(db, { orgId: p.orgId });
  const sheet: Sheet = {
    headers: [t('col.technician'), t('col.sku'), t('col.item'), t('col.quantity'), t('col.unit'), t('col.value')],
    rows: rows.map((r) => [
      text(r.technicianName),
      text(r.itemSku),
      text(r.itemName),
      num(r.quantity),
      text(t(`units.${r.unit}`)),
      money(r.value),
    ]),
  };
  return { sheet, truncated: false };
}

/** Equipment installed per customer: the serialized units at customers' locations. */
export async function installedSheet(db: Db, p: { locale: Locale; filter: Omit<UnitSearchParams, 'kind' | 'cursor'> }) {
  const t = (k: string) => translate(p.locale, `inventoryReports.${k}`);
  const rows: Awaited<ReturnType<typeof searchUnits>>['items'] = [];
  let cursor: string | undefined;
  do {
    const r = await searchUnits(db, { ...p.filter, kind: 'customer', cursor, limit: 1000 });
    rows.push(...r.items);
    cursor = r.nextCursor ?? undefined;
  } while (cursor && rows.length < INVENTORY_EXPORT_MAX_ROWS);
  const sheet: Sheet = {
    headers: [
      t('col.customerNumber'),
      t('col.customer'),
      t('col.sku'),
      t('col.item'),
      t('col.serial'),
      t('col.mac'),
      t('col.since'),
    ],
    rows: rows.map((u) => [
      text(u.customerNumber),
      text(u.customerName ?? u.locationName),
      text(u.itemSku),
      text(u.itemName),
      text(u.serial),
      text(u.mac),
      datetime(u.movedAt),
    ]),
  };
  return { sheet, truncated: Boolean(cursor) };
}
