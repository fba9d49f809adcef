import { getActionContext } from '@/lib/auth/context';
import { FIELD_OWNER_HEADER } from '@/lib/field/owner';
import { toFieldView } from '@/lib/field/view';
import { runAction, toResponse } from '@/lib/server/action';
import { fieldWorkOrderOp, myWorkOrdersOp } from '@/lib/workorders/operations';

/**
 * The signed-in technician's work orders, each with everything the phone needs to work on it
 * offline (the service worker keeps the last answer). The answer names whose it is: the saved
 * copy on a shared phone must not open for the next technician.
 */
export async function GET() {
  const list = await runAction(myWorkOrdersOp, {});
  if (!list.ok) return toResponse(list);
  const details = await Promise.all(list.data.map((w) => runAction(fieldWorkOrderOp, { workOrderId: w.id })));
  // One reassigned between the two reads is simply not on the list any more.
  const views = details.flatMap((d) => (d.ok ? [toFieldView(d.data)] : []));
  const owner = (await getActionContext())?.userId ?? '';
  return Response.json(views, { headers: { 'cache-control': 'private, no-store', [FIELD_OWNER_HEADER]: owner } });
}
