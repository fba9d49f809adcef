import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { after, describe, test } from 'node:test';
import {
  type DynamicAuthRequest,
  decodePacket,
  encodeDynamicAuth,
  type RadiusPacket,
  sendDynamicAuth,
  verifyRequestAuthenticator,
} from '@/lib/network/radius/coa';

const SECRET = 'rahasia-coa';
const MIKROTIK = 14988;

/** What the fake router does with a request that passed its checks. */
type Answer = 'ack' | 'nak' | 'silent' | 'bad-authenticator' | 'other-identifier';

/**
 * A fake NAS on 127.0.0.1:<random>. The authenticators of its replies are computed here
 * independently of coa.ts, straight from RFC 2865 §3, so the two cross-check each other.
 */
async function startNas(answer: Answer | ((attempt: number) => Answer)) {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  const failures: string[] = [];
  socket.on('message', (msg: Buffer, from: RemoteInfo) => {
    received.push(msg);
    let req: RadiusPacket;
    try {
      req = checkRequest(msg);
    } catch (error) {
      failures.push((error as Error).message);
      return; // a NAS drops what it cannot verify
    }
    const what = typeof answer === 'function' ? answer(received.length) : answer;
    if (what === 'silent') return;
    const ack = req.code === 40 ? 41 : 44;
    const nak = req.code === 40 ? 42 : 45;
    const errorCause = Buffer.from([101, 6, 0, 0, 0x01, 0xf7]); // 503 Session-Context-Not-Found
    const reply = buildReply({
      code: what === 'nak' ? nak : ack,
      identifier: what === 'other-identifier' ? (req.identifier + 1) % 256 : req.identifier,
      requestAuthenticator: req.authenticator,
      attributes: what === 'nak' ? errorCause : Buffer.alloc(0),
      secret: what === 'bad-authenticator' ? 'not-the-secret' : SECRET,
    });
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    received,
    failures,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

/** The router-side checks: right code, User-Name, MikroTik VSA on CoA, authenticator under the shared secret only. */
function checkRequest(msg: Buffer): RadiusPacket {
  const req = decodePacket(msg);
  assert.ok(req.code === 40 || req.code === 43, `unexpected code ${req.code}`);
  assert.equal(text(req, 1), 'budi01@jaring', 'User-Name');
  if (req.code === 43) assert.equal(vsa(req, MIKROTIK, 8), '10M/20M', 'Mikrotik-Rate-Limit');
  assert.ok(verifyRequestAuthenticator(msg, SECRET), 'Request Authenticator does not verify with the shared secret');
  assert.ok(!verifyRequestAuthenticator(msg, 'wrong-secret'), 'Request Authenticator verifies with a wrong secret');
  return req;
}

function buildReply(p: {
  code: number;
  identifier: number;
  requestAuthenticator: Buffer;
  attributes: Buffer;
  secret: string;
}): Buffer {
  const header = Buffer.from([p.code, p.identifier, 0, 0]);
  header.writeUInt16BE(20 + p.attributes.length, 2);
  const authenticator = createHash('md5')
    .update(header)
    .update(p.requestAuthenticator)
    .update(p.attributes)
    .update(p.secret)
    .digest();
  return Buffer.concat([header, authenticator, p.attributes]);
}

const text = (p: RadiusPacket, type: number) => p.attributes.find((a) => a.type === type)?.value.toString('utf8');
const vsa = (p: RadiusPacket, vendorId: number, vendorType: number) =>
  p.attributes
    .find((a) => a.type === 26 && a.vendorId === vendorId && a.vendorType === vendorType)
    ?.value.toString('utf8');

const disconnect = (port: number, extra: Partial<DynamicAuthRequest> = {}): DynamicAuthRequest => ({
  host: '127.0.0.1',
  port,
  secret: SECRET,
  kind: 'disconnect',
  userName: 'budi01@jaring',
  timeoutMs: 100,
  retries: 1,
  ...extra,
});
const coa = (port: number, extra: Partial<DynamicAuthRequest> = {}) =>
  disconnect(port, { kind: 'coa', mikrotikRateLimit: '10M/20M', ...extra });

describe('packet encoding', () => {
  test('Disconnect-Request carries the attributes and an RFC 2866-style authenticator', () => {
    const buf = encodeDynamicAuth(
      {
        host: 'x',
        secret: SECRET,
        kind: 'disconnect',
        userName: 'budi01@jaring',
        acctSessionId: '81a00003',
        framedIpAddress: '10.20.0.7',
        nasIpAddress: '192.168.88.1',
      },
      7,
    );
    const p = decodePacket(buf);
    assert.deepEqual([p.code, p.identifier, p.length], [40, 7, buf.length]);
    assert.equal(text(p, 1), 'budi01@jaring');
    assert.equal(text(p, 44), '81a00003');
    assert.deepEqual([...p.attributes.find((a) => a.type === 8)!.value], [10, 20, 0, 7]);
    assert.deepEqual([...p.attributes.find((a) => a.type === 4)!.value], [192, 168, 88, 1]);
    // MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret), computed by hand
    const zeroed = Buffer.concat([buf.subarray(0, 4), Buffer.alloc(16), buf.subarray(20)]);
    assert.deepEqual(p.authenticator, createHash('md5').update(zeroed).update(SECRET).digest());
    assert.ok(verifyRequestAuthenticator(buf, SECRET));
    assert.ok(!verifyRequestAuthenticator(buf, 'wrong-secret'));
  });

  test('CoA-Request puts MikroTik attributes in Vendor-Specific 14988', () => {
    const buf = encodeDynamicAuth(
      {
        host: 'x',
        secret: SECRET,
        kind: 'coa',
        userName: 'u',
        mikrotikRateLimit: '10M/20M',
        mikrotikAddressList: 'isolir',
      },
      200,
    );
    const p = decodePacket(buf);
    assert.equal(p.code, 43);
    assert.equal(vsa(p, MIKROTIK, 8), '10M/20M');
    assert.equal(vsa(p, MIKROTIK, 19), 'isolir');
    // 26, len, vendor id 0x00003a8c, vendor type 8, vendor len, "10M/20M"
    assert.ok(buf.includes(Buffer.concat([Buffer.from([26, 15, 0, 0, 0x3a, 0x8c, 8, 9]), Buffer.from('10M/20M')])));
  });

  test('invalid input throws', () => {
    const base: DynamicAuthRequest = { host: 'x', secret: SECRET, kind: 'coa', userName: 'u' };
    assert.doesNotThrow(() => encodeDynamicAuth({ ...base, userName: 'a'.repeat(253) }, 1));
    assert.throws(() => encodeDynamicAuth({ ...base, userName: 'a'.repeat(254) }, 1), /at most 253/);
    assert.throws(() => encodeDynamicAuth({ ...base, mikrotikRateLimit: 'a'.repeat(248) }, 1), /at most 247/);
    assert.throws(() => encodeDynamicAuth({ ...base, userName: '' }, 1), /User-Name/);
    assert.throws(() => encodeDynamicAuth({ ...base, secret: '' }, 1), /secret/);
    assert.throws(() => encodeDynamicAuth({ ...base, framedIpAddress: '10.0.0.256' }, 1), /IPv4/);
    assert.throws(
      () => encodeDynamicAuth({ ...base, kind: 'disconnect', mikrotikRateLimit: '1M/1M' }, 1),
      /CoA-Request/,
    );
    assert.throws(() => encodeDynamicAuth(base, 256), /identifier/);
  });

  test('decoding rejects truncated packets and ignores trailing padding', () => {
    const buf = encodeDynamicAuth({ host: 'x', secret: SECRET, kind: 'disconnect', userName: 'u' }, 1);
    assert.throws(() => decodePacket(buf.subarray(0, buf.length - 1)));
    assert.equal(decodePacket(Buffer.concat([buf, Buffer.alloc(5)])).attributes.length, 1);
  });
});

describe('talking to a NAS', () => {
  test('Disconnect-ACK', async () => {
    const nas = await startNas('ack');
    after(nas.close);
    // A loaded machine may take longer than the retry tests' 100 ms to answer the first packet.
    const result = await sendDynamicAuth(disconnect(nas.port, { acctSessionId: '81a00003', timeoutMs: 2_000 }));
    assert.deepEqual(nas.failures, []);
    assert.equal(result.ok, true);
    assert.equal(result.code, 41);
    assert.equal(result.codeName, 'Disconnect-ACK');
    assert.equal(result.errorCause, undefined);
    assert.equal(result.attempts, 1);
  });

  test('CoA-ACK', async () => {
    const nas = await startNas('ack');
    after(nas.close);
    const result = await sendDynamicAuth(coa(nas.port));
    assert.deepEqual(nas.failures, []);
    assert.deepEqual([result.ok, result.code, result.codeName], [true, 44, 'CoA-ACK']);
  });

  test('NAK comes back with its Error-Cause', async () => {
    const nas = await startNas('nak');
    after(nas.close);
    const d = await sendDynamicAuth(disconnect(nas.port));
    assert.deepEqual([d.ok, d.code, d.codeName, d.errorCause], [false, 42, 'Disconnect-NAK', 503]);
    const c = await sendDynamicAuth(coa(nas.port));
    assert.deepEqual([c.ok, c.code, c.codeName, c.errorCause], [false, 45, 'CoA-NAK', 503]);
    assert.deepEqual(nas.failures, []);
  });

  test('no answer: the same packet is resent, then timeout', async () => {
    const nas = await startNas('silent');
    after(nas.close);
    const result = await sendDynamicAuth(disconnect(nas.port));
    assert.deepEqual([result.ok, result.code, result.codeName, result.attempts], [false, 0, 'timeout', 2]);
    assert.ok(result.ms >= 190, `took ${result.ms} ms`);
    assert.equal(nas.received.length, 2);
    assert.deepEqual(nas.received[0], nas.received[1]);
    assert.deepEqual(nas.failures, []);
  });

  test('a reply with a bad authenticator is ignored', async () => {
    const nas = await startNas('bad-authenticator');
    after(nas.close);
    const result = await sendDynamicAuth(disconnect(nas.port));
    assert.equal(result.codeName, 'timeout');
    assert.equal(nas.received.length, 2);
  });

  test('a reply with another identifier is ignored', async () => {
    const nas = await startNas('other-identifier');
    after(nas.close);
    const result = await sendDynamicAuth(coa(nas.port));
    assert.equal(result.codeName, 'timeout');
    assert.equal(nas.received.length, 2);
  });

  test('after an ignored reply, a good one on the retry still counts', async () => {
    const nas = await startNas((attempt) => (attempt === 1 ? 'bad-authenticator' : 'ack'));
    after(nas.close);
    const result = await sendDynamicAuth(disconnect(nas.port));
    assert.deepEqual([result.codeName, result.attempts], ['Disconnect-ACK', 2]);
  });

  test('an unresolvable host is a timeout, not an exception', async () => {
    const result = await sendDynamicAuth(disconnect(3799, { host: 'nas.invalid' }));
    assert.deepEqual([result.codeName, result.attempts], ['timeout', 0]);
  });
});

const hasRadclient = spawnSync('radclient', ['-v']).error === undefined;

describe('against FreeRADIUS radclient', { skip: !hasRadclient && 'radclient is not installed' }, () => {
  /** radclient checks our listener's Response Authenticator; our decoder checks its request. */
  function radclient(port: number, kind: 'disconnect' | 'coa', attributes: string) {
    return new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('radclient', ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, kind, SECRET]);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
      child.stdin.end(attributes);
    });
  }

  test('a real Disconnect-Request decodes, verifies and gets our ACK accepted', async () => {
    const nas = await startNas('ack');
    after(nas.close);
    const { code, out } = await radclient(
      nas.port,
      'disconnect',
      'User-Name = "budi01@jaring"\nAcct-Session-Id = "81a00003"\n',
    );
    assert.deepEqual(nas.failures, []);
    assert.equal(text(decodePacket(nas.received[0]!), 44), '81a00003');
    assert.equal(code, 0, out);
    assert.match(out, /Received Disconnect-ACK/);
  });

  test('a real CoA-Request with Mikrotik-Rate-Limit decodes to vendor 14988 type 8', async () => {
    const nas = await startNas('ack');
    after(nas.close);
    const { code, out } = await radclient(
      nas.port,
      'coa',
      'User-Name = "budi01@jaring"\nMikrotik-Rate-Limit = "10M/20M"\n',
    );
    assert.deepEqual(nas.failures, []);
    assert.equal(code, 0, out);
    assert.match(out, /Received CoA-ACK/);
  });
});
