import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { gatewayRequest } from '@/lib/payments/http';
import type { Resolver } from '@/lib/server/public-address';
import { type GatewayFailKind, type HttpGatewayFake, startFakeHttpGateway } from '@/tests/support/whatsapp-http';
import { GATEWAY_NOT_PUBLIC, type MessageTransport, TransportError } from '../types';
import { createHttpGatewayTransport } from './http-gateway';
import { createHttpTransport, TRANSPORT_CONFIG_FIELDS } from './index';

let fake: HttpGatewayFake;
let transport: MessageTransport;
before(async () => {
  fake = await startFakeHttpGateway();
  transport = createHttpGatewayTransport({
    url: fake.url,
    token: fake.credentials.token,
    timeoutMs: 300,
    allowPrivate: true,
  });
});
after(() => fake.close());

async function rejects(promise: Promise<unknown>, code: TransportError['code'], retryable: boolean) {
  const error = await promise.then(
    () => assert.fail('expected a TransportError'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof TransportError, String(error));
  assert.equal(error.code, code, error.message);
  assert.equal(error.retryable, retryable, error.message);
  return error;
}

/** A one-route server answering every request with this status and body. */
async function answering(status: number, body: string, run: (url: string) => Promise<void>) {
  const server = http.createServer((_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('a text goes out as a Fonnte form with the bare token, and id[0] is the message id', async () => {
  const result = await transport.sendText('6281234567890', 'Layanan Anda aktif kembali. Terima kasih & salam!');
  const request = fake.requests.at(-1)!;
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/send');
  assert.equal(request.headers.authorization, fake.credentials.token);
  assert.match(String(request.headers['content-type']), /^application\/x-www-form-urlencoded/);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), {
    target: '6281234567890',
    message: 'Layanan Anda aktif kembali. Terima kasih & salam!',
    countryCode: '62',
  });
  assert.deepEqual(fake.sent.at(-1), {
    to: '6281234567890',
    text: 'Layanan Anda aktif kembali. Terima kasih & salam!',
    id: result.messageId,
  });
  assert.match(result.messageId ?? '', /^\d+$/);
});

test('each refusal becomes the right TransportError, and none is recorded as sent', async () => {
  const cases: [GatewayFailKind, TransportError['code'], boolean][] = [
    ['unauthorized', 'unauthorized', false],
    ['invalid_number', 'invalid_number', false],
    ['rate_limit', 'rejected', true],
    ['quota', 'not_connected', true],
    ['device_disconnected', 'not_connected', true],
    ['server_error', 'rejected', true],
    ['timeout', 'timeout', true],
  ];
  for (const [kind, code, retryable] of cases) {
    const before = fake.sent.length;
    fake.failNext(1, kind);
    await rejects(transport.sendText('6281234567890', 'x'), code, retryable);
    assert.equal(fake.sent.length, before, kind);
  }
  assert.ok((await transport.sendText('6281234567890', 'after')).messageId);
});

test('failNext(n) fails exactly the next n sends', async () => {
  fake.failNext(2, 'device_disconnected');
  await rejects(transport.sendText('6281234567890', '1'), 'not_connected', true);
  await rejects(transport.sendText('6281234567890', '2'), 'not_connected', true);
  assert.ok((await transport.sendText('6281234567890', '3')).messageId);
});

test('a gateway on a private address is refused unless allowed, before any request', async () => {
  const before = fake.requests.length;
  await rejects(
    createHttpGatewayTransport({ url: fake.url, token: fake.credentials.token }).sendText('6281234567890', 'x'),
    'unauthorized',
    false,
  );
  assert.equal(fake.requests.length, before, 'nothing was sent to 127.0.0.1');
});

test('the fake checks the token and the target itself', async () => {
  const wrongToken = createHttpGatewayTransport({ url: fake.url, token: 'revoked', allowPrivate: true });
  await rejects(wrongToken.sendText('6281234567890', 'x'), 'unauthorized', false);
  await rejects(transport.sendText('62abc', 'x'), 'invalid_number', false);
  await rejects(transport.sendText('6281234567890', ''), 'rejected', false);
});

test('a closed port is unreachable and worth retrying', async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const closed = createHttpGatewayTransport({ url: `http://127.0.0.1:${port}/send`, token: 't', allowPrivate: true });
  await rejects(closed.sendText('6281234567890', 'x'), 'unreachable', true);
});

test('answers that are neither an acknowledgement nor a refusal are not taken as sent', async () => {
  await answering(200, '{"status":true,"detail":"success! message in queue"}', (url) =>
    rejects(
      createHttpGatewayTransport({ url, token: 't', allowPrivate: true }).sendText('6281234567890', 'x'),
      'bad_response',
      true,
    ).then(() => {}),
  );
  await answering(200, '<html>captive portal</html>', (url) =>
    rejects(
      createHttpGatewayTransport({ url, token: 't', allowPrivate: true }).sendText('6281234567890', 'x'),
      'bad_response',
      true,
    ).then(() => {}),
  );
  await answering(401, '{"status":false,"reason":"unauthorized"}', (url) =>
    rejects(
      createHttpGatewayTransport({ url, token: 't', allowPrivate: true }).sendText('6281234567890', 'x'),
      'unauthorized',
      false,
    ).then(() => {}),
  );
  await answering(404, 'not found', (url) =>
    rejects(
      createHttpGatewayTransport({ url, token: 't', allowPrivate: true }).sendText('6281234567890', 'x'),
      'rejected',
      false,
    ).then(() => {}),
  );
});

test('createHttpTransport builds the gateway from stored fields; the stored url is used unless overridden', async () => {
  const built = createHttpTransport(
    'http_gateway',
    { token: fake.credentials.token, url: fake.url },
    { allowPrivate: true },
  );
  assert.equal(built.kind, 'http_gateway');
  const { messageId } = await built.sendText('6285712345678', 'Halo');
  assert.equal(fake.sent.at(-1)?.id, messageId);
  const overridden = createHttpTransport(
    'http_gateway',
    { token: fake.credentials.token, url: 'https://api.fonnte.com/send' },
    { baseUrl: fake.url, allowPrivate: true },
  );
  assert.ok((await overridden.sendText('6285712345678', 'Halo')).messageId);
  assert.throws(
    () => createHttpTransport('http_gateway', {}),
    (e: unknown) => e instanceof TransportError && e.code === 'unauthorized',
  );
  assert.deepEqual(
    TRANSPORT_CONFIG_FIELDS.http_gateway.filter((f) => f.secret).map((f) => f.key),
    ['token'],
  );
  assert.deepEqual(
    TRANSPORT_CONFIG_FIELDS.cloud_api.filter((f) => f.secret).map((f) => f.key),
    ['accessToken', 'appSecret', 'verifyToken'],
  );
});

test('a gateway name that resolves to a public address, then to loopback (DNS rebinding), never reaches loopback', async () => {
  // Every lookup after the first answers 127.0.0.1, where the stand-in listens: a request
  // that resolved the name again after the check would reach it.
  let lookups = 0;
  const resolve: Resolver = async () => [{ address: ++lookups === 1 ? '198.51.99.7' : '127.0.0.1', family: 4 }];
  const port = new URL(fake.url).port;
  const before = fake.requests.length;
  const rebinding = createHttpGatewayTransport({
    url: `http://gateway.rebind.example:${port}/send`,
    token: fake.credentials.token,
    timeoutMs: 300,
    resolve,
  });
  await assert.rejects(rebinding.sendText('6281234567890', 'x'), TransportError);
  assert.equal(fake.requests.length, before, 'the request went to the re-resolved loopback address');
  assert.equal(lookups, 1);
});

test('a pinned request goes to the checked address and still names the host', async () => {
  const port = new URL(fake.url).port;
  const res = await gatewayRequest({
    method: 'POST',
    url: `http://gateway.never-resolved.invalid:${port}/send`,
    headers: { authorization: fake.credentials.token },
    form: { target: '6281234567890', message: 'x' },
    idempotent: false,
    connectTo: { address: '127.0.0.1', family: 4 },
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(fake.requests.at(-1)!.headers.host, `gateway.never-resolved.invalid:${port}`);
});

test('IPv4-mapped IPv6 and numeric spellings of loopback are refused before any request', async () => {
  const port = new URL(fake.url).port;
  const before = fake.requests.length;
  for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '2130706433', '0x7f.1', '0177.0.0.1']) {
    const error = await rejects(
      createHttpGatewayTransport({
        url: `http://${host}:${port}/send`,
        token: fake.credentials.token,
        timeoutMs: 300,
      }).sendText('6281234567890', 'x'),
      'unauthorized',
      false,
    );
    assert.equal(error.message, GATEWAY_NOT_PUBLIC);
  }
  assert.equal(fake.requests.length, before);
});
