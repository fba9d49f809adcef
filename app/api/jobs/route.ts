import { listJobsOp } from '@/lib/jobs/operations';
import { runAction, toResponse } from '@/lib/server/action';

/** The jobs page polls this for state and progress. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return toResponse(await runAction(listJobsOp, params));
}
