import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskEndpointUrl, unmaskEndpointUrl } from './masked-url';

test('query values, user-info and the fragment are masked; scheme, host, path and names stay', () => {
  assert.equal(maskEndpointUrl('https://hooks.example.com/jaring'), 'https://hooks.example.com/jaring');
  assert.equal(
    maskEndpointUrl('https://user:pass@hooks.example.com/hook?token=abc&x=1&flag'),
    'https://•••@hooks.example.com/hook?token=•••&x=•••&flag',
  );
  assert.equal(maskEndpointUrl('https://h.example.com/p?a=b?c=d#sig=z'), 'https://h.example.com/p?a=•••#•••');
  assert.equal(maskEndpointUrl('https://h.example.com/p?empty='), 'https://h.example.com/p?empty=');
  assert.equal(maskEndpointUrl('not a url?key=v'), 'not a url?key=•••');
});

const ok = (url: string) => ({ ok: true, url });

test('an edit form sends the masked address back: the stored values are taken again', () => {
  const stored = 'https://hooks.example.com/hook?token=abc&id=7#frag';
  assert.deepEqual(unmaskEndpointUrl(maskEndpointUrl(stored), stored), ok(stored));
  assert.deepEqual(
    unmaskEndpointUrl('https://hooks.example.com/v2?token=•••&extra=1', stored),
    ok('https://hooks.example.com/v2?token=abc&extra=1'),
  );
  assert.deepEqual(
    unmaskEndpointUrl('https://new.example.com/?token=xyz', stored),
    ok('https://new.example.com/?token=xyz'),
  );
  // A renamed parameter has no stored value to take: the admin types it.
  assert.deepEqual(unmaskEndpointUrl('https://hooks.example.com/hook?key=•••', stored), {
    ok: false,
    reason: 'no_stored_value',
  });
  assert.deepEqual(unmaskEndpointUrl('https://•••@hooks.example.com/hook', stored), {
    ok: false,
    reason: 'no_stored_value',
  });
});

test('a stored token is never sent to another host, scheme or port', () => {
  const stored = 'https://hooks.example.com/hook?token=abc';
  const otherHost = { ok: false, reason: 'other_host' };
  for (const typed of [
    'https://attacker.example/?token=•••',
    'https://hooks.example.com.attacker.example/hook?token=•••',
    'https://hooks.example.com:8443/hook?token=•••',
    'http://hooks.example.com/hook?token=•••',
    'https://attacker.example\\@hooks.example.com/hook?token=•••',
    'not a url?token=•••',
  ])
    assert.deepEqual(unmaskEndpointUrl(typed, stored), otherHost, typed);
  // The same place written differently is still the same place.
  assert.deepEqual(
    unmaskEndpointUrl('https://HOOKS.example.com:443/v2?token=•••', stored),
    ok('https://HOOKS.example.com:443/v2?token=abc'),
  );
});

test('path segments that look like a token are masked, and kept on •••', () => {
  const slack = 'https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/abcdefghijklmnopqrstuvwx';
  assert.equal(maskEndpointUrl(slack), 'https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/•••');
  const discord = 'https://discord.com/api/webhooks/112233445566778899/Zx9_k-Lm3Pq7Rs1Tu5Vw';
  assert.equal(maskEndpointUrl(discord), 'https://discord.com/api/webhooks/112233445566778899/•••');
  assert.equal(
    maskEndpointUrl('https://erp.example.com/hooks/4f1c9a7be2d84c3f9a21b5e6d7c8f90a/in?x=1'),
    'https://erp.example.com/hooks/•••/in?x=•••',
  );
  // Words, short ids and a trailing slash stay as they are.
  assert.equal(
    maskEndpointUrl('https://erp.example.com/IncomingWebhook/v2/order-12/'),
    'https://erp.example.com/IncomingWebhook/v2/order-12/',
  );

  assert.deepEqual(unmaskEndpointUrl(maskEndpointUrl(slack), slack), ok(slack));
  assert.deepEqual(
    unmaskEndpointUrl('https://discord.com/api/webhooks/112233445566778899/•••?wait=true', discord),
    ok(`${discord}?wait=true`),
  );
  // A ••• where the stored path has no token, or on another host, is the admin's to type.
  assert.deepEqual(unmaskEndpointUrl('https://hooks.slack.com/services/•••/B0EF45GH6/•••', slack), {
    ok: false,
    reason: 'no_stored_value',
  });
  assert.deepEqual(unmaskEndpointUrl('https://attacker.example/services/T0AB12CD3/B0EF45GH6/•••', slack), {
    ok: false,
    reason: 'other_host',
  });
});
