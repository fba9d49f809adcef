import { getActionContext, getLocale } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { runAction, toResponse } from '@/lib/server/action';
import { failure } from '@/lib/server/operation';
import { printVouchersOp } from '@/lib/vouchers/operations';
import { renderVoucherPdf } from '@/lib/vouchers/pdf';
import { printMyBatchOp } from '@/lib/wallet/operations';

/**
 * A batch's cards as a PDF (A4 sheet or 58 mm thermal). Staff with vouchers.view print any
 * batch of the organization; a reseller prints only the batches they bought (others: not
 * found). Passwords are decrypted on the server and every print is audited.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getActionContext();
  if (!ctx) return toResponse(failure(await getLocale(), 'unauthenticated'));
  const sp = new URL(request.url).searchParams;
  const input = {
    batchId: id,
    format: sp.get('format') ?? undefined,
    perPage: sp.get('perPage') ?? undefined,
    // The login URL itself is never taken from the link: only whether to print the QR.
    qr: sp.get('qr') ?? undefined,
    part: sp.get('part') ?? undefined,
  };
  // Staff (vouchers.view) print any batch; everyone else goes through the reseller's own
  // operation, which finds only batches they bought (and refuses a role without wallet.view).
  const result = can(ctx.role, 'vouchers.view')
    ? await runAction(printVouchersOp, input)
    : await runAction(printMyBatchOp, input);
  if (!result.ok) return toResponse(result);
  const pdf = await renderVoucherPdf(result.data, ctx.locale === 'en' ? 'en' : 'id');
  const name = `voucher-${id.slice(0, 8)}-${result.data.format}${result.data.parts > 1 ? `-${result.data.part}` : ''}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
}
