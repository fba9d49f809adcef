import { runAction, toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';
import { ticketAttachmentOp } from '@/lib/tickets/operations';

/** A ticket's photo or file, for signed-in members of its organization who may see tickets. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(ticketAttachmentOp, { attachmentId: id });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(file), {
    headers: {
      ...uploadedFileHeaders(file, result.data.fileName.replace(/\.\w+$/, '')),
      'cache-control': 'private, max-age=86400',
    },
  });
}
