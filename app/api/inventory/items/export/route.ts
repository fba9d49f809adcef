import { exportFile } from '@/lib/exports/response';
import { exportItemsOp } from '@/lib/inventory/catalogue-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The catalogue as CSV, with the list's filters from the query string. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = await runAction(exportItemsOp, params);
  return result.ok ? exportFile('barang', result.data) : toResponse(result);
}
