import { getActionContext, getLocale } from '@/lib/auth/context';
import { renderLabelsPdf } from '@/lib/inventory/labels-pdf';
import { labelsOp } from '@/lib/inventory/move-operations';
import { runAction, toResponse } from '@/lib/server/action';
import { failure } from '@/lib/server/operation';

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/**
 * QR labels as a PDF (/api/inventory/labels?format=a4&items=…&locations=…&units=…, ids
 * comma-separated): an A4 sheet, a 58 mm roll or 40×30 mm labels. Ids of another organization
 * are not found.
 */
export async function GET(request: Request) {
  const ctx = await getActionContext();
  if (!ctx) return toResponse(failure(await getLocale(), 'unauthenticated'));
  const url = new URL(request.url);
  const result = await runAction(labelsOp, {
    format: url.searchParams.get('format') ?? undefined,
    itemIds: list(url.searchParams.get('items')),
    locationIds: list(url.searchParams.get('locations')),
    unitIds: list(url.searchParams.get('units')),
  });
  if (!result.ok) return toResponse(result);
  const pdf = await renderLabelsPdf(result.data.data, result.data.format);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="label-${result.data.format}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
