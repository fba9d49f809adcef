import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';
import { topupProofOp } from '@/lib/wallet/operations';

/** A reseller's transfer slip, for finance deciding the top-up: an image shows, a PDF downloads. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(topupProofOp, { requestId: id });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(file), {
    headers: { ...uploadedFileHeaders(file, `bukti-topup-${id.slice(0, 8)}`), 'cache-control': 'private, no-store' },
  });
}
