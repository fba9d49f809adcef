import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTrustedProxies, resolveClientIp } from './ip';

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
