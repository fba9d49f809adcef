import { getLocale } from 'next-intl/server';
import { runAction, toResponse } from '@/lib/server/action';
import { printVouchersOp } from '@/lib/vouchers/operations';
import { renderVoucherPdf } from '@/lib/vouchers/pdf';

/**
 * A batch's cards as a PDF (A4 sheet or 58 mm thermal). Signed-in members with
 * vouchers.view only; passwords are decrypted on the server and the print is audited.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const sp = new URL(request.url).searchParams;
  const result = await runAction(printVouchersOp, {
    batchId: id,
    format: sp.get('format') ?? undefined,
    perPage: sp.get('perPage') ?? undefined,
    loginUrl: sp.get('loginUrl') ?? undefined,
    part: sp.get('part') ?? undefined,
  });
  if (!result.ok) return toResponse(result);
  const pdf = await renderVoucherPdf(result.data, (await getLocale()) === 'en' ? 'en' : 'id');
  const name = `voucher-${id.slice(0, 8)}-${result.data.format}${result.data.parts > 1 ? `-${result.data.part}` : ''}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}"`, 'cache-control': 'private, no-store' },
  });
}
