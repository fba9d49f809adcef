/**
 * The HTTP plumbing the JSON gateway stand-ins share: a loopback server on a free port that
 * records every request, hands the route function the parsed request, and writes its answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayFake } from './types';

export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
};
export type FakeAnswer = { status: number; body: unknown };
type Route = (req: FakeRequest) => FakeAnswer;

export async function startJsonServer(
  route: Route,
): Promise<{ url: string; requests: GatewayFake['requests']; close: () => Promise<void> }> {
  const requests: GatewayFake['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: req.headers, body });
      let answer: FakeAnswer;
      try {
        answer = route({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        });
      } catch (error) {
        answer = { status: 500, body: { message: String(error) } };
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Basic auth header a gateway expects for an API key used as user name, password empty. */
export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
