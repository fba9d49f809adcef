import { exportFile } from '@/lib/exports/response';
import { exportOnusOp } from '@/lib/fibre/record-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The ONU list as CSV or XLSX, with the list's search and filters from the query string. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAction(exportOnusOp, params);
  return result.ok ? exportFile('onu', result.data) : toResponse(result);
}
