import { exportCustomersOp } from '@/lib/exports/operations';
import { exportFile, exportParams } from '@/lib/exports/response';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The customers list as CSV or XLSX, with the list's filters from the query string. */
export async function GET(request: Request) {
  const params = await exportParams(request);
  if (params instanceof Response) return params;
  const result = await runAction(exportCustomersOp, params);
  return result.ok ? exportFile('pelanggan', result.data) : toResponse(result);
}

/** Only the rows ticked on the list (the ids come as a form, too many for a URL). */
export async function POST(request: Request) {
  const params = await exportParams(request);
  if (params instanceof Response) return params;
  const result = await runAction(exportCustomersOp, params);
  return result.ok ? exportFile('pelanggan', result.data) : toResponse(result);
}
