import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPublicUrl, isPrivateAddress } from './public-address';

test('private, loopback, link-local, CGNAT and metadata addresses are private', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['8.8.8.8', '103.10.20.30', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888']) assert.equal(isPrivateAddress(ip), false, ip);
});

test('a URL naming a private host is refused before any request', async () => {
  await assert.rejects(assertPublicUrl('https://127.0.0.1:5432/'));
  await assert.rejects(assertPublicUrl('https://[::1]/send'));
  await assert.rejects(assertPublicUrl('https://localhost/send'));
  await assertPublicUrl('https://8.8.8.8/send');
});
