import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoWanted, parseEnv, signupWanted } from './env';

test('npm start seeds the demo for a first look, never in production', () => {
  assert.equal(demoWanted({}), true);
  assert.equal(demoWanted({ SEED_DEMO: 'true' }), true);
  assert.equal(demoWanted({ NODE_ENV: 'production' }), false);
  assert.equal(demoWanted({ NODE_ENV: 'production', SEED_DEMO: 'true' }), false);
});

test('SEED_DEMO false in any usual spelling turns it off; nonsense is refused', () => {
  for (const off of ['false', 'FALSE', '0', 'no', 'No', 'off', ' false '])
    assert.equal(demoWanted({ SEED_DEMO: off }), false, off);
  assert.throws(() => demoWanted({ SEED_DEMO: 'nope' }), /SEED_DEMO/);
});

test('sign-up is off by default in production on a self-hosted install, on for a first look and on a hosted platform', () => {
  assert.equal(signupWanted({}), true);
  assert.equal(signupWanted({ NODE_ENV: 'production' }), false);
  assert.equal(signupWanted({ NODE_ENV: 'production', PLATFORM_MODE: 'self-hosted' }), false);
  assert.equal(signupWanted({ NODE_ENV: 'production', PLATFORM_MODE: 'hosted' }), true);
  assert.equal(signupWanted({ NODE_ENV: 'production', ALLOW_SIGNUP: 'false', PLATFORM_MODE: 'hosted' }), false);
  // The app itself (plain `next start` runs with NODE_ENV=production) defaults the same way.
  const base = { DATABASE_URL: 'postgres://x', NEXTAUTH_SECRET: 'x'.repeat(16), APP_ENCRYPTION_KEY: 'k'.repeat(43) };
  assert.equal(parseEnv({ ...base, NODE_ENV: 'production' }).ALLOW_SIGNUP, false);
  assert.equal(parseEnv({ ...base, NODE_ENV: 'production', PLATFORM_MODE: 'hosted' }).ALLOW_SIGNUP, true);
  assert.equal(parseEnv({ ...base, NODE_ENV: 'production', ALLOW_SIGNUP: 'true' }).ALLOW_SIGNUP, true);
  assert.equal(parseEnv({ ...base }).ALLOW_SIGNUP, true);
});

test('sign-up in production on a self-hosted install is refused at start-up unless the operator says so explicitly', () => {
  assert.throws(() => signupWanted({ NODE_ENV: 'production', ALLOW_SIGNUP: 'true' }), /ALLOW_SIGNUP_SELF_HOSTED=true/);
  assert.throws(
    () => signupWanted({ NODE_ENV: 'production', ALLOW_SIGNUP: 'yes', PLATFORM_MODE: 'self-hosted' }),
    /aim the worker/,
  );
  assert.equal(signupWanted({ NODE_ENV: 'production', ALLOW_SIGNUP: 'true', ALLOW_SIGNUP_SELF_HOSTED: 'true' }), true);
  assert.equal(signupWanted({ ALLOW_SIGNUP: 'true' }), true);
  assert.throws(() => signupWanted({ ALLOW_SIGNUP: 'maybe' }), /ALLOW_SIGNUP/);
});

test('a hosted platform refuses settings that open its address checks for every tenant', () => {
  const base = {
    DATABASE_URL: 'postgres://x',
    NEXTAUTH_SECRET: 'x'.repeat(16),
    APP_ENCRYPTION_KEY: 'k'.repeat(43),
    PLATFORM_MODE: 'hosted',
  };
  assert.throws(
    () => parseEnv({ ...base, WHATSAPP_ALLOW_HTTP_GATEWAY: 'true' }),
    /WHATSAPP_ALLOW_HTTP_GATEWAY: must not be true with PLATFORM_MODE=hosted/,
  );
  assert.throws(
    () => parseEnv({ ...base, ROUTER_ALLOW_LOOPBACK: 'true' }),
    /ROUTER_ALLOW_LOOPBACK: must not be true with PLATFORM_MODE=hosted/,
  );
  assert.throws(
    () => parseEnv({ ...base, WEBHOOKS_ALLOW_PRIVATE: 'true' }),
    /WEBHOOKS_ALLOW_PRIVATE: must not be true with PLATFORM_MODE=hosted/,
  );
  assert.equal(parseEnv({ ...base, WHATSAPP_ALLOW_HTTP_GATEWAY: 'false' }).PLATFORM_MODE, 'hosted');
  const selfHosted = parseEnv({
    ...base,
    PLATFORM_MODE: 'self-hosted',
    WHATSAPP_ALLOW_HTTP_GATEWAY: 'true',
    ROUTER_ALLOW_LOOPBACK: 'true',
  });
  assert.equal(selfHosted.WHATSAPP_ALLOW_HTTP_GATEWAY && selfHosted.ROUTER_ALLOW_LOOPBACK, true);
});
