import { infraPhotoOp } from '@/lib/infrastructure/operations';
import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';

/** A photo of an ODP, site or cable, for signed-in members of its organization who may see the network. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  const result = await runAction(infraPhotoOp, { kind, id });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  // The URL carries the stored name (?v=), so a replaced photo is a new URL: safe to cache privately.
  return new Response(new Uint8Array(file), {
    headers: { ...uploadedFileHeaders(file, `${kind}-${id.slice(0, 8)}`), 'cache-control': 'private, max-age=86400' },
  });
}
