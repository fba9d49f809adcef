import { exportFile, exportParams } from '@/lib/exports/response';
import { exportCountOp } from '@/lib/inventory/count-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** A stock count's variance report (or what was posted) as CSV or XLSX. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const query = await exportParams(request);
  if (query instanceof Response) return query;
  const result = await runAction(exportCountOp, { ...query, countId: (await params).id });
  return result.ok ? exportFile('opname', result.data) : toResponse(result);
}
