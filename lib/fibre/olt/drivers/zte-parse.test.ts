import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseZteAttenuation, parseZteCards, parseZteStates, parseZteUncfg } from './zte-parse';

test('uncfg: V1.2 (OnuIndex Sn State) and V2.1 (OltIndex Model SN PW) layouts', () => {
  const v12 = `OnuIndex                 Sn                  State
---------------------------------------------------------------------
gpon-onu_1/2/1:1         ZTEGC8A1B2C3        unknown
gpon-onu_1/2/5:2         HWTC1F14CAAD        unknown`;
  assert.deepEqual(parseZteUncfg(v12), [
    { frame: 1, slot: 2, port: 1, serial: 'ZTEGC8A1B2C3', model: null },
    { frame: 1, slot: 2, port: 5, serial: 'HWTC1F14CAAD', model: null },
  ]);
  const v21 = `OltIndex            Model                SN                PW
---------------------------------------------------------------------------
gpon-olt_1/1/3      F670L                ZTEGD0D5F1E4      N/A`;
  assert.deepEqual(parseZteUncfg(v21), [{ frame: 1, slot: 1, port: 3, serial: 'ZTEGD0D5F1E4', model: 'F670L' }]);
  assert.deepEqual(parseZteUncfg('No related information to show.'), []);
});

test('onu state: V1.2 (with O7 State) and V2.1 (with Channel) rows, phase states mapped', () => {
  const v12 = `OnuIndex           Admin State  OMCC State  O7 State   Phase State
------------------------------------------------------------------------
gpon-onu_1/1/1:1   enable       enable      operation  working
gpon-onu_1/1/1:2   enable       disable     initial    LOS
gpon-onu_1/1/1:3   enable       disable     initial    DyingGasp`;
  assert.deepEqual(
    [...parseZteStates(v12)],
    [
      [1, 'working'],
      [2, 'los'],
      [3, 'dying_gasp'],
    ],
  );
  const v21 = `OnuIndex   Admin State  OMCC State  Phase State  Channel
--------------------------------------------------------------
1/2/5:4     enable       disable     OffLine      1(GPON)
1/2/5:5     enable       enable      syncMib      1(GPON)
ONU Number: 2/2`;
  assert.deepEqual(
    [...parseZteStates(v21)],
    [
      [4, 'offline'],
      [5, 'unknown'],
    ],
  );
});

test('attenuation: ONU Rx from the down row, OLT Rx and ONU Tx from the up row; N/A is null', () => {
  const out = `           OLT                  ONU              Attenuation
--------------------------------------------------------------------------
 up      Rx :-28.539(dbm)      Tx:2.199(dbm)        30.738(dB)

 down    Tx :6.932(dbm)        Rx:-21.260(dbm)      28.192(dB)`;
  assert.deepEqual(parseZteAttenuation(out), { oltRxPowerDbm: -28.539, txPowerDbm: 2.199, rxPowerDbm: -21.26 });
  const down = ' up      Rx :N/A      Tx:N/A        N/A\n\n down    Tx :6.932(dbm)        Rx:N/A      N/A';
  assert.deepEqual(parseZteAttenuation(down), { oltRxPowerDbm: null, txPowerDbm: null, rxPowerDbm: null });
});

test('cards: SMXA is a C320, its SoftVer the firmware; GPON boards give their ports', () => {
  const out = `Rack Shelf Slot CfgType RealType Port  HardVer SoftVer         Status
-------------------------------------------------------------------------------
1    1     1    GTGO    GTGO     8     V1.0    V2.1.0          INSERVICE
1    1     3    SMXA    SMXA     3     V1.0    V2.1.0          INSERVICE
1    1     4    PRAM    PRAM     0     V1.0                    INSERVICE`;
  const info = parseZteCards(out);
  assert.equal(info.model, 'ZXA10 C320');
  assert.equal(info.firmware, 'V2.1.0');
  assert.equal(info.ponPorts.length, 8);
  assert.deepEqual(info.ponPorts[0], { frame: 1, slot: 1, port: 1 });
});
