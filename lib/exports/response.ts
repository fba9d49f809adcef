/** An export operation's result as the file download a route handler answers with. */
import { type Sheet, toCsv, toXlsx } from './render';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportFile(
  name: string,
  data: { sheet: Sheet; format: 'csv' | 'xlsx'; timezone: string; truncated: boolean },
): Promise<Response> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: data.timezone }).format(new Date());
  const headers: Record<string, string> = {
    'content-disposition': `attachment; filename="${name}-${day}.${data.format}"`,
    'cache-control': 'no-store',
    ...(data.truncated ? { 'x-export-truncated': '1' } : {}),
  };
  if (data.format === 'xlsx') {
    const body = await toXlsx(data.sheet, data.timezone);
    return new Response(new Uint8Array(body), { headers: { ...headers, 'content-type': XLSX_TYPE } });
  }
  return new Response(toCsv(data.sheet, data.timezone), {
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
  });
}

/**
 * The list's filters from the query string (`?format=xlsx&status=unpaid`); a POST form adds
 * the selected rows (`ids`), which would not fit in a URL.
 */
export async function exportParams(request: Request): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== 'POST') return fields;
  const form = await request.formData();
  for (const [key, value] of form.entries()) if (key !== 'ids' && typeof value === 'string') fields[key] = value;
  fields.ids = form.getAll('ids').filter((v) => typeof v === 'string');
  return fields;
}
