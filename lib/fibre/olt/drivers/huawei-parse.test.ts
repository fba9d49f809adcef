import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  huaweiSerialHex,
  normalizeHuaweiSerial,
  parseHuaweiAutofind,
  parseHuaweiBoards,
  parseHuaweiOntState,
  parseHuaweiOptics,
  parseHuaweiServicePorts,
  parseHuaweiVersion,
} from './huawei-parse';

test('serials: hex and vendor forms meet', () => {
  assert.equal(normalizeHuaweiSerial('48575443A1B2C3D4 (HWTC-A1B2C3D4)'), 'HWTCA1B2C3D4');
  assert.equal(normalizeHuaweiSerial('48575443A1B2C3D4'), 'HWTCA1B2C3D4');
  assert.equal(huaweiSerialHex('HWTCA1B2C3D4'), '48575443A1B2C3D4');
});

const AUTOFIND_R018 = `   ----------------------------------------------------------------------------
   Number              : 1
   F/S/P               : 0/1/0
   Ont SN              : 48575443A1B2C3D4 (HWTC-A1B2C3D4)
   Password            : 0x00000000000000000000
   VendorID            : HWTC
   Ont Version         : 159D.A
   Ont SoftwareVersion : V5R019C10S125
   Ont EquipmentID     : HG8245H5
   Ont autofind time   : 2026-12-07 08:00:00+07:00
   ----------------------------------------------------------------------------
   Number              : 2
   F/S/P               : 0/1/7
   Ont SN              : 5A544547C0FFEE01 (ZTEG-C0FFEE01)
   VendorID            : ZTEG
   Ont EquipmentID     : F670L
   ----------------------------------------------------------------------------
   The number of GPON autofind ONT is 2`;

test('autofind: with EquipmentID (R018) and without it, bare hex SN (R013)', () => {
  assert.deepEqual(parseHuaweiAutofind(AUTOFIND_R018), [
    { frame: 0, slot: 1, port: 0, serial: 'HWTCA1B2C3D4', model: 'HG8245H5' },
    { frame: 0, slot: 1, port: 7, serial: 'ZTEGC0FFEE01', model: 'F670L' },
  ]);
  const r013 = AUTOFIND_R018.replace(/ \(HWTC-A1B2C3D4\)/, '').replace(/^.*EquipmentID.*\n/gm, '');
  assert.deepEqual(parseHuaweiAutofind(r013)[0], { frame: 0, slot: 1, port: 0, serial: 'HWTCA1B2C3D4', model: null });
});

test('optical-info: "Rx optical power(dBm)" and "Rx optical power (dBm)" both read', () => {
  const r013 = `  Rx optical power(dBm)                  : -21.41
  Rx power current alarm threshold(dBm)  : [-29.0,-7.0]
  Tx optical power(dBm)                  : 2.22
  OLT Rx ONT optical power(dBm)          : -23.56, out of range[-35.00, -15.00]`;
  assert.deepEqual(parseHuaweiOptics(r013), { rxPowerDbm: -21.41, txPowerDbm: 2.22, oltRxPowerDbm: -23.56 });
  const r018 = r013
    .replace('Rx optical power(dBm) ', 'Rx optical power (dBm)')
    .replace('Tx optical power(dBm) ', 'Tx optical power (dBm)');
  assert.deepEqual(parseHuaweiOptics(r018), { rxPowerDbm: -21.41, txPowerDbm: 2.22, oltRxPowerDbm: -23.56 });
});

test('ont info: online is working; offline by its last down cause', () => {
  const info = (run: string, cause: string) =>
    `  Run state               : ${run}\n  Last down cause         : ${cause}`;
  assert.equal(parseHuaweiOntState(info('online', '-')), 'working');
  assert.equal(parseHuaweiOntState(info('offline', 'LOSi/LOBi')), 'los');
  assert.equal(parseHuaweiOntState(info('offline', 'dying-gasp')), 'dying_gasp');
  assert.equal(parseHuaweiOntState(info('offline', 'ONT is deactivated')), 'offline');
});

test('version, boards, service ports', () => {
  assert.deepEqual(parseHuaweiVersion('  VERSION : MA5600V800R018C10\n  PRODUCT : MA5608T'), {
    model: 'MA5608T',
    firmware: 'MA5600V800R018C10',
  });
  const boards = parseHuaweiBoards(`  SlotID  BoardName  Status          SubType0
  0       H901MPLA   Active_normal
  1       H901GPHF   Normal
  2       H806GPBD   Normal`);
  assert.equal(boards.filter((b) => b.slot === 1).length, 16);
  assert.equal(boards.filter((b) => b.slot === 2).length, 8);
  assert.deepEqual(
    parseHuaweiServicePorts(`   INDEX VLAN VLAN     PORT F/ S/ P VPI  VCI   FLOW  FLOW       RX   TX   STATE
      12  100 common   gpon 0/1 /0  3    1     vlan  100        35   35   up
     130  200 common   gpon 0/1 /0  3    2     vlan  200        35   35   up`),
    [12, 130],
  );
});
