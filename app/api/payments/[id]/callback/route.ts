import { getDb } from '@/db/client';
import { CALLBACK_MAX_BYTES, receiveCallback } from '@/lib/payments/callbacks';
import { clientIp } from '@/lib/auth/ip';

/**
 * Public: a payment gateway's notification (README, "Online payments", lists the URL to
 * give each gateway). Verification, idempotency and logging live in lib/payments.
 */
// The segment is the gateway's name (`/api/payments/tripay/callback`); it is called `[id]`
// because Next.js allows one slug name per level and `/api/payments/[id]/proof` came first.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: gateway } = await params;
  if (Number(request.headers.get('content-length') ?? 0) > CALLBACK_MAX_BYTES) return Response.json({ error: 'too_large' }, { status: 413 });
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > CALLBACK_MAX_BYTES) return Response.json({ error: 'too_large' }, { status: 413 });
  // Decoded as sent (a BOM kept): Tripay signs the raw body, byte for byte.
  const rawBody = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const result = await receiveCallback(getDb(), { gateway, rawBody, headers: request.headers, remoteIp: clientIp((name) => request.headers.get(name)) });
  return typeof result.body === 'string' ? new Response(result.body, { status: result.status }) : Response.json(result.body, { status: result.status });
}
