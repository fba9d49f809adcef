import { exportFile, exportParams } from '@/lib/exports/response';
import { exportInventoryOp } from '@/lib/inventory/report-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

const FILE_NAMES = { stock: 'stok', moves: 'mutasi-stok', bags: 'isi-tas-teknisi', installed: 'perangkat-terpasang' };

/** An inventory report (`?report=stock|moves|bags|installed`) as CSV or XLSX, with the page's filters. */
export async function GET(request: Request) {
  const params = await exportParams(request);
  if (params instanceof Response) return params;
  const result = await runAction(exportInventoryOp, params);
  return result.ok ? exportFile(FILE_NAMES[result.data.report], result.data) : toResponse(result);
}
