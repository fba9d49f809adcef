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

test('an edit form sends the masked address back: the stored values are taken again', () => {
  const stored = 'https://hooks.example.com/hook?token=abc&id=7#frag';
  assert.equal(unmaskEndpointUrl(maskEndpointUrl(stored), stored), stored);
  assert.equal(
    unmaskEndpointUrl('https://hooks.example.com/v2?token=•••&extra=1', stored),
    'https://hooks.example.com/v2?token=abc&extra=1',
  );
  assert.equal(unmaskEndpointUrl('https://new.example.com/?token=xyz', stored), 'https://new.example.com/?token=xyz');
  // A renamed parameter has no stored value to take: the admin types it.
  assert.equal(unmaskEndpointUrl('https://hooks.example.com/hook?key=•••', stored), null);
  assert.equal(unmaskEndpointUrl('https://•••@hooks.example.com/hook', stored), null);
});
