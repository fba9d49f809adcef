import { getActionContext, getLocale } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';
import { failure } from '@/lib/server/operation';
import { myTopupProofOp, topupProofOp } from '@/lib/wallet/operations';

/**
 * A reseller's transfer slip: finance (wallet.manage) opens any to decide the top-up; a
 * reseller opens only the slips they sent (another's: not found). An image shows, a PDF downloads.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await getActionContext();
  if (!ctx) return toResponse(failure(await getLocale(), 'unauthenticated'));
  const result = can(ctx.role, 'wallet.manage')
    ? await runAction(topupProofOp, { requestId: id })
    : await runAction(myTopupProofOp, { requestId: id });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(file), {
    headers: { ...uploadedFileHeaders(file, `bukti-topup-${id.slice(0, 8)}`), 'cache-control': 'private, no-store' },
  });
}
