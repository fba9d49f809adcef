import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';
import { infraPhotoOp } from '@/lib/network/operations';
import { runAction, toResponse } from '@/lib/server/action';

/** A photo of an ODP, site or cable, for signed-in members of its organization who may see the network. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  const result = await runAction(infraPhotoOp, { kind, id });
  if (!result.ok) return toResponse(result);
  const file = await readFile(path.join(env().FILES_DIR, result.data.path)).catch(() => null);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  // The URL carries the stored name (?v=), so a replaced photo is a new URL: safe to cache privately.
  return new Response(new Uint8Array(file), {
    headers: { 'content-type': result.data.type, 'cache-control': 'private, max-age=86400', 'x-content-type-options': 'nosniff' },
  });
}
