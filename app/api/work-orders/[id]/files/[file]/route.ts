import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';
import { workOrderFileOp } from '@/lib/workorders/operations';

/** A work order's photo or the customer's signature, for members of its organization who may see work orders. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  const { id, file } = await params;
  const result = await runAction(workOrderFileOp, { workOrderId: id, file });
  if (!result.ok) return toResponse(result);
  const bytes = await readOrgFile(result.data.path);
  if (!bytes) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  // A photo never changes; the signature's URL stays the same when the customer signs again.
  const cache = file === 'signature' ? 'private, no-cache' : 'private, max-age=86400';
  return new Response(new Uint8Array(bytes), {
    headers: { ...uploadedFileHeaders(bytes, `spk-${id.slice(0, 8)}-${file.slice(0, 8)}`), 'cache-control': cache },
  });
}
