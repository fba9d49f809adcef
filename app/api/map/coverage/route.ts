import { mapCoverageOp } from '@/lib/infrastructure/map-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** ?lat=&lng= → the coverage verdict and the nearest ODPs with a free port within the organization's radius. */
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const response = toResponse(await runAction(mapCoverageOp, params));
  response.headers.set('cache-control', 'no-store');
  return response;
}
