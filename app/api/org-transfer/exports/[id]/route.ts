import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { downloadExportOp } from '@/lib/org-transfer/operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** A finished export of the member's organization, streamed from disk (its download is audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(downloadExportOp, { jobId: id });
  if (!result.ok) return toResponse(result);
  const body = Readable.toWeb(createReadStream(result.data.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(result.data.bytes),
      'content-disposition': `attachment; filename="${result.data.fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
