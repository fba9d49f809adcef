import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type CloudApiFake, type FailKind, startFakeCloudApi } from '@/tests/support/whatsapp-http';
import { type MessageTransport, TransportError } from '../types';
import {
  createCloudApiTransport,
  parseCloudApiMessages,
  parseCloudApiStatuses,
  verifyCloudApiWebhook,
} from './cloud-api';
import { createHttpTransport } from './index';

let fake: CloudApiFake;
let transport: MessageTransport;
before(async () => {
  fake = await startFakeCloudApi();
  transport = createCloudApiTransport({
    baseUrl: fake.url,
    phoneNumberId: fake.credentials.phoneNumberId,
    accessToken: fake.credentials.accessToken,
    timeoutMs: 300,
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

test('a text goes out as the Cloud API documents it, and the wamid is the message id', async () => {
  const result = await transport.sendText('6281234567890', 'Tagihan Anda Rp150.000 jatuh tempo 10 Juni');
  const request = fake.requests.at(-1)!;
  assert.equal(request.method, 'POST');
  assert.equal(request.path, `/v21.0/${fake.credentials.phoneNumberId}/messages`);
  assert.equal(request.headers.authorization, `Bearer ${fake.credentials.accessToken}`);
  assert.match(String(request.headers['content-type']), /^application\/json/);
  assert.deepEqual(JSON.parse(request.body), {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: '6281234567890',
    type: 'text',
    text: { preview_url: false, body: 'Tagihan Anda Rp150.000 jatuh tempo 10 Juni' },
  });
  assert.deepEqual(fake.sent.at(-1), {
    to: '6281234567890',
    text: 'Tagihan Anda Rp150.000 jatuh tempo 10 Juni',
    id: result.messageId,
  });
  assert.match(result.messageId ?? '', /^wamid\./);
});

test('each refusal becomes the right TransportError, and none is recorded as sent', async () => {
  const cases: [FailKind, TransportError['code'], boolean][] = [
    ['unauthorized', 'unauthorized', false],
    ['invalid_number', 'invalid_number', false],
    ['rate_limit', 'rejected', true],
    ['server_error', 'rejected', true],
    ['timeout', 'timeout', true],
  ];
  for (const [kind, code, retryable] of cases) {
    const before = fake.sent.length;
    fake.failNext(1, kind);
    const error = await rejects(transport.sendText('6281234567890', 'x'), code, retryable);
    assert.equal(fake.sent.length, before, kind);
    if (kind === 'rate_limit') assert.match(error.message, /#130429/);
  }
  // Each send is one attempt: the failure is consumed, the next send goes through.
  assert.ok((await transport.sendText('6281234567890', 'after')).messageId);
});

test('a wrong token and a wrong phone number id are refused without retrying', async () => {
  const wrongToken = createCloudApiTransport({
    baseUrl: fake.url,
    phoneNumberId: fake.credentials.phoneNumberId,
    accessToken: 'EAAG-revoked',
  });
  await rejects(wrongToken.sendText('6281234567890', 'x'), 'unauthorized', false);
  const wrongNumber = createCloudApiTransport({
    baseUrl: fake.url,
    phoneNumberId: '999',
    accessToken: fake.credentials.accessToken,
  });
  await rejects(wrongNumber.sendText('6281234567890', 'x'), 'rejected', false);
  const count = fake.requests.length;
  await rejects(wrongToken.sendText('6281234567890', 'x'), 'unauthorized', false);
  assert.equal(fake.requests.length, count + 1);
});

test('a closed port is unreachable and worth retrying', async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const closed = createCloudApiTransport({
    baseUrl: `http://127.0.0.1:${port}/v21.0`,
    phoneNumberId: '1',
    accessToken: 't',
  });
  await rejects(closed.sendText('6281234567890', 'x'), 'unreachable', true);
});

test('a 200 without a message id is not taken as sent', async () => {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"messaging_product":"whatsapp","messages":[]}'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const odd = createCloudApiTransport({ baseUrl: `http://127.0.0.1:${port}`, phoneNumberId: '1', accessToken: 't' });
    await rejects(odd.sendText('6281234567890', 'x'), 'bad_response', true);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('createHttpTransport builds the Cloud API transport from stored fields', async () => {
  const built = createHttpTransport(
    'cloud_api',
    { phoneNumberId: fake.credentials.phoneNumberId, accessToken: fake.credentials.accessToken },
    { baseUrl: fake.url },
  );
  assert.equal(built.kind, 'cloud_api');
  const { messageId } = await built.sendText('6285712345678', 'Halo');
  assert.equal(fake.sent.at(-1)?.id, messageId);
  assert.throws(
    () => createHttpTransport('cloud_api', { phoneNumberId: '1' }),
    (e: unknown) => e instanceof TransportError && e.code === 'unauthorized' && !e.retryable,
  );
});

test('webhook signatures: Meta-signed bodies pass, forged or altered ones do not', () => {
  const { appSecret } = fake.credentials;
  const signed = fake.statusWebhook([{ messageId: 'wamid.A', status: 'delivered' }]);
  assert.equal(verifyCloudApiWebhook(signed.body, signed.headers['x-hub-signature-256'], appSecret), true);
  assert.equal(verifyCloudApiWebhook(Buffer.from(signed.body), signed.headers['x-hub-signature-256'], appSecret), true);

  const forged = fake.statusWebhook([{ messageId: 'wamid.A', status: 'delivered' }], { forge: true });
  assert.equal(verifyCloudApiWebhook(forged.body, forged.headers['x-hub-signature-256'], appSecret), false);
  assert.equal(verifyCloudApiWebhook(`${signed.body} `, signed.headers['x-hub-signature-256'], appSecret), false);
  const hex = createHmac('sha256', appSecret).update(signed.body).digest('hex');
  assert.equal(verifyCloudApiWebhook(signed.body, hex, appSecret), false, 'the sha256= prefix is part of the header');
  assert.equal(verifyCloudApiWebhook(signed.body, null, appSecret), false);
  assert.equal(verifyCloudApiWebhook(signed.body, signed.headers['x-hub-signature-256'], ''), false);
});

test('statuses are read from entry[].changes[].value.statuses[], with the error of a failed one', async () => {
  const { messageId } = await transport.sendText('6281234567890', 'Pembayaran diterima');
  const hook = fake.statusWebhook([
    { messageId: messageId!, status: 'sent' },
    { messageId: messageId!, status: 'delivered' },
    { messageId: messageId!, status: 'read' },
    { messageId: 'wamid.B', status: 'failed' },
  ]);
  const body = JSON.parse(hook.body);
  assert.equal(body.entry[0].changes[0].value.statuses[0].recipient_id, '6281234567890');
  assert.deepEqual(parseCloudApiStatuses(body), [
    { messageId, status: 'sent' },
    { messageId, status: 'delivered' },
    { messageId, status: 'read' },
    { messageId: 'wamid.B', status: 'failed', error: '#131026 Message undeliverable: Message Undeliverable.' },
  ]);
});

test('inbound messages, unknown statuses and junk give no statuses', () => {
  const inbound = {
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: { messages: [{ from: '6281234567890', id: 'wamid.IN', type: 'text', text: { body: 'halo' } }] },
          },
        ],
      },
    ],
  };
  assert.deepEqual(parseCloudApiStatuses(inbound), []);
  const played = {
    entry: [{ changes: [{ value: { statuses: [{ id: 'wamid.V', status: 'played' }, { status: 'read' }] } }] }],
  };
  assert.deepEqual(parseCloudApiStatuses(played), []);
  for (const junk of [null, 'text', 42, { entry: 'x' }, { entry: [{ changes: [null] }] }])
    assert.deepEqual(parseCloudApiStatuses(junk), []);
});

test('inbound texts: sender, text, id and time; media, statuses and junk are skipped', () => {
  const body = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100000000', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: 'Budi' }, wa_id: '6281234567890' }],
              messages: [
                {
                  from: '6281234567890',
                  id: 'wamid.T1',
                  timestamp: '1800000000',
                  type: 'text',
                  text: { body: 'Tagihan' },
                },
                { from: '6281234567890', id: 'wamid.I1', timestamp: '1800000001', type: 'image', image: { id: '1' } },
                { from: '6281234567890', id: 'wamid.E1', type: 'text', text: { body: '   ' } },
                { from: 'x', id: 'wamid.X1', type: 'text', text: { body: 'halo' } },
                { id: 'wamid.N1', type: 'text', text: { body: 'tanpa pengirim' } },
              ],
              statuses: [{ id: 'wamid.S', status: 'read' }],
            },
          },
        ],
      },
    ],
  };
  assert.deepEqual(parseCloudApiMessages(body), [
    { messageId: 'wamid.T1', from: '6281234567890', text: 'Tagihan', sentAt: new Date(1_800_000_000_000) },
  ]);
  for (const junk of [null, 'text', 42, { entry: 'x' }, { entry: [{ changes: [{ value: { messages: 'x' } }] }] }])
    assert.deepEqual(parseCloudApiMessages(junk), []);
});
