import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { RouterConnection } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';

/** A TCP listener that records the first bytes of each connection (a TLS ClientHello) and hangs up. */
async function listener() {
  const first: Buffer[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.once('data', (data) => {
      first.push(data);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    first,
    connections: () => connections,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('the socket goes to the checked address; TLS still names the host (SNI)', async () => {
  const l = await listener();
  try {
    const asked: string[] = [];
    const open = RouterConnection.open({
      host: 'router.never-resolved.invalid',
      port: l.port,
      tls: true,
      username: 'admin',
      password: 'x',
      connectTimeoutMs: 1000,
      resolveAddress: async (host) => {
        asked.push(host);
        return '127.0.0.1';
      },
    });
    await assert.rejects(open, RouterError);
    assert.deepEqual(asked, ['router.never-resolved.invalid']);
    assert.equal(l.connections(), 1);
    assert.ok(
      l.first[0]?.includes(Buffer.from('router.never-resolved.invalid')),
      'the ClientHello carries the host name',
    );
  } finally {
    await l.close();
  }
});

test('an address the check refuses is never connected to', async () => {
  const l = await listener();
  try {
    const open = RouterConnection.open({
      host: '127.0.0.1',
      port: l.port,
      tls: false,
      username: 'admin',
      password: 'x',
      connectTimeoutMs: 1000,
      resolveAddress: async (host) => {
        throw new RouterError('not_allowed', `${host} is not a public address`);
      },
    });
    await assert.rejects(open, (e: RouterError) => e.kind === 'not_allowed');
    assert.equal(l.connections(), 0);
  } finally {
    await l.close();
  }
});
