import { mapSearchOp } from '@/lib/infrastructure/map-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** The map's search box: ?q=<text> → up to ten customers, ODPs, sites and cables with a position. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const response = toResponse(await runAction(mapSearchOp, params));
  response.headers.set('cache-control', 'no-store');
  return response;
}
