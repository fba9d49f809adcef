import { getDb } from '@/db/client';
import { clientIp } from '@/lib/auth/ip';
import { CALLBACK_MAX_BYTES, receiveCallback } from '@/lib/payments/callbacks';
import { bodyText, payloadTooLarge, readBodyCapped } from '@/lib/server/body';

/**
 * Public: a payment gateway's notification (docs/features/payments.md lists the URL to
 * give each gateway). Verification, idempotency and logging live in lib/payments.
 */
// The segment is the gateway's name (`/api/payments/tripay/callback`); it is called `[id]`
// because Next.js allows one slug name per level and `/api/payments/[id]/proof` came first.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: gateway } = await params;
  const bytes = await readBodyCapped(request, CALLBACK_MAX_BYTES);
  if (!bytes) return payloadTooLarge();
  // Decoded as sent (a BOM kept): Tripay signs the raw body, byte for byte.
  const rawBody = bodyText(bytes);
  const result = await receiveCallback(getDb(), {
    gateway,
    rawBody,
    headers: request.headers,
    remoteIp: clientIp((name) => request.headers.get(name)),
  });
  return typeof result.body === 'string'
    ? new Response(result.body, { status: result.status })
    : Response.json(result.body, { status: result.status });
}
