import { retryActivationOp } from '@/lib/fibre/activation/operations';
import { runAction, toResponse } from '@/lib/server/action';

/** Runs the activation's failed step again. */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return toResponse(await runAction(retryActivationOp, { workOrderId: id }));
}
