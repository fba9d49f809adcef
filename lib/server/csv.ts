/**
 * RFC 4180 CSV for downloads: quoted where needed, CRLF line ends, so spreadsheets open it as is.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
 * Excel, LibreOffice and Google Sheets: a customer named `=HYPERLINK(...)` would run as one on
 * the operator's machine. Such cells get a leading single quote (OWASP's advice), which the
 * spreadsheet shows as text. Numbers are written bare, so negative amounts stay numbers.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
