import { getDb } from '@/db/client';
import { invoicePaymentState } from '@/lib/payments/checkout';

/** Public: what the invoice page polls while the customer pays (found by the signed link only). */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await invoicePaymentState(getDb(), token);
  if (!state) return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json(state, { headers: { 'cache-control': 'no-store' } });
}
