import { paymentProofOp } from '@/lib/billing/operations';
import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';

/** The transfer slip, for finance to check before approving: an image shows, a PDF downloads. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(paymentProofOp, { paymentId: id });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(file), {
    headers: { ...uploadedFileHeaders(file, `bukti-${id.slice(0, 8)}`), 'cache-control': 'private, no-store' },
  });
}
