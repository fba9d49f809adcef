/** A list as a spreadsheet: one sheet, typed cells, written as CSV (Excel-friendly) or XLSX. */
import Papa from 'papaparse';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';

/** Money is integer rupiah (a number, so a spreadsheet can sum it); dates are the organization's. */
export type Cell =
  | { t: 'text'; v: string | null }
  | { t: 'money'; v: number }
  | { t: 'date'; v: string | null }
  | { t: 'datetime'; v: Date | string | null };

export type Sheet = { headers: string[]; rows: Cell[][] };

export const text = (v: string | null | undefined): Cell => ({ t: 'text', v: v ?? null });
export const money = (v: number): Cell => ({ t: 'money', v });
export const date = (v: string | null | undefined): Cell => ({ t: 'date', v: v ?? null });
export const datetime = (v: Date | string | null | undefined): Cell => ({ t: 'datetime', v: v ?? null });

/** The wall-clock time in the zone, as `YYYY-MM-DD HH:mm`. */
export function localDateTime(value: Date | string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function plain(cell: Cell, timeZone: string): string | number {
  if (cell.v === null) return '';
  if (cell.t === 'datetime') return localDateTime(cell.v, timeZone);
  return cell.v as string | number;
}

// Papa's own pattern (`escapeFormulae: true`) is anchored at both ends without the `s` flag,
// so a formula followed by a line break would get through unescaped: only the start matters.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * UTF-8 with a byte-order mark: without it Excel opens the file as ANSI and breaks accents.
 * Text that starts like a formula (a name typed as `=HYPERLINK(…)`) is escaped, so opening
 * the file never runs it.
 */
export function toCsv(sheet: Sheet, timeZone: string): string {
  const data = sheet.rows.map((r) => r.map((c) => plain(c, timeZone)));
  return `\uFEFF${Papa.unparse({ fields: sheet.headers, data }, { escapeFormulae: FORMULA_START })}`;
}

/**
 * Dates go in as real spreadsheet dates. A spreadsheet date has no zone, so a timestamp is
 * written as the organization's wall-clock time (encoded as that time in UTC).
 */
export async function toXlsx(sheet: Sheet, timeZone: string): Promise<Buffer> {
  const asUtc = (s: string) => new Date(`${s.replace(' ', 'T')}:00Z`);
  const data = [
    sheet.headers.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...sheet.rows.map((row) =>
      row.map((c) => {
        if (c.v === null) return null;
        if (c.t === 'money') return { type: Number, value: c.v, format: '#,##0' };
        if (c.t === 'date') return { type: Date, value: new Date(`${c.v}T00:00:00Z`), format: 'yyyy-mm-dd' };
        if (c.t === 'datetime')
          return { type: Date, value: asUtc(localDateTime(c.v, timeZone)), format: 'yyyy-mm-dd hh:mm' };
        return { type: String, value: c.v };
      }),
    ),
  ];
  return writeExcelFile(data as SheetData).toBuffer();
}
