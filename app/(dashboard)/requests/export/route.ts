import { exportFile } from '@/lib/exports/response';
import { exportServiceRequestsOp } from '@/lib/requests/operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The request list as CSV, with the list's search and filters from the query string. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAction(exportServiceRequestsOp, params);
  return result.ok ? exportFile('permintaan', result.data) : toResponse(result);
}
