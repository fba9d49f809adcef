import { reportCsv } from '@/lib/billing/reports';
import { exportReportOp } from '@/lib/exports/operations';
import { runAction, toResponse } from '@/lib/server/action';

/** A report as a CSV download (audited: the file leaves the app). */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  const result = await runAction(exportReportOp, { kind });
  if (!result.ok) return toResponse(result);
  return new Response(reportCsv(result.data), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="laporan-${kind}.csv"`,
    },
  });
}
