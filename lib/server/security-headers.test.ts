import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonSecurityHeaders, pageCsp, tileOrigin } from './security-headers';

test('the page policy has a nonce, no inline scripts, frame-ancestors self and the tile server for images', () => {
  const csp = pageCsp('abc123', {
    appUrl: 'http://localhost:3000',
    tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  });
  assert.match(csp, /script-src 'self' 'nonce-abc123' 'strict-dynamic'(;|$)/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-(inline|eval)/);
  assert.match(csp, /frame-ancestors 'self'/);
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org(;|$)/);
  assert.match(pageCsp('n', { appUrl: '', tileUrl: '', dev: true }), /'unsafe-eval'/);
});

test('the tile origin is the tile URL host, with {s} subdomains as a wildcard', () => {
  assert.equal(
    tileOrigin('https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png'),
    'https://*.tile.openstreetmap.fr',
  );
  assert.equal(tileOrigin('http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png'), 'http://10.0.0.5:8080');
  assert.equal(tileOrigin('https://{tenant}.tiles.example/{z}.png'), 'https:');
  assert.equal(tileOrigin(''), null);
});

test('nosniff and a referrer policy always; HSTS only when APP_URL is https', () => {
  const http = commonSecurityHeaders({ appUrl: 'http://192.168.1.10:3000', tileUrl: '' });
  assert.equal(http['x-content-type-options'], 'nosniff');
  assert.equal(http['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.equal(http['strict-transport-security'], undefined);
  const https = commonSecurityHeaders({ appUrl: 'https://isp.netku.id', tileUrl: '' });
  assert.match(https['strict-transport-security']!, /^max-age=\d{7,}/);
});
