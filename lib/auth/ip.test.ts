import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limitKey, parseTrustedProxies, resolveClientIp } from './ip';

const resolve = (socketAddress: string | null, forwardedFor: string | null, trusted?: string) =>
  resolveClientIp({ socketAddress, forwardedFor, trusted: parseTrustedProxies(trusted) });

test('no trusted proxy: the socket address, whatever X-Forwarded-For a client sends', () => {
  assert.equal(resolve('198.51.100.7', '1.2.3.4'), '198.51.100.7');
  assert.equal(resolve('::ffff:198.51.100.7', '1.2.3.4, 5.6.7.8'), '198.51.100.7');
  assert.equal(resolve('2001:db8::1', null), '2001:db8::1');
});

test('without the stamped socket address there is no client address to believe', () => {
  assert.equal(resolve(null, '1.2.3.4'), null);
  assert.equal(resolve(null, '1.2.3.4', '1'), null);
});

test('a hop count believes only the entries its proxies appended', () => {
  // One proxy (nginx on 10.0.0.2): a spoofed first entry is never the answer.
  assert.equal(resolve('10.0.0.2', '6.6.6.6, 203.0.113.9', '1'), '203.0.113.9');
  assert.equal(resolve('10.0.0.2', '203.0.113.9', '1'), '203.0.113.9');
  // Two proxies (CDN then nginx).
  assert.equal(resolve('10.0.0.2', '6.6.6.6, 203.0.113.9, 172.16.0.5', '2'), '203.0.113.9');
  // Fewer entries than hops: the furthest address there is.
  assert.equal(resolve('10.0.0.2', null, '2'), '10.0.0.2');
});

test('a CIDR list walks right to left through trusted proxies only', () => {
  const trusted = '127.0.0.1, 10.0.0.0/8, 2001:db8::/32';
  assert.equal(resolve('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.1.2.3', trusted), '203.0.113.9');
  // Straight from the internet (not a trusted peer): its X-Forwarded-For is ignored.
  assert.equal(resolve('198.51.100.20', '10.0.0.1', trusted), '198.51.100.20');
  assert.equal(resolve('2001:db8::5', '203.0.113.9', trusted), '203.0.113.9');
  // A trusted proxy passing garbage where an address belongs: nothing is believed.
  assert.equal(resolve('127.0.0.1', 'not-an-ip', trusted), null);
});

test('TRUSTED_PROXIES that is neither a count nor addresses is refused at start', () => {
  assert.equal(parseTrustedProxies(''), null);
  assert.equal(parseTrustedProxies('0'), null);
  assert.throws(() => parseTrustedProxies('nginx'), /TRUSTED_PROXIES/);
});

test('a hop count is not believed from a client that reached the port directly', () => {
  // A public peer is no proxy: what it writes in X-Forwarded-For is its own choice.
  assert.equal(resolve('198.51.100.50', '6.6.6.6', '1'), '198.51.100.50');
  assert.equal(resolve('2001:db8::50', '6.6.6.6', '1'), '2001:db8::50');
  // Proxies on this host or a private network are.
  assert.equal(resolve('127.0.0.1', '203.0.113.9', '1'), '203.0.113.9');
  assert.equal(resolve('::1', '203.0.113.9', '1'), '203.0.113.9');
  assert.equal(resolve('192.168.1.2', '203.0.113.9', '1'), '203.0.113.9');
  assert.equal(resolve('fd00::2', '203.0.113.9', '1'), '203.0.113.9');
});

test('a forwarded address with a port is the address; garbage from a hop-count proxy leaves the peer', () => {
  assert.equal(resolve('10.0.0.2', '203.0.113.9:51234', '1'), '203.0.113.9');
  assert.equal(resolve('10.0.0.2', '[2001:db8::9]:443', '1'), '2001:db8::9');
  assert.equal(resolve('127.0.0.1', '203.0.113.9:51234', '127.0.0.1'), '203.0.113.9');
  assert.equal(resolve('10.0.0.2', 'unknown', '1'), '10.0.0.2');
  assert.equal(resolve('10.0.0.2', '', '1'), '10.0.0.2');
});

test('IPv6 addresses are limited by their /64, IPv4 addresses by themselves', () => {
  assert.equal(limitKey('203.0.113.9'), '203.0.113.9');
  assert.equal(limitKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(limitKey('2001:DB8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
  assert.equal(limitKey('2001:0db8::1'), '2001:db8:0:0::/64');
  assert.equal(limitKey('::1'), '0:0:0:0::/64');
});
