import { mapFeaturesOp } from '@/lib/infrastructure/map-operations';
import { runAction, toResponse } from '@/lib/server/action';

// Per user and per view: never cached or prerendered.
export const dynamic = 'force-dynamic';

/** What the map draws inside ?bbox=<west>,<south>,<east>,<north>&zoom=<0..22>&layers=customers,odps,sites,cables. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const response = toResponse(await runAction(mapFeaturesOp, params));
  response.headers.set('cache-control', 'no-store');
  return response;
}
