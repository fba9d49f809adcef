import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  desiredSecret,
  diffSecret,
  fixCommands,
  planRateLimit,
  type SubscriptionOnRouter,
  secretWords,
} from './router-state';

const sub: SubscriptionOnRouter = {
  serviceUsername: 'budi01',
  password: 'rahasia1',
  status: 'active',
  serviceType: 'pppoe',
  planProfile: 'Paket 20 Mbps',
  remoteAddress: null,
  localAddress: null,
  callerId: null,
  customerNumber: 'C-000001',
  customerName: 'Budi Santoso',
};
const router = { isolirProfile: 'isolir' };

describe('what a router should hold for a subscription', () => {
  test('active uses the plan profile, isolated the isolir profile, suspended is disabled', () => {
    assert.equal(desiredSecret(sub, router)!.profile, 'Paket 20 Mbps');
    assert.equal(desiredSecret({ ...sub, status: 'isolated' }, router)!.profile, 'isolir');
    const suspended = desiredSecret({ ...sub, status: 'suspended' }, router)!;
    assert.equal(suspended.disabled, true);
    assert.equal(suspended.profile, 'Paket 20 Mbps');
  });

  test('pending, terminated and static-IP subscriptions have no entry', () => {
    assert.equal(desiredSecret({ ...sub, status: 'pending' }, router), null);
    assert.equal(desiredSecret({ ...sub, status: 'terminated' }, router), null);
    assert.equal(desiredSecret({ ...sub, serviceType: 'static' }, router), null);
  });

  test('rate-limit is upload/download from the router side, with burst after it', () => {
    assert.equal(planRateLimit({ downloadKbps: 20480, uploadKbps: 10240, burst: null }), '10M/20M');
    assert.equal(
      planRateLimit({ downloadKbps: 10000, uploadKbps: 10000, burst: '20M/20M 8M/8M 16/16' }),
      '10000k/10000k 20M/20M 8M/8M 16/16',
    );
  });
});

describe('difference with the router', () => {
  const d = desiredSecret({ ...sub, remoteAddress: '10.10.0.5', callerId: 'AA:BB:CC:DD:EE:01' }, router)!;
  const row = {
    '.id': '*1A',
    name: 'budi01',
    password: 'rahasia1',
    profile: 'Paket 20 Mbps',
    disabled: 'false',
    'remote-address': '10.10.0.5',
    'caller-id': 'AA:BB:CC:DD:EE:01',
  };

  test('an identical entry has no changes', () => {
    assert.deepEqual(diffSecret(d, row), []);
  });

  test('each differing field is reported; passwords never appear', () => {
    const changes = diffSecret(d, {
      ...row,
      password: 'lama',
      profile: 'default',
      disabled: 'true',
      'remote-address': '10.10.0.9',
      'caller-id': '',
    });
    assert.deepEqual(
      changes.map((c) => c.field),
      ['password', 'profile', 'disabled', 'remoteAddress', 'callerId'],
    );
    assert.deepEqual(changes[0], { field: 'password', from: '••••', to: '••••' });
    assert.ok(!JSON.stringify(changes).includes('rahasia1'));
    assert.ok(!JSON.stringify(changes).includes('lama'));
  });

  test('a row listed without a password (no sensitive policy) is not a password change', () => {
    const { password: _hidden, ...noPassword } = row;
    assert.deepEqual(diffSecret(d, noPassword), []);
  });

  test('a value set on the router but not in the database is cleared with unset', () => {
    const plain = desiredSecret(sub, router)!;
    const changes = diffSecret(plain, { ...row, 'caller-id': '', 'local-address': '10.0.0.1', 'remote-address': '' });
    assert.deepEqual(fixCommands(plain, changes, '*1A'), [
      ['/ppp/secret/unset', ['=numbers=*1A', '=value-name=local-address']],
    ]);
    // An empty caller-id (no MAC lock) is a plain value on a PPP secret.
    const unlocked = diffSecret(plain, { ...row, 'remote-address': '' });
    assert.deepEqual(fixCommands(plain, unlocked, '*1A'), [['/ppp/secret/set', ['=.id=*1A', '=caller-id=']]]);
    const both = diffSecret(plain, {
      ...row,
      profile: 'x',
      'local-address': '10.0.0.1',
      'remote-address': '',
      'caller-id': '',
    });
    assert.deepEqual(fixCommands(plain, both, '*1A')[0], ['/ppp/secret/set', ['=.id=*1A', '=profile=Paket 20 Mbps']]);
  });

  test('hotspot users compare address and mac-address; they have no local address', () => {
    const h = desiredSecret(
      { ...sub, serviceType: 'hotspot', callerId: 'AA:BB:CC:DD:EE:02', localAddress: '10.0.0.1' },
      router,
    )!;
    assert.equal(h.localAddress, null);
    const changes = diffSecret(h, {
      '.id': '*2',
      name: 'budi01',
      password: 'rahasia1',
      profile: 'Paket 20 Mbps',
      disabled: 'false',
      'mac-address': 'AA:BB:CC:DD:EE:03',
    });
    assert.deepEqual(changes, [{ field: 'callerId', from: 'AA:BB:CC:DD:EE:03', to: 'AA:BB:CC:DD:EE:02' }]);
    assert.deepEqual(secretWords(h, { withName: true }).slice(0, 2), ['=name=budi01', '=password=rahasia1']);
    assert.ok(!secretWords(h, { withName: true }).some((w) => w.startsWith('=service=')));
  });
});
