/** An export operation's result as the file download a route handler answers with. */
import { getLocale } from '@/lib/auth/context';
import { readBodyCapped } from '@/lib/server/body';
import { failure } from '@/lib/server/operation';
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
 * The selected rows' ids (500 at most, ~41 bytes each as `ids=<uuid>&`) fit well within this;
 * anything larger is not our form.
 */
export const EXPORT_BODY_MAX_BYTES = 64 * 1024;

/**
 * The list's filters from the query string (`?format=xlsx&status=unpaid`); a POST form adds
 * the selected rows (`ids`), which would not fit in a URL. A POST that is not such a form
 * (another content type, or too large) is answered here, in the operator's language, and the
 * handler returns that response as it is.
 */
export async function exportParams(request: Request): Promise<Record<string, unknown> | Response> {
  const fields: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== 'POST') return fields;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    await request.body?.cancel().catch(() => {});
    return problem(400);
  }
  const bytes = await readBodyCapped(request, EXPORT_BODY_MAX_BYTES);
  if (!bytes) return problem(413);
  // URLSearchParams never throws: a broken %-escape is kept as written.
  const form = new URLSearchParams(new TextDecoder().decode(bytes));
  for (const [key, value] of form.entries()) if (key !== 'ids') fields[key] = value;
  fields.ids = form.getAll('ids');
  return fields;
}

async function problem(status: 400 | 413): Promise<Response> {
  return Response.json(failure(await getLocale(), 'validation'), { status });
}
