import { exportPaymentsOp } from '@/lib/exports/operations';
import { exportFile, exportParams } from '@/lib/exports/response';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The payments list as CSV or XLSX, with the list's filters from the query string. */
export async function GET(request: Request) {
  const params = await exportParams(request);
  if (params instanceof Response) return params;
  const result = await runAction(exportPaymentsOp, params);
  return result.ok ? exportFile('pembayaran', result.data) : toResponse(result);
}
