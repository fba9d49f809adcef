import { getConfigVersionOp } from '@/lib/network/config-backups/operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** One saved configuration as an `.rsc` file (what `/import` on a RouterOS reads back). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  const result = await runAction(getConfigVersionOp, { routerId: id, versionId });
  if (!result.ok) return toResponse(result);
  const v = result.data;
  return new Response(v.text, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${v.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
