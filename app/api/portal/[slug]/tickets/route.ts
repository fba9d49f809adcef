import { executePortalOperation } from '@/lib/portal/operation';
import { PHOTO_MAX_BYTES } from '@/lib/portal/support';
import { formFields, portalUpload } from '@/lib/portal/support-http';
import { portalReportProblemOp } from '@/lib/portal/support-operations';
import { toResponse } from '@/lib/server/action';

/** "Report a problem" from the portal, with an optional photo (multipart). */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const upload = await portalUpload(request, slug, PHOTO_MAX_BYTES + 64 * 1024);
  if (upload instanceof Response) return upload;
  const fields = formFields(upload.form, ['subscriptionId', 'category', 'description', 'photo']);
  // An empty file input arrives as a 0-byte file: no photo.
  if (fields.photo instanceof File && fields.photo.size === 0) fields.photo = undefined;
  if (typeof fields.photo === 'string') fields.photo = undefined;
  return toResponse(await executePortalOperation(portalReportProblemOp, upload.ctx, fields));
}
