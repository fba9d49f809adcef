import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Received = {
  id: string;
  /** The path and query string the request was sent to. */
  path: string;
  timestamp: string;
  signature: string;
  userAgent: string | undefined;
  contentType: string | undefined;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
};
type Answer = number | 'timeout' | 'redirect';

/**
 * A webhook receiver on loopback, the way a customer's would be written: every request is
 * checked with `new Webhook(secret).verify(body, headers)` from `standardwebhooks` (a bad
 * signature or an old timestamp is a 400 and counted as `refused`). Answers 200 unless told
 * otherwise: `answers` is a queue of status codes, 'timeout' (never answers) or 'redirect'.
 */
export async function startWebhookReceiver() {
  let secret = '';
  const received: Received[] = [];
  const refused: string[] = [];
  const answers: Answer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')]),
      );
      let payload: Received['payload'];
      try {
        if (req.method !== 'POST') throw new Error(`method ${req.method}`);
        payload = new Webhook(secret).verify(body, headers) as Received['payload'];
      } catch (error) {
        refused.push(String((error as Error).message));
        res.writeHead(400).end('bad signature');
        return;
      }
      received.push({
        id: headers['webhook-id']!,
        path: req.url ?? '',
        timestamp: headers['webhook-timestamp']!,
        signature: headers['webhook-signature']!,
        userAgent: headers['user-agent'],
        contentType: headers['content-type'],
        body,
        payload,
      });
      const answer = answers.shift() ?? 200;
      if (answer === 'timeout') return; // the socket stays open; the sender gives up
      if (answer === 'redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'terima kasih' : `error ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    refused,
    answers,
    setSecret(value: string) {
      secret = value;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
