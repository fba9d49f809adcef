import { quickSearchOp } from '@/lib/search/operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The quick search dialog (Ctrl-K): ?q=<text> → a few customers, invoices, vouchers, ODPs and routers. */
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const response = toResponse(await runAction(quickSearchOp, { q }));
  response.headers.set('cache-control', 'no-store');
  return response;
}
