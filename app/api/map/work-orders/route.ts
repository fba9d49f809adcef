import { mapWorkOrdersOp } from '@/lib/infrastructure/map-operations';
import { runAction, toResponse } from '@/lib/server/action';

// Per user and changing through the day: never cached or prerendered.
export const dynamic = 'force-dynamic';

/** Work-order pins for the map, and technicians' last positions for those who dispatch. */
export async function GET() {
  const response = toResponse(await runAction(mapWorkOrdersOp, {}));
  response.headers.set('cache-control', 'no-store');
  return response;
}
