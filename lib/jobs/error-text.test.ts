import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translate } from '@/lib/i18n/translate';
import { ROUTER_ERROR_KINDS } from '@/lib/network/constants';
import { RouterError } from '@/lib/network/routeros/errors';
import { describeJobError, storedJobError } from './error-text';
import { PermanentJobError } from './errors';

test('a device error is stored with its kind and shown as translated text, its own words as detail', () => {
  const stored = storedJobError(new RouterError('timeout', '/ppp/secret/set: no answer within 10 s'));
  assert.equal(stored, '[router.timeout] /ppp/secret/set: no answer within 10 s');
  const shown = describeJobError(stored);
  assert.equal(shown.key, 'routers.errors.timeout');
  assert.equal(shown.detail, '/ppp/secret/set: no answer within 10 s');
  assert.match(translate('id', shown.key!), /Router tidak menjawab/);
  // Wrapped as permanent (a trap), the kind survives.
  const trap = storedJobError(
    new PermanentJobError('no such item', { cause: new RouterError('trap', 'no such item') }),
  );
  assert.equal(describeJobError(trap).key, 'routers.errors.trap');
  for (const kind of ROUTER_ERROR_KINDS) {
    for (const locale of ['id', 'en'] as const)
      assert.notEqual(translate(locale, `routers.errors.${kind}`), `routers.errors.${kind}`);
  }
});

test('other errors are shown as they are; a bad payload gets its explanation', () => {
  assert.deepEqual(describeJobError('Router 10.0.0.1 tidak menjawab (timeout)'), {
    key: null,
    detail: 'Router 10.0.0.1 tidak menjawab (timeout)',
  });
  assert.equal(describeJobError('Invalid payload: count').key, 'jobs.errors.invalidPayload');
  assert.equal(storedJobError(new Error('boom')), 'boom');
});

test("a GenieACS failure is stored with its kind and explained in the reader's language", async () => {
  const { AcsError } = await import('@/lib/fibre/acs/errors');
  const stored = storedJobError(
    new PermanentJobError('GenieACS NBI: HTTP 401', { cause: new AcsError('unauthorized', 'GenieACS NBI: HTTP 401') }),
  );
  assert.equal(stored, '[acs.unauthorized] GenieACS NBI: HTTP 401');
  const shown = describeJobError(stored);
  assert.equal(shown.key, 'acs.errors.unauthorized');
  assert.match(translate('id', shown.key!), /GenieACS menolak username/);
  assert.equal(storedJobError(new AcsError('timeout', 'slow')), '[acs.timeout] slow');
});

test('a router configuration backup failure keeps its kind; every kind reads as words in both languages', async () => {
  const { ROUTER_CONFIG_ERROR_KINDS } = await import('@/db/enums');
  const { ConfigBackupError } = await import('@/lib/network/config-backups/errors');
  const refused = new ConfigBackupError('refused', 'connect ECONNREFUSED 10.0.0.1:22');
  assert.equal(storedJobError(refused), '[routerConfig.refused] connect ECONNREFUSED 10.0.0.1:22');
  const auth = storedJobError(
    new PermanentJobError('auth: denied', {
      cause: new ConfigBackupError('auth', 'All configured authentication methods failed'),
    }),
  );
  assert.deepEqual(describeJobError(auth), {
    key: 'routerConfig.errors.auth',
    detail: 'All configured authentication methods failed',
  });
  for (const kind of ROUTER_CONFIG_ERROR_KINDS)
    for (const locale of ['id', 'en'] as const)
      assert.notEqual(translate(locale, `routerConfig.errors.${kind}`), `routerConfig.errors.${kind}`);
});
