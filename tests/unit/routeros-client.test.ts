import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { readRouterState } from '@/lib/network/router-ops';
import { RouterConnection, type RouterConnectOptions } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';
import { RouterPool } from '@/lib/network/routeros/pool';
import { type RouterOsOptions, type RouterOsServer, startRouterOsServer } from '../support/routeros-server';

const servers: RouterOsServer[] = [];
async function router(opts: RouterOsOptions = {}) {
  const r = await startRouterOsServer(opts);
  servers.push(r);
  return r;
}
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const settings = (
  r: { host: string; port: number },
  over: Partial<RouterConnectOptions> = {},
): RouterConnectOptions => ({
  host: r.host,
  port: r.port,
  tls: false,
  username: 'admin',
  password: 'secret',
  connectTimeoutMs: 1500,
  commandTimeoutMs: 1500,
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<RouterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RouterError, `expected a RouterError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

async function freePort() {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

describe('test connection: the exact reason when it fails', () => {
  test('ok: identity, version, board, uptime, CPU and memory', async () => {
    const r = await router({ identity: 'RB-Cibaduyut', version: '7.19.1' });
    const conn = await RouterConnection.open(settings(r));
    const { snapshot } = await readRouterState(conn);
    await conn.close();
    assert.equal(snapshot.identity, 'RB-Cibaduyut');
    assert.match(snapshot.version, /^7\.19\.1/);
    assert.ok(snapshot.board.length > 0);
    assert.ok(snapshot.totalMemory > 0 && snapshot.freeMemory > 0);
    assert.ok(snapshot.uptime.length > 0);
  });

  test('bad password', async () => {
    const r = await router();
    const e = await failure(RouterConnection.open(settings(r, { password: 'salah' })));
    assert.equal(e.kind, 'bad_login');
  });

  test('refused port', async () => {
    const e = await failure(RouterConnection.open(settings({ host: '127.0.0.1', port: await freePort() })));
    assert.equal(e.kind, 'refused');
  });

  test('timeout: the router accepts the connection and never answers', async () => {
    const r = await router();
    r.hang(true);
    const started = Date.now();
    const e = await failure(RouterConnection.open(settings(r, { connectTimeoutMs: 1000 })));
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - started < 4000);
  });

  test('TLS: API-SSL asked of a plain API port, or of a port that drops the handshake', async () => {
    const r = await router();
    const plain = await failure(RouterConnection.open(settings(r, { tls: true, connectTimeoutMs: 1000 })));
    assert.equal(plain.kind, 'tls');
    const dropper = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const e = await failure(
      RouterConnection.open(
        settings({ host: '127.0.0.1', port: (dropper.address() as net.AddressInfo).port }, { tls: true }),
      ),
    );
    dropper.close();
    assert.equal(e.kind, 'tls');
  });

  test('RouterOS 6 before 6.43: the MD5 challenge login', async () => {
    const r = await router({ version: '6.40.9 (bugfix)' });
    const conn = await RouterConnection.open(settings(r));
    const rows = await conn.exec('/system/identity/print');
    await conn.close();
    assert.equal(rows.length, 1);
    assert.equal(r.stats.logins, 1);
  });
});

describe('RouterOS replies node-routeros 1.6.9 mishandles', () => {
  test('7.18+: a print with no rows (!empty) returns [] and the process survives', async () => {
    const r = await router({ version: '7.19.1', emptyReply: true });
    const conn = await RouterConnection.open(settings(r));
    assert.deepEqual(await conn.exec('/ppp/active/print'), []);
    assert.deepEqual(await conn.exec('/ppp/secret/print', ['?name=nobody']), []);
    // The connection is still usable afterwards: the tag was not lost.
    r.addSecret({ name: 'budi01', password: 'x' });
    assert.equal((await conn.exec('/ppp/secret/print', ['=.proplist=name'])).length, 1);
    await conn.close();
  });

  test('before 7.18: the same print answers just !done', async () => {
    const r = await router({ version: '7.16', emptyReply: false });
    const conn = await RouterConnection.open(settings(r));
    assert.deepEqual(await conn.exec('/ppp/active/print'), []);
    await conn.close();
  });

  test('a trap fails the command only; the connection carries on', async () => {
    const r = await router();
    const conn = await RouterConnection.open(settings(r));
    const e = await failure(conn.exec('/ppp/secret/set', ['=numbers=nobody', '=profile=default']));
    assert.equal(e.kind, 'trap');
    assert.match(e.message, /no such item/);
    assert.equal(conn.alive, true);
    assert.equal((await conn.exec('/system/identity/print')).length, 1);
    await conn.close();
  });

  test('a dropped connection fails what is in flight; a slow router times out', async () => {
    const r = await router();
    const conn = await RouterConnection.open(settings(r));
    r.dropAfter(1);
    assert.equal((await failure(conn.exec('/system/identity/print'))).kind, 'closed');
    assert.equal(conn.alive, false);

    const slow = await RouterConnection.open(settings(r, { commandTimeoutMs: 300 }));
    r.setDelay(1000);
    assert.equal((await failure(slow.exec('/system/identity/print'))).kind, 'timeout');
    r.setDelay(0);
  });
});

describe('connection pool', () => {
  test('one login serves many jobs; pipelined commands share it', async () => {
    const r = await router();
    const pool = new RouterPool({ connectTimeoutMs: 1500, commandTimeoutMs: 1500 });
    const cfg = settings(r);
    await Promise.all(
      Array.from({ length: 20 }, () => pool.use('r1', cfg, (api) => api.exec('/system/identity/print'))),
    );
    for (let i = 0; i < 100; i++) r.addSecret({ name: `u${i}`, password: 'p' });
    await pool.use('r1', cfg, (api) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) => api.exec('/ppp/secret/set', [`=numbers=u${i}`, '=disabled=true'])),
      ),
    );
    assert.equal(r.stats.logins, 1);
    assert.equal(pool.logins, 1);
    assert.ok(r.list('/ppp/secret').every((s) => s.disabled === 'true'));
    await pool.closeAll();
  });

  test('reconnects after the router drops the connection, and after a changed password', async () => {
    const r = await router();
    const pool = new RouterPool({ connectTimeoutMs: 1500, commandTimeoutMs: 1500, failFastMs: 0 });
    const cfg = settings(r);
    await pool.use('r1', cfg, (api) => api.exec('/system/identity/print'));
    r.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.use('r1', cfg, (api) => api.exec('/system/identity/print'));
    assert.equal(r.stats.logins, 2);
    const wrong = await failure(
      pool.use('r1', { ...cfg, password: 'salah' }, (api) => api.exec('/system/identity/print')),
    );
    assert.equal(wrong.kind, 'bad_login');
    await pool.use('r1', cfg, (api) => api.exec('/system/identity/print'));
    assert.equal(r.stats.logins, 3);
    await pool.closeAll();
  });

  test('a router that is down costs its own callers only', async () => {
    const up = await router();
    const down = await router();
    down.hang(true);
    const pool = new RouterPool({ connectTimeoutMs: 1000, commandTimeoutMs: 1000 });
    const slow = failure(
      pool.use('down', settings(down, { connectTimeoutMs: 1000 }), (api) => api.exec('/system/identity/print')),
    );
    const started = Date.now();
    await pool.use('up', settings(up), (api) => api.exec('/system/identity/print'));
    assert.ok(Date.now() - started < 500, 'the healthy router answered while the other one hung');
    assert.equal((await slow).kind, 'timeout');
    // Right after a failed connect, callers fail fast instead of each waiting a timeout.
    const fast = Date.now();
    await failure(pool.use('down', settings(down), (api) => api.exec('/system/identity/print')));
    assert.ok(Date.now() - fast < 200);
    await pool.closeAll();
  });
});
