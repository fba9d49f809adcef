import { getDb } from '@/db/client';
import { receiveCloudApiMessages } from '@/lib/assistant/cloud';
import { receiveCloudApiWebhook, verifyCloudApiSubscription } from '@/lib/messaging/receipts';
import { bodyText, payloadTooLarge, readBodyCapped } from '@/lib/server/body';

/**
 * Public: Meta's webhook for one Cloud API session: delivery and read receipts, and the
 * customers' texts (to the WhatsApp assistant). Both are checked against the session's
 * app secret; a forged or unknown one changes nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const bytes = await readBodyCapped(request);
  if (!bytes) return payloadTooLarge();
  const input = { sessionId: id, rawBody: bodyText(bytes), signature: request.headers.get('x-hub-signature-256') };
  const result = await receiveCloudApiWebhook(getDb(), input);
  if (result.status !== 200) return new Response(null, { status: result.status });
  const inbound = await receiveCloudApiMessages(getDb(), input);
  return new Response(null, { status: inbound.status });
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
