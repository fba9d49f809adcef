import { SLIP_MAX_BYTES } from '@/lib/portal/billing';
import { portalSendSlipOp } from '@/lib/portal/billing-operations';
import { executePortalOperation } from '@/lib/portal/operation';
import { portalUpload } from '@/lib/portal/support-http';
import { toResponse } from '@/lib/server/action';

/** A customer's transfer slip for one of their unpaid invoices (multipart field `file`). */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  // The slip's limit plus room for the form's boundaries and field names.
  const upload = await portalUpload(request, slug, SLIP_MAX_BYTES + 64 * 1024);
  if (upload instanceof Response) return upload;
  return toResponse(
    await executePortalOperation(portalSendSlipOp, upload.ctx, { invoiceId: id, file: upload.form.get('file') }),
  );
}
