import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RouterError } from '@/lib/network/routeros/errors';
import { AppError } from '@/lib/server/errors';
import { assertRouterHostAllowed, routerConnectAddress } from './router-address';

/**
 * A self-hosted install (the default) without ROUTER_ALLOW_LOOPBACK: routers on the LAN are
 * fine, but no router is on loopback, 0.0.0.0 or the link-local / metadata range, so a
 * tenant cannot aim the worker (API connections, RADIUS CoA) at the server itself. The
 * environment is read once per process, on first use: set before anything reads it.
 */
process.env.PLATFORM_MODE = 'self-hosted';
process.env.ROUTER_ALLOW_LOOPBACK = 'false';
process.env.ROUTER_PRIVATE_RANGES = '';

const refused = [
  '127.0.0.1',
  '2130706433',
  '::1',
  '::ffff:7f00:1',
  '0.0.0.0',
  '::',
  '169.254.169.254',
  'fe80::1',
  '::ffff:0:7f00:1',
  'localhost',
];

test('self-hosted: loopback, unspecified and link-local router hosts are refused on save, LAN and public ones kept', async () => {
  for (const host of refused) {
    await assert.rejects(
      assertRouterHostAllowed(host),
      (e: unknown) => e instanceof AppError && e.fieldErrors?.host === 'validation.hostLocal',
      host,
    );
  }
  const viaDns = async () => [{ address: '169.254.169.254', family: 4 }];
  await assert.rejects(assertRouterHostAllowed('metadata.lan', { resolve: viaDns }), AppError);
  for (const host of ['192.168.88.1', '10.0.0.1', '172.16.0.1', '203.0.114.10', 'fd00::1'])
    await assertRouterHostAllowed(host);
  // A name that does not resolve (yet) is kept, as before: the connection says what is wrong.
  await assertRouterHostAllowed('rb1.lan', {
    resolve: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
  });
});

test('self-hosted: the worker refuses to connect (API or CoA) to such an address, and connects to the checked address', async () => {
  for (const host of refused)
    await assert.rejects(
      routerConnectAddress(host),
      (e: unknown) => e instanceof RouterError && e.kind === 'not_allowed',
      host,
    );
  // The error (stored as the router's last error, read by the tenant) does not say what the name resolved to.
  await assert.rejects(
    routerConnectAddress('rb1.lan', { resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
    (e: unknown) => e instanceof RouterError && !/127\.0\.0\.1/.test(e.message) && /loopback/.test(e.message),
  );
  assert.equal(await routerConnectAddress('192.168.88.1'), '192.168.88.1');
  assert.equal(
    await routerConnectAddress('rb1.lan', { resolve: async () => [{ address: '10.9.8.7', family: 4 }] }),
    '10.9.8.7',
  );
});
