import { fieldActivationOp, startActivationOp } from '@/lib/fibre/activation/operations';
import { FIELD_ACTION_MAX_BYTES } from '@/lib/field/limits';
import { runAction, toResponse } from '@/lib/server/action';
import { bodyText, payloadTooLarge, readBodyCapped } from '@/lib/server/body';

/** The work order's zero-touch activation as the phone shows it (each step, never the WiFi password). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(fieldActivationOp, { workOrderId: id });
  if (!result.ok) return toResponse(result);
  return Response.json(result.data, { headers: { 'cache-control': 'private, no-store' } });
}

/** Starts it: JSON with the scanned ONU serial and the customer's WiFi name and password. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await readBodyCapped(request, FIELD_ACTION_MAX_BYTES);
  if (!body) return payloadTooLarge();
  const input = parseJson(bodyText(body));
  return toResponse(await runAction(startActivationOp, { ...(input as object), workOrderId: id }));
}

function parseJson(text: string): unknown {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
