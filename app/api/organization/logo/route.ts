import { organizationLogoOp } from '@/lib/organizations/operations';
import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';

/** The organization's logo, for its signed-in members (the shell header). */
export async function GET() {
  const result = await runAction(organizationLogoOp, {});
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  // The URL carries the stored name (?v=), so a replaced logo is a new URL: safe to cache privately.
  return new Response(new Uint8Array(file), {
    headers: { ...uploadedFileHeaders(file, 'logo'), 'cache-control': 'private, max-age=86400' },
  });
}
