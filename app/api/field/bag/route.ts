import { getActionContext } from '@/lib/auth/context';
import { FIELD_OWNER_HEADER } from '@/lib/field/owner';
import { myBagOp } from '@/lib/inventory/field-operations';
import { runAction, toResponse } from '@/lib/server/action';

/**
 * What is in the signed-in technician's bag (serials and bulk quantities), for the finish,
 * materials and swap forms. Kept by the service worker and on the phone like the work orders,
 * and named by owner so a shared phone does not show one technician's bag to the next.
 */
export async function GET() {
  const bag = await runAction(myBagOp, {});
  if (!bag.ok) return toResponse(bag);
  const owner = (await getActionContext())?.userId ?? '';
  return Response.json(bag.data, { headers: { 'cache-control': 'private, no-store', [FIELD_OWNER_HEADER]: owner } });
}
