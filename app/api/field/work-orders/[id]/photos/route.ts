import { uploadedImage } from '@/lib/field/limits';
import { runAction, toResponse } from '@/lib/server/action';
import { payloadTooLarge } from '@/lib/server/body';
import { fieldPhotoOp } from '@/lib/workorders/operations';

/** One photo of the visit: the compressed image as the body, its key and time in the query. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const upload = await uploadedImage(request, 'photo');
  if (!upload) return payloadTooLarge();
  const q = upload.query;
  return toResponse(
    await runAction(fieldPhotoOp, {
      workOrderId: id,
      key: q.get('key'),
      photo: upload.file,
      takenAt: q.get('takenAt') ?? undefined,
      caption: q.get('caption') ?? undefined,
    }),
  );
}
