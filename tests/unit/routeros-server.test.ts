import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { RouterOSAPI, Transmitter } from 'node-routeros';
import {
  encodeWords,
  type RouterOsOptions,
  type RouterOsServer,
  SentenceReader,
  startRouterOsServer,
} from '../support/routeros-server';

type Api = RouterOSAPI;
type Rows = Array<Record<string, string>>;

const servers: RouterOsServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function router(opts: RouterOsOptions = {}): Promise<RouterOsServer> {
  const r = await startRouterOsServer(opts);
  servers.push(r);
  return r;
}

/** The product's client, as the app will use it; Nagle off so pipelined words are not held back. */
async function connect(r: RouterOsServer, opts: { password?: string; timeout?: number } = {}): Promise<Api> {
  const api = new RouterOSAPI({
    host: r.host,
    port: r.port,
    user: 'admin',
    password: opts.password ?? 'secret',
    timeout: opts.timeout ?? 5,
  });
  await api.connect();
  (api as unknown as { connector: { socket: net.Socket } }).connector.socket.setNoDelay(true);
  return api;
}

const write = (api: Api, cmd: string, params: string[] = []) => api.write(cmd, params) as Promise<Rows>;

/**
 * A bare client written apart from the server's codec, for what node-routeros cannot take
 * (1.6.9 throws an uncaught exception on `!empty`) and to see sentences exactly as sent.
 */
async function raw(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let pending = Buffer.alloc(0);
  let words: string[] = [];
  const inbox: string[][] = [];
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const b = pending[0];
      if (b === undefined) break;
      const size = b < 0x80 ? 1 : b < 0xc0 ? 2 : 3; // replies in these tests stay under 2 MB words
      if (pending.length < size) break;
      const len = size === 1 ? b : size === 2 ? pending.readUInt16BE(0) & 0x3fff : pending.readUIntBE(0, 3) & 0x1fffff;
      if (pending.length < size + len) break;
      if (len > 0) words.push(pending.toString('latin1', size, size + len));
      else {
        inbox.push(words);
        words = [];
      }
      pending = pending.subarray(size + len);
    }
    wake?.();
  });
  const closed = once(socket, 'close');
  return {
    send(...sentence: string[]) {
      const parts = sentence.flatMap((w) => [Buffer.from([Buffer.byteLength(w, 'latin1')]), Buffer.from(w, 'latin1')]);
      socket.write(Buffer.concat([...parts, Buffer.from([0])]));
    },
    async next(): Promise<string[]> {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return inbox.shift()!;
    },
    closed,
    close: () => socket.destroy(),
  };
}

async function rawLoggedIn(port: number) {
  const c = await raw(port);
  c.send('/login', '=name=admin', '=password=secret');
  assert.deepEqual(await c.next(), ['!done']);
  return c;
}

describe('wire format', () => {
  test('words are length-prefixed exactly as node-routeros encodes them, win1252 included', () => {
    const written: Buffer[] = [];
    const tx = new Transmitter({ writable: true, write: (b: Buffer) => written.push(b) } as unknown as net.Socket);
    for (const len of [1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000]) {
      const word = 'x'.repeat(len);
      tx.write(word);
      assert.deepEqual(encodeWords([word]), written.pop(), `length ${len}`);
    }
    tx.write('Rp 10.000 – €5');
    assert.deepEqual(encodeWords(['Rp 10.000 – €5']), written.pop());
  });

  test('sentences split anywhere, or packed many to a chunk, read back whole', () => {
    const sentences = [
      ['/ppp/secret/print', '=.proplist=name', '.tag=1'],
      ['/x', 'y'.repeat(0x4000), '€'],
    ];
    const bytes = Buffer.concat(sentences.map((s) => encodeWords([...s, ''])));
    const oneByOne = new SentenceReader();
    const got = [...bytes].flatMap((b) => oneByOne.push(Buffer.from([b])));
    assert.deepEqual(got, sentences);
    assert.deepEqual(new SentenceReader().push(Buffer.concat([bytes, bytes])), [...sentences, ...sentences]);
  });
});

describe('login', () => {
  test('6.43+ login: right credentials get in, a wrong password is refused', async () => {
    const r = await router();
    const api = await connect(r);
    await api.close();
    await assert.rejects(connect(r, { password: 'salah' }), { errno: 'CANTLOGIN' });
    assert.equal(r.stats.logins, 1);
    assert.equal(r.stats.loginFailures, 1);
  });

  test('pre-6.43 MD5 challenge: node-routeros falls back to it and gets in', async () => {
    const r = await router({ legacyLogin: true, version: '6.40.9 (bugfix)', password: 'rahasia' });
    const api = await connect(r, { password: 'rahasia' });
    const [res] = await write(api, '/system/resource/print', ['=.proplist=version']);
    assert.equal(res!.version, '6.40.9 (bugfix)');
    await api.close();
    await assert.rejects(connect(r, { password: 'salah' }), { errno: 'CANTLOGIN' });
    assert.deepEqual([r.stats.logins, r.stats.loginFailures], [1, 1]);
  });

  test('commands before login are refused; /quit ends with !fatal', async () => {
    const r = await router();
    const c = await raw(r.port);
    c.send('/ppp/secret/print', '.tag=a');
    assert.deepEqual(await c.next(), ['!trap', '=message=not logged in', '.tag=a']);
    assert.deepEqual(await c.next(), ['!done', '.tag=a']);
    c.send('/quit');
    assert.deepEqual(await c.next(), ['!fatal', 'session terminated on request']);
    await c.closed;
  });
});

describe('menus through node-routeros', () => {
  let r: RouterOsServer;
  let api: Api;
  before(async () => {
    r = await router({ identity: 'RB-Ciputat' });
    api = await connect(r);
  });
  after(() => api.close());

  test('add, print with proplist and queries, set by name and by id, remove', async () => {
    await write(api, '/ppp/profile/add', ['=name=10M', '=rate-limit=10M/10M']);
    const [added] = await write(api, '/ppp/secret/add', ['=name=budi', '=password=p1', '=profile=10M']);
    assert.match(added!.ret!, /^\*[0-9A-F]+$/);
    await write(api, '/ppp/secret/add', ['=name=siti', '=password=p2', '=disabled=yes']);

    assert.deepEqual(await write(api, '/ppp/secret/print', ['=.proplist=name,profile,comment', '?disabled=false']), [
      { name: 'budi', profile: '10M' },
    ]);
    assert.deepEqual(await write(api, '/ppp/secret/print', ['=.proplist=name', '?name=siti']), [{ name: 'siti' }]);
    assert.deepEqual(
      await write(api, '/ppp/secret/print', ['=.proplist=name', '?disabled=true', '?disabled=false', '?#|']),
      [{ name: 'budi' }, { name: 'siti' }],
    );
    const [full] = await write(api, '/ppp/secret/print', ['?name=budi']);
    assert.deepEqual(full, {
      '.id': added!.ret,
      name: 'budi',
      service: 'any',
      password: 'p1',
      profile: '10M',
      disabled: 'false',
    });

    await write(api, '/ppp/secret/set', ['=numbers=siti', '=disabled=no', '=comment=lunas']);
    await write(api, '/ppp/secret/set', [`=.id=${added!.ret}`, '=profile=default']);
    assert.deepEqual(r.find('/ppp/secret', 'siti')?.comment, 'lunas');
    assert.deepEqual(r.find('/ppp/secret', 'budi')?.profile, 'default');
    assert.deepEqual(await write(api, '/ppp/secret/print', ['=.proplist=name', '?comment']), [{ name: 'siti' }]);
    assert.deepEqual(await write(api, '/ppp/secret/print', ['=.proplist=name', '?-comment']), [{ name: 'budi' }]);

    await write(api, '/ppp/secret/remove', ['=numbers=budi,siti']);
    assert.deepEqual(r.list('/ppp/secret'), []);
  });

  test('RouterOS refusals come back as traps and change nothing', async () => {
    r.addSecret({ name: 'andi', password: 'x' });
    const trap = (cmd: string, params: string[], message: string | RegExp) =>
      assert.rejects(write(api, cmd, params), { message });
    await trap('/ppp/secret/set', ['=numbers=andi,tidak-ada', '=disabled=yes'], 'no such item');
    await trap('/ppp/secret/remove', ['=.id=*FFFF'], 'no such item');
    await trap('/ppp/secret/add', ['=name=andi'], /already exists/);
    await trap('/ppp/secret/add', ['=name=dewi', '=profile=tidak-ada'], 'input does not match any value of profile');
    await trap('/ppp/secret/add', ['=name=dewi', '=remote_address=10.0.0.9'], 'unknown parameter remote_address');
    await trap('/ppp/tidak-ada/print', [], 'no such command prefix');
    await trap('/ppp/secret/frobnicate', [], 'no such command');
    assert.equal(r.find('/ppp/secret', 'andi')?.disabled, 'false');
    assert.equal(r.find('/ppp/secret', 'dewi'), undefined);

    r.trapNext('/ppp/secret/set', 'failure: router busy');
    await trap('/ppp/secret/set', ['=numbers=andi', '=disabled=yes'], 'failure: router busy');
    await write(api, '/ppp/secret/set', ['=numbers=andi', '=disabled=yes']);
    assert.equal(r.find('/ppp/secret', 'andi')?.disabled, 'true');
  });

  test('sessions show in /ppp/active and /interface; removing one kicks it', async () => {
    r.connectSession('rina', { address: '10.10.0.50', callerId: 'AA:BB:CC:00:00:01' });
    r.connectHotspot('tamu-1', { mac: 'AA:BB:CC:00:00:02' });
    const [session] = await write(api, '/ppp/active/print', ['?name=rina']);
    assert.equal(session!.address, '10.10.0.50');
    assert.equal(session!['caller-id'], 'AA:BB:CC:00:00:01');
    assert.match(session!.uptime!, /^\d+s$/);
    const ifaces = await write(api, '/interface/print', ['=.proplist=name,type,running', '?type=pppoe-in']);
    assert.deepEqual(ifaces, [{ name: '<pppoe-rina>', type: 'pppoe-in', running: 'true' }]);
    const [hs] = await write(api, '/ip/hotspot/active/print', ['=.proplist=user,mac-address']);
    assert.deepEqual(hs, { user: 'tamu-1', 'mac-address': 'AA:BB:CC:00:00:02' });

    await write(api, '/ppp/active/remove', [`=.id=${session!['.id']}`]);
    assert.deepEqual(r.list('/ppp/active'), []);
    assert.equal(r.find('/interface', '<pppoe-rina>'), undefined);
  });

  test('hotspot users, enable/disable, count-only, and counters changed behind the API', async () => {
    await write(api, '/ip/hotspot/user/profile/add', ['=name=1-jam', '=session-timeout=1h']);
    await write(api, '/ip/hotspot/user/add', ['=name=voucher-01', '=password=123', '=profile=1-jam']);
    r.addHotspotUser({ name: 'voucher-02', profile: '1-jam' });
    await write(api, '/ip/hotspot/user/disable', ['=numbers=voucher-01']);
    assert.equal(r.find('/ip/hotspot/user', 'voucher-01')?.disabled, 'true');
    assert.deepEqual(await write(api, '/ip/hotspot/user/print', ['=count-only=', '?profile=1-jam']), [{ ret: '2' }]);
    await write(api, '/ip/hotspot/user/enable', ['=numbers=voucher-01']);
    assert.deepEqual(await write(api, '/ip/hotspot/user/print', ['=count-only=', '?disabled=no']), [{ ret: '2' }]);

    r.update('/interface', 'ether1', { 'rx-byte': 1234 });
    const [ether1] = await write(api, '/interface/print', ['=.proplist=name,rx-byte', '?name=ether1']);
    assert.deepEqual(ether1, { name: 'ether1', 'rx-byte': '1234' });
  });

  test('/system/resource and /system/identity', async () => {
    const [res] = await write(api, '/system/resource/print');
    assert.equal(res!.version, '7.19.1 (stable)');
    assert.equal(res!['.id'], undefined);
    assert.ok(res!['cpu-load'] && res!['board-name'] && res!.uptime);
    assert.deepEqual(await write(api, '/system/identity/print'), [{ name: 'RB-Ciputat' }]);
    await write(api, '/system/identity/set', ['=name=RB-Pamulang']);
    assert.equal(r.state.identity, 'RB-Pamulang');
  });
});

describe('speed and stats', () => {
  test('1,000 pipelined set commands complete quickly, and are counted', async () => {
    const r = await router();
    for (let i = 0; i < 1000; i++) r.addSecret({ name: `pel-${i}`, password: 'x' });
    const api = await connect(r);
    r.resetStats();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) => write(api, '/ppp/secret/set', [`=numbers=pel-${i}`, '=disabled=yes'])),
    );
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    assert.equal(r.list('/ppp/secret').filter((s) => s.disabled === 'true').length, 1000);
    assert.equal(r.stats.commands, 1000);
    assert.equal(r.stats.byCommand['/ppp/secret/set'], 1000);
    assert.ok(r.stats.maxInFlight > 1, 'the client pipelined');
    await api.close();
  });

  test('10,000 secrets print through node-routeros', async () => {
    const r = await router();
    for (let i = 0; i < 10_000; i++) r.addSecret({ name: `pel-${i}`, password: `pw-${i}`, profile: 'default' });
    const api = await connect(r);
    const started = performance.now();
    const rows = await write(api, '/ppp/secret/print', ['=.proplist=.id,name,password,profile,disabled']);
    const ms = performance.now() - started;
    assert.equal(rows.length, 10_000);
    assert.deepEqual(rows[9999], {
      '.id': '*2710',
      name: 'pel-9999',
      password: 'pw-9999',
      profile: 'default',
      disabled: 'false',
    });
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    await api.close();
  });
});

describe('RouterOS versions', () => {
  test('7.18+ answers an empty print with !empty then !done, older with !done alone', async () => {
    const modern = await rawLoggedIn((await router()).port);
    modern.send('/ppp/secret/print', '?name=tidak-ada', '.tag=7');
    assert.deepEqual(await modern.next(), ['!empty', '.tag=7']);
    assert.deepEqual(await modern.next(), ['!done', '.tag=7']);
    modern.close();

    const old = await rawLoggedIn((await router({ emptyReply: false })).port);
    old.send('/ppp/secret/print', '?name=tidak-ada', '.tag=8');
    assert.deepEqual(await old.next(), ['!done', '.tag=8']);
    old.close();
  });

  test('replies keep their tags when commands are pipelined', async () => {
    const r = await router();
    r.addSecret({ name: 'a' });
    const c = await rawLoggedIn(r.port);
    c.send('/ppp/secret/print', '=.proplist=name', '.tag=p');
    c.send('/ppp/secret/set', '=numbers=zzz', '.tag=s');
    assert.deepEqual(await c.next(), ['!re', '=name=a', '.tag=p']);
    assert.deepEqual(await c.next(), ['!done', '.tag=p']);
    assert.deepEqual(await c.next(), ['!trap', '=message=no such item', '.tag=s']);
    assert.deepEqual(await c.next(), ['!done', '.tag=s']);
    c.close();
  });
});

describe('faults', () => {
  test('stop() refuses connections; start() comes back on the same port with state kept', async () => {
    const r = await router();
    r.addSecret({ name: 'tetap' });
    const port = r.port;
    const api = await connect(r);
    const closed = once(api, 'close');
    await r.stop();
    await closed;
    await assert.rejects(once(net.connect(port, r.host), 'connect'), { code: 'ECONNREFUSED' });
    await r.start();
    assert.equal(r.port, port);
    const again = await connect(r);
    assert.deepEqual(await write(again, '/ppp/secret/print', ['=.proplist=name']), [{ name: 'tetap' }]);
    await again.close();
  });

  test('hang(): a client with a 1 s socket timeout times out', async () => {
    const r = await router();
    const api = await connect(r, { timeout: 1 });
    r.hang(true);
    const failed = once(api, 'error');
    void write(api, '/system/identity/print').catch(() => {});
    const [err] = (await failed) as [{ errno: string }];
    assert.equal(err.errno, 'SOCKTMOUT');
  });

  test('dropAfter(n) cuts the connection on the n-th command, unanswered; setDelay() holds replies', async () => {
    const r = await router();
    const c = await rawLoggedIn(r.port);
    r.dropAfter(2);
    c.send('/system/identity/print', '.tag=1');
    c.send('/system/identity/print', '.tag=2');
    assert.deepEqual(await c.next(), ['!re', '=name=RB-Test', '.tag=1']);
    assert.deepEqual(await c.next(), ['!done', '.tag=1']);
    await c.closed;

    const slow = await rawLoggedIn(r.port);
    r.setDelay(150);
    const started = Date.now();
    slow.send('/system/identity/print', '.tag=3');
    assert.deepEqual(await slow.next(), ['!re', '=name=RB-Test', '.tag=3']);
    assert.ok(Date.now() - started >= 140);
    slow.close();
  });

  test('dropConnections() cuts live clients', async () => {
    const r = await router();
    const api = await connect(r);
    const closed = once(api, 'close');
    r.dropConnections();
    await closed;
    assert.equal(r.stats.connections, 1);
  });
});
