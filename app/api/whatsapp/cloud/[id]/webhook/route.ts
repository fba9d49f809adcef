import { getDb } from '@/db/client';
import { receiveCloudApiWebhook, verifyCloudApiSubscription } from '@/lib/messaging/receipts';
import { bodyText, payloadTooLarge, readBodyCapped } from '@/lib/server/body';

/** Public: Meta's webhook for one Cloud API session (delivery and read receipts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const bytes = await readBodyCapped(request);
  if (!bytes) return payloadTooLarge();
  const result = await receiveCloudApiWebhook(getDb(), {
    sessionId: id,
    rawBody: bodyText(bytes),
    signature: request.headers.get('x-hub-signature-256'),
  });
  return new Response(null, { status: result.status });
}

/** Meta's subscription check when the webhook URL is saved in its dashboard. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const q = new URL(request.url).searchParams;
  const challenge = await verifyCloudApiSubscription(getDb(), {
    sessionId: id,
    mode: q.get('hub.mode'),
    token: q.get('hub.verify_token'),
    challenge: q.get('hub.challenge'),
  });
  return challenge ? new Response(challenge, { status: 200 }) : new Response(null, { status: 403 });
}
