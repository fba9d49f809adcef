import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertPublicUrl,
  canonicalIp,
  cidrList,
  isLocalAddress,
  isPrivateAddress,
  NotPublicAddressError,
  type Resolver,
  resolvePublicAddress,
} from './public-address';

test('private, loopback, link-local, CGNAT and metadata addresses are private', () => {
  for (const ip of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['8.8.8.8', '103.10.20.30', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888'])
    assert.equal(isPrivateAddress(ip), false, ip);
});

test('every spelling of an address is read as the address a resolver would connect to', () => {
  const forms: [string, string | null][] = [
    ['2130706433', '127.0.0.1'], // decimal
    ['0x7f000001', '127.0.0.1'], // hex
    ['0x7f.1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'], // octal
    ['127.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['::ffff:10.0.0.1', '10.0.0.1'], // IPv4-mapped IPv6, dotted
    ['[::FFFF:a00:1]', '10.0.0.1'], // … and in hex, as the URL parser writes it
    ['::ffff:169.254.169.254', '169.254.169.254'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    [' Router.Example.COM. ', null],
  ];
  for (const [form, canonical] of forms) assert.equal(canonicalIp(form), canonical, form);
  assert.throws(() => canonicalIp('1.2.3.999'));
  assert.throws(() => canonicalIp('fe80::1%eth0'));
});

test('resolvePublicAddress refuses each non-public form, and a name resolving to one', async () => {
  const bad = [
    '0.0.0.0',
    '2130706433',
    '0x7f.0.0.1',
    '0177.0.0.1',
    '127.0.0.1',
    '10.0.0.1',
    '172.20.1.1',
    '192.168.88.1',
    '100.64.0.1',
    '100.127.255.254',
    '169.254.169.254',
    '169.254.1.1',
    '::',
    '::1',
    '[::ffff:127.0.0.1]',
    '::ffff:a00:1',
    '::ffff:169.254.169.254',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '64:ff9b::a9fe:a9fe',
    '2002:a00:1::1',
    'ff02::1',
    'localhost',
    'api.localhost',
  ];
  for (const host of bad)
    await assert.rejects(
      resolvePublicAddress(host, { resolve: async () => [{ address: '8.8.8.8', family: 4 }] }),
      NotPublicAddressError,
      host,
    );
  // One private answer among public ones is enough to refuse the name.
  const mixed: Resolver = async () => [
    { address: '203.0.114.7', family: 4 },
    { address: '::ffff:10.0.0.5', family: 6 },
  ];
  await assert.rejects(resolvePublicAddress('gw.example.net', { resolve: mixed }), /10\.0\.0\.5/);
  assert.deepEqual(
    await resolvePublicAddress('gw.example.net', { resolve: async () => [{ address: '103.10.20.30', family: 4 }] }),
    { address: '103.10.20.30', family: 4 },
  );
  assert.deepEqual(await resolvePublicAddress('2001:4860:4860::8888'), { address: '2001:4860:4860::8888', family: 6 });
});

test('ranges allowed by the platform pass; nothing else private does', async () => {
  const allow = cidrList('10.8.0.0/16, fd00:8::/64');
  assert.deepEqual(await resolvePublicAddress('10.8.3.4', { allow }), { address: '10.8.3.4', family: 4 });
  assert.deepEqual(await resolvePublicAddress('::ffff:10.8.3.4', { allow }), { address: '10.8.3.4', family: 4 });
  assert.deepEqual(await resolvePublicAddress('fd00:8::9', { allow }), { address: 'fd00:8::9', family: 6 });
  for (const host of ['10.9.0.1', '127.0.0.1', '169.254.169.254', 'fd00:9::1'])
    await assert.rejects(resolvePublicAddress(host, { allow }), NotPublicAddressError, host);
  assert.throws(() => cidrList('10.8.0.0'));
  assert.throws(() => cidrList('10.8.0.0/33'));
  assert.throws(() => cidrList('router/8'));
});

test('a URL naming a private host is refused before any request', async () => {
  await assert.rejects(assertPublicUrl('https://127.0.0.1:5432/'));
  await assert.rejects(assertPublicUrl('https://[::1]/send'));
  await assert.rejects(assertPublicUrl('https://[::ffff:7f00:1]/send'));
  await assert.rejects(assertPublicUrl('https://0x7f000001/send'));
  await assert.rejects(assertPublicUrl('https://localhost/send'));
  await assertPublicUrl('https://8.8.8.8/send');
});

test('the SIIT range ::ffff:0:0/96 (::ffff:0:7f00:1 is 127.0.0.1 translated) is not public', async () => {
  for (const ip of ['::ffff:0:7f00:1', '::ffff:0:a00:1', '::ffff:0:a9fe:a9fe', '::ffff:0:808:808'])
    assert.equal(isPrivateAddress(ip), true, ip);
  await assert.rejects(resolvePublicAddress('::ffff:0:7f00:1'), NotPublicAddressError);
  await assert.rejects(resolvePublicAddress('[::ffff:0:7f00:1]'), NotPublicAddressError);
  await assert.rejects(
    resolvePublicAddress('gw.example.net', { resolve: async () => [{ address: '::ffff:0:7f00:1', family: 6 }] }),
    NotPublicAddressError,
  );
});

test("'local' refuses loopback (unless allowed), unspecified and link-local addresses in any spelling, and nothing else", async () => {
  const local = [
    '0.0.0.0',
    '0.1.2.3',
    '169.254.169.254',
    '::ffff:169.254.169.254',
    '::',
    'fe80::1',
    '::ffff:0:7f00:1',
    '::7f00:1',
  ];
  const loopback = ['127.0.0.1', '2130706433', '0x7f.0.0.1', '127.1.2.3', '::1', '::ffff:7f00:1', 'localhost'];
  const lan = ['10.0.0.1', '192.168.88.1', '172.16.5.5', '100.64.0.1', 'fd00::1', '203.0.114.10'];
  const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
  for (const host of [...local, ...loopback])
    await assert.rejects(
      resolvePublicAddress(host, { only: 'local', resolve }),
      /loopback, unspecified or link-local/,
      host,
    );
  for (const host of local)
    await assert.rejects(
      resolvePublicAddress(host, { only: 'local', allowLoopback: true, resolve }),
      NotPublicAddressError,
      host,
    );
  for (const host of loopback)
    assert.ok((await resolvePublicAddress(host, { only: 'local', allowLoopback: true, resolve })).address, host);
  for (const host of lan) assert.equal(isLocalAddress(host), false, host);
  for (const host of lan) assert.ok(await resolvePublicAddress(host, { only: 'local' }), host);
  // A name resolving to the metadata address is refused; ROUTER_PRIVATE_RANGES-style allow wins.
  await assert.rejects(
    resolvePublicAddress('rb.lan', { only: 'local', resolve: async () => [{ address: '169.254.169.254', family: 4 }] }),
    /rb\.lan resolves to 169\.254\.169\.254/,
  );
  assert.deepEqual(await resolvePublicAddress('127.9.0.1', { only: 'local', allow: cidrList('127.9.0.0/16') }), {
    address: '127.9.0.1',
    family: 4,
  });
});
