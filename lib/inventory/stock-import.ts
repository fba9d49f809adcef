import { and, eq, inArray } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Db } from '@/db/client';
import { inventoryItems, stockLocations, stockUnits } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { parseCost } from './catalogue-csv';
import { moveQuantity, newBatchId, receiveUnits } from './ledger';
import { validSerial } from './serials';

export { parseCost };

/** The columns of the stock file (docs/features/inventory-catalogue.md documents them). */
export const STOCK_IMPORT_COLUMNS = ['sku', 'serial', 'mac', 'location', 'quantity', 'unit_cost'] as const;
export const STOCK_IMPORT_MAX_ROWS = 20_000;
export const STOCK_IMPORT_TEMPLATE = [
  STOCK_IMPORT_COLUMNS.join(','),
  'ONT-F670L,ZTEGC81009999,34:E8:94:1A:99:01,RAK-A1,,385000',
  'DC-1C,,,GDG-UTAMA,1500,1200',
].join('\n');

export type StockImportError = { line: number; column: string; message: string };
type Row = {
  line: number;
  itemId: string;
  sku: string;
  serialized: boolean;
  serial: string | null;
  mac: string | null;
  locationId: string;
  quantity: number;
  unitCost: number;
};

/** The most of a bulk item one row brings (a level is an integer: a typo must not overflow it). */
const IMPORT_QUANTITY_MAX = 1_000_000;

/** Where existing stock can be put: the organization's warehouses, shelves and technicians' bags. */
const STORE_KINDS = new Set(['warehouse', 'shelf', 'bag']);

/** Parses and checks every row without writing anything (the dry run): every problem of a row at once. */
export async function previewStockImport(db: Db, p: { orgId: string; csv: string; locale: Locale }) {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(p.locale, `inventoryCatalogue.import.${key}`, params);
  const parsed = Papa.parse<Record<string, string>>(p.csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const empty = (errors: StockImportError[], total = 0) => ({
    total,
    valid: 0,
    errors,
    rows: [] as Row[],
    summary: [],
  });
  const missing = ['sku', 'location'].filter((c) => !(parsed.meta.fields ?? []).includes(c));
  if (missing.length)
    return empty([
      { line: 1, column: missing.join(', '), message: t('missingColumns', { columns: missing.join(', ') }) },
    ]);
  if (parsed.data.length > STOCK_IMPORT_MAX_ROWS)
    return empty(
      [{ line: 1, column: '', message: t('tooManyRows', { max: STOCK_IMPORT_MAX_ROWS }) }],
      parsed.data.length,
    );

  const items = await db
    .select({
      id: inventoryItems.id,
      sku: inventoryItems.sku,
      tracking: inventoryItems.tracking,
      costPrice: inventoryItems.costPrice,
    })
    .from(inventoryItems)
    .where(and(eq(inventoryItems.organizationId, p.orgId), eq(inventoryItems.active, true)));
  const itemBySku = new Map(items.map((i) => [i.sku.toLowerCase(), i]));
  const locations = await db
    .select({ id: stockLocations.id, code: stockLocations.code, kind: stockLocations.kind })
    .from(stockLocations)
    .where(and(eq(stockLocations.organizationId, p.orgId), eq(stockLocations.active, true)));
  const locationByCode = new Map(
    locations.filter((l) => STORE_KINDS.has(l.kind)).map((l) => [l.code.toLowerCase(), l]),
  );

  const errors: StockImportError[] = [];
  const rows: Row[] = [];
  const serialLines = new Map<string, number>();
  const macLines = new Map<string, number>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2; // line 1 is the header
    const cell = (c: string) => String(raw[c] ?? '').trim();
    const rowErrors: StockImportError[] = [];
    const err = (column: string, key: string, params?: Record<string, string | number>) =>
      rowErrors.push({ line, column, message: t(key, params) });
    const item = itemBySku.get(cell('sku').toLowerCase());
    if (!cell('sku')) err('sku', 'required');
    else if (!item) err('sku', 'unknownSku', { sku: cell('sku') });
    const location = locationByCode.get(cell('location').toLowerCase());
    if (!cell('location')) err('location', 'required');
    else if (!location) err('location', 'unknownLocation', { code: cell('location') });
    const cost = cell('unit_cost') ? parseCost(cell('unit_cost')) : undefined;
    if (cost === null) err('unit_cost', 'badCost');
    let serial: string | null = null;
    let mac: string | null = null;
    let quantity = 1;
    if (item?.tracking === 'serial') {
      serial = validSerial(cell('serial'));
      if (!serial) err('serial', cell('serial') ? 'badSerial' : 'serialRequired');
      else if (serialLines.has(serial)) err('serial', 'duplicateInFile', { line: serialLines.get(serial)! });
      if (cell('mac') && !MAC_PATTERN.test(cell('mac'))) err('mac', 'badMac');
      else if (cell('mac')) {
        mac = normalizeMac(cell('mac'));
        if (macLines.has(mac)) err('mac', 'duplicateInFile', { line: macLines.get(mac)! });
      }
      if (cell('quantity') && cell('quantity') !== '1') err('quantity', 'serialQuantity');
    } else if (item) {
      if (cell('serial')) err('serial', 'bulkSerial');
      quantity = /^\d{1,9}$/.test(cell('quantity')) ? Number(cell('quantity')) : 0;
      if (quantity <= 0 || quantity > IMPORT_QUANTITY_MAX) err('quantity', 'badQuantity');
    }
    if (rowErrors.length || !item || !location) {
      errors.push(...rowErrors);
      return;
    }
    if (serial) serialLines.set(serial, line);
    if (mac) macLines.set(mac, line);
    rows.push({
      line,
      itemId: item.id,
      sku: item.sku,
      serialized: item.tracking === 'serial',
      serial,
      mac,
      locationId: location.id,
      quantity,
      unitCost: cost ?? item.costPrice,
    });
  });
  await checkTaken(db, p.orgId, rows, errors, t);
  errors.sort((a, b) => a.line - b.line);
  const bad = new Set(errors.map((e) => e.line));
  const valid = rows.filter((r) => !bad.has(r.line));
  const summary = new Map<string, { sku: string; location: string; quantity: number }>();
  const codeOf = new Map(locations.map((l) => [l.id, l.code]));
  for (const r of valid) {
    const key = `${r.sku}/${r.locationId}`;
    const s = summary.get(key) ?? { sku: r.sku, location: codeOf.get(r.locationId)!, quantity: 0 };
    s.quantity += r.quantity;
    summary.set(key, s);
  }
  return { total: parsed.data.length, valid: valid.length, errors, rows: valid, summary: [...summary.values()] };
}

/** Serials and MACs the organization already has are refused by line. */
async function checkTaken(
  db: Db,
  orgId: string,
  rows: Row[],
  errors: StockImportError[],
  t: (key: string, params?: Record<string, string | number>) => string,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).filter((r) => r.serial);
    if (chunk.length === 0) continue;
    const serials = chunk.map((r) => r.serial!);
    const macs = chunk.map((r) => r.mac).filter((m): m is string => Boolean(m));
    const taken = await db
      .select({ serial: stockUnits.serial, mac: stockUnits.mac })
      .from(stockUnits)
      .where(and(eq(stockUnits.organizationId, orgId), inArray(stockUnits.serial, serials)));
    const takenMacs = macs.length
      ? await db
          .select({ mac: stockUnits.mac })
          .from(stockUnits)
          .where(and(eq(stockUnits.organizationId, orgId), inArray(stockUnits.mac, macs)))
      : [];
    const serialSet = new Set(taken.map((u) => u.serial));
    const macSet = new Set(takenMacs.map((u) => u.mac));
    for (const r of chunk) {
      if (serialSet.has(r.serial!))
        errors.push({ line: r.line, column: 'serial', message: t('serialTaken', { serial: r.serial! }) });
      if (r.mac && macSet.has(r.mac))
        errors.push({ line: r.line, column: 'mac', message: t('macTaken', { mac: r.mac }) });
    }
  }
}

/**
 * Brings existing stock onto the books all-or-nothing: any bad row and nothing is written.
 * Each row is a ledger move of kind import (from nowhere), in one batch, at its unit cost
 * (averaged into the item's cost like a receipt).
 */
export async function importStock(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; csv: string; locale: Locale },
) {
  return db.transaction(async (tx) => {
    const preview = await previewStockImport(tx, p);
    const { rows, ...shown } = preview;
    if (preview.errors.length > 0 || preview.total === 0) return { imported: 0, preview: shown };
    const batchId = newBatchId();
    const ctx = { orgId: p.orgId, actorUserId: p.actorUserId, kind: 'import' as const, batchId };
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const key = `${r.itemId}/${r.locationId}/${r.unitCost}/${r.serialized ? 's' : r.line}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      if (first.serialized) {
        await receiveUnits(tx, {
          ...ctx,
          itemId: first.itemId,
          to: first.locationId,
          unitCost: first.unitCost,
          units: group.map((r) => ({ serial: r.serial!, mac: r.mac })),
        });
      } else {
        await moveQuantity(tx, {
          ...ctx,
          itemId: first.itemId,
          quantity: first.quantity,
          from: null,
          to: first.locationId,
          unitCost: first.unitCost,
        });
      }
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'inventory.stock.imported',
      entityType: 'stock_move',
      data: { rows: rows.length, batchId, summary: preview.summary },
    });
    return { imported: rows.length, preview: shown };
  });
}
