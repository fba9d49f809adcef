import { getLocale } from 'next-intl/server';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { getPortalCtx } from '@/lib/portal/request';
import { portalTicketPhotoOp } from '@/lib/portal/support-operations';
import { toResponse } from '@/lib/server/action';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';
import { failure } from '@/lib/server/operation';

/** A photo the customer sent with their own report; another customer's is not found. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string; id: string; attachmentId: string }> },
) {
  const { slug, id, attachmentId } = await params;
  const ctx = await getPortalCtx(slug);
  if (!ctx) return Response.json(failure(toLocale(await getLocale()), 'unauthenticated'), { status: 401 });
  const result = await executePortalOperation(portalTicketPhotoOp, ctx, { ticketId: id, attachmentId });
  if (!result.ok) return toResponse(result);
  const file = await readOrgFile(result.data.path);
  if (!file) return Response.json(failure(ctx.locale, 'not_found'), { status: 404 });
  return new Response(new Uint8Array(file), {
    headers: {
      ...uploadedFileHeaders(file, result.data.fileName.replace(/\.\w+$/, '')),
      'cache-control': 'private, max-age=86400',
    },
  });
}
