import { exportFile, exportParams } from '@/lib/exports/response';
import { exportLowStockOp } from '@/lib/inventory/count-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** Items under their minimum stock as CSV or XLSX. */
export async function GET(request: Request) {
  const query = await exportParams(request);
  if (query instanceof Response) return query;
  const result = await runAction(exportLowStockOp, query);
  return result.ok ? exportFile('stok-menipis', result.data) : toResponse(result);
}
