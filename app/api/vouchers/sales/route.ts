import { getTranslations } from 'next-intl/server';
import { runAction, toResponse } from '@/lib/server/action';
import { voucherSalesReportOp } from '@/lib/vouchers/operations';
import { salesReportCsv } from '@/lib/vouchers/report';

/** The voucher sales report of a period as a CSV download. */
export async function GET(request: Request) {
  const sp = new URL(request.url).searchParams;
  const result = await runAction(voucherSalesReportOp, { from: sp.get('from'), to: sp.get('to') });
  if (!result.ok) return toResponse(result);
  const t = await getTranslations('vouchers.sales');
  return new Response(salesReportCsv(result.data, t('own')), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="voucher-${result.data.from}-${result.data.to}.csv"`,
    },
  });
}
