import { getJobOp } from '@/lib/jobs/operations';
import { runAction, toResponse } from '@/lib/server/action';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return toResponse(await runAction(getJobOp, { jobId: id }));
}
