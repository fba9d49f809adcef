import { exportCustomersOp, exportInvoicesOp, exportPaymentsOp } from '@/lib/exports/operations';
import { toCsv, toXlsx } from '@/lib/exports/render';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

const OPS = { customers: exportCustomersOp, invoices: exportInvoicesOp, payments: exportPaymentsOp } as const;
const NAMES = { customers: 'pelanggan', invoices: 'tagihan', payments: 'pembayaran' } as const;

/**
 * A list as a CSV or XLSX download, with the list's filters from the query string
 * (`?format=xlsx&status=unpaid`). A POST form adds the selected rows (`ids`), which would
 * not fit in a URL.
 */
async function exportList(kind: string, params: Record<string, unknown>) {
  if (!(kind in OPS)) return new Response(null, { status: 404 });
  const k = kind as keyof typeof OPS;
  const result = await runAction(OPS[k] as (typeof OPS)['invoices'], params);
  if (!result.ok) return toResponse(result);
  const { sheet, format, timezone, truncated } = result.data;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
  const file = `${NAMES[k]}-${day}.${format}`;
  const headers: Record<string, string> = {
    'content-disposition': `attachment; filename="${file}"`,
    'cache-control': 'no-store',
    ...(truncated ? { 'x-export-truncated': '1' } : {}),
  };
  if (format === 'xlsx') {
    const body = await toXlsx(sheet, timezone);
    return new Response(new Uint8Array(body), {
      headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
  }
  return new Response(toCsv(sheet, timezone), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
}

export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  return exportList((await params).kind, Object.fromEntries(new URL(request.url).searchParams));
}

export async function POST(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const form = await request.formData();
  const fields: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  for (const [key, value] of form.entries()) if (key !== 'ids' && typeof value === 'string') fields[key] = value;
  fields.ids = form.getAll('ids').filter((v) => typeof v === 'string');
  return exportList((await params).kind, fields);
}
