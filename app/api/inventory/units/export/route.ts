import { exportFile } from '@/lib/exports/response';
import { exportUnitsOp } from '@/lib/inventory/move-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The units list as CSV or XLSX, with the list's search and filters from the query string. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAction(exportUnitsOp, params);
  return result.ok ? exportFile('unit', result.data) : toResponse(result);
}
