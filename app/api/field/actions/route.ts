import { FIELD_ACTION_MAX_BYTES } from '@/lib/field/limits';
import { runAction, toResponse } from '@/lib/server/action';
import { bodyText, payloadTooLarge, readBodyCapped } from '@/lib/server/body';
import { fieldActionOp } from '@/lib/workorders/operations';

/**
 * One step from the phone's outbox (JSON, with its idempotency key). A conflict (reassigned,
 * cancelled, finished) is a 200 answer the app shows; bad input is a 422.
 */
export async function POST(request: Request) {
  const body = await readBodyCapped(request, FIELD_ACTION_MAX_BYTES);
  if (!body) return payloadTooLarge();
  return toResponse(await runAction(fieldActionOp, parseJson(bodyText(body))));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
