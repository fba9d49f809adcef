import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { paymentProofOp } from '@/lib/billing/operations';
import { env } from '@/lib/env';
import { runAction, toResponse } from '@/lib/server/action';

/** The transfer slip, for finance to check before approving. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAction(paymentProofOp, { paymentId: id });
  if (!result.ok) return toResponse(result);
  const file = await readFile(path.join(env().FILES_DIR, result.data.path));
  return new Response(new Uint8Array(file), { headers: { 'content-type': result.data.type, 'cache-control': 'private, no-store' } });
}
