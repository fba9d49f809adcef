import { getActionContext, getLocale } from '@/lib/auth/context';
import { runAction, toResponse } from '@/lib/server/action';
import { failure } from '@/lib/server/operation';
import { workOrderSpkOp } from '@/lib/workorders/spk-operations';
import { renderSpkPdf } from '@/lib/workorders/spk-pdf';

/**
 * A work order's SPK as a printable A4 PDF in the reader's language. Office roles with
 * workorders.view print any of the organization's; a technician only the ones they are on
 * (others: not found, the same as another organization's).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getActionContext();
  if (!ctx) return toResponse(failure(await getLocale(), 'unauthenticated'));
  const result = await runAction(workOrderSpkOp, { workOrderId: id });
  if (!result.ok) return toResponse(result);
  const pdf = await renderSpkPdf(result.data, ctx.locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${result.data.workOrder.number}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
