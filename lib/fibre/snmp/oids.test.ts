import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeHuaweiIfIndex,
  decodeRowIndex,
  decodeZtePonIndex,
  huaweiIfIndex,
  huaweiRxDbm,
  huaweiState,
  rawRx,
  ztePonIndex,
  zteRxDbm,
  zteState,
} from './oids';

test('ZTE C320 PON index: one-based slot and port packed under 0x10000000 (gpon-olt_1/1/1 is 268501248)', () => {
  assert.equal(ztePonIndex({ slot: 1, port: 1 }), 268501248);
  assert.equal(ztePonIndex({ slot: 1, port: 3 }), 268501760);
  assert.deepEqual(decodeZtePonIndex(268501760), { frame: 1, slot: 1, port: 3 });
  assert.deepEqual(decodeZtePonIndex(ztePonIndex({ slot: 2, port: 16 })), { frame: 1, slot: 2, port: 16 });
  // An ifIndex with an ONU byte, or a plain small ifIndex, is not a PON port row.
  assert.equal(decodeZtePonIndex(0x10010305), null);
  assert.equal(decodeZtePonIndex(42), null);
});

test('Huawei MA5608T ifIndex: 0xFA000000 + frame << 19 + slot << 13 + port << 8 (0/1/0 is 4194312192)', () => {
  assert.equal(huaweiIfIndex({ frame: 0, slot: 1, port: 0 }), 4194312192);
  assert.deepEqual(decodeHuaweiIfIndex(4194312192), { frame: 0, slot: 1, port: 0 });
  assert.deepEqual(decodeHuaweiIfIndex(huaweiIfIndex({ frame: 0, slot: 2, port: 15 })), {
    frame: 0,
    slot: 2,
    port: 15,
  });
  assert.equal(decodeHuaweiIfIndex(268501248), null);
});

test('a row index becomes the ONU address (ZTE RX rows carry a trailing .1)', () => {
  assert.deepEqual(decodeRowIndex('zte', [268501248, 5, 1]), { frame: 1, slot: 1, port: 1, onuIndex: 5 });
  assert.deepEqual(decodeRowIndex('huawei', [4194312192, 0]), { frame: 0, slot: 1, port: 0, onuIndex: 0 });
  assert.equal(decodeRowIndex('huawei', [4194312192]), null);
});

test('RX power: ZTE raw × 0.002 − 30, Huawei in 0.01 dBm; the "no reading" values are null', () => {
  assert.equal(zteRxDbm(5000), -20);
  assert.equal(zteRxDbm(1450), -27.1);
  assert.equal(zteRxDbm(65535), null);
  assert.equal(zteRxDbm(2147483647), null);
  assert.equal(huaweiRxDbm(-2456), -24.56);
  assert.equal(huaweiRxDbm(2147483647), null);
  for (const dbm of [-8.5, -19.99, -25, -27.1]) {
    assert.equal(zteRxDbm(rawRx('zte', dbm)), dbm);
    assert.equal(huaweiRxDbm(rawRx('huawei', dbm)), dbm);
  }
  // ZTE's scale starts at −30 dBm; Huawei's goes below.
  assert.equal(zteRxDbm(rawRx('zte', -31.2)), -30);
  assert.equal(huaweiRxDbm(rawRx('huawei', -31.2)), -31.2);
});

test('states: ZTE phase state is 0-based (3 working, 1 LOS, 4 dying gasp); Huawei down says why by its last down cause', () => {
  assert.equal(zteState(3), 'working');
  assert.equal(zteState(2), 'working');
  assert.equal(zteState(1), 'los');
  assert.equal(zteState(4), 'dying_gasp');
  assert.equal(zteState(6), 'offline');
  assert.equal(zteState(99), 'unknown');
  assert.equal(huaweiState(1, -1), 'working');
  // LOS is 1 (a cut fibre, the common cause), LOSi 2: both no light.
  assert.equal(huaweiState(2, 1), 'los');
  assert.equal(huaweiState(2, 2), 'los');
  assert.equal(huaweiState(2, 13), 'dying_gasp');
  assert.equal(huaweiState(2, 8), 'offline');
  assert.equal(huaweiState(undefined, undefined), 'unknown');
});
