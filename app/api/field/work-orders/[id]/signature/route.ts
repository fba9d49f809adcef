import { uploadedImage } from '@/lib/field/limits';
import { runAction, toResponse } from '@/lib/server/action';
import { payloadTooLarge } from '@/lib/server/body';
import { fieldSignatureOp } from '@/lib/workorders/operations';

/** The customer's signature: the PNG as the body, the key and the signer's name in the query. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const upload = await uploadedImage(request, 'signature');
  if (!upload) return payloadTooLarge();
  return toResponse(
    await runAction(fieldSignatureOp, {
      workOrderId: id,
      key: upload.query.get('key'),
      signature: upload.file,
      signedName: upload.query.get('signedName'),
    }),
  );
}
