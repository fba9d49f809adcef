import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataModelOf, identityOf, PATHS, rxPowerDbm, summaryOf } from './paths';

/** A device as GenieACS's NBI returns it: parameters as {_value,_type,_timestamp,_writable}. */
function genie(params: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const doc: Record<string, unknown> = { _id: 'A1B2C3-F670L-ZTEGC0FFEE01', ...extra };
  for (const [path, value] of Object.entries(params)) {
    const parts = path.split('.');
    let node = doc;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= { _object: true }) as Record<string, unknown>;
    node[parts.at(-1)!] = {
      _value: value,
      _type: 'xsd:string',
      _timestamp: '2026-12-07T01:00:00.000Z',
      _writable: true,
    };
  }
  return doc;
}

test('a TR-098 ONT reads as its model, WAN, PPPoE, WiFi, RX power and clients', () => {
  const ppp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
  const doc = genie(
    {
      'InternetGatewayDevice.DeviceInfo.ModelName': 'F670L',
      'InternetGatewayDevice.DeviceInfo.SoftwareVersion': 'V9.0.10P1N12',
      'InternetGatewayDevice.DeviceInfo.UpTime': 93784,
      [`${ppp}.ConnectionStatus`]: 'Connected',
      [`${ppp}.ExternalIPAddress`]: '100.64.12.34',
      [`${ppp}.Username`]: 'budi@net',
      'InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower': '-21.35',
      'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID': 'Rumah Budi',
      'InternetGatewayDevice.LANDevice.1.Hosts.Host.1.HostName': 'android-budi',
      'InternetGatewayDevice.LANDevice.1.Hosts.Host.1.MACAddress': 'a4:50:46:12:34:56',
      'InternetGatewayDevice.LANDevice.1.Hosts.Host.1.IPAddress': '192.168.1.2',
    },
    {
      _deviceId: { _Manufacturer: 'ZTE', _OUI: 'A1B2C3', _ProductClass: 'F670L', _SerialNumber: 'ZTEGC0FFEE01' },
      _lastInform: '2026-12-07T01:02:03.000Z',
      _tags: ['jaring-x'],
    },
  );
  assert.equal(dataModelOf(doc), 'tr098');
  assert.deepEqual(summaryOf(doc), {
    uptimeSeconds: 93784,
    wanStatus: 'Connected',
    wanIp: '100.64.12.34',
    pppoeUsername: 'budi@net',
    rxPowerDbm: -21.35,
    ssid24: 'Rumah Budi',
    ssid5: null,
    clients: [{ host: 'android-budi', mac: 'a4:50:46:12:34:56', ip: '192.168.1.2' }],
  });
  const id = identityOf(doc);
  assert.equal(id.serial, 'ZTEGC0FFEE01');
  assert.equal(id.model, 'F670L');
  assert.equal(id.firmware, 'V9.0.10P1N12');
  assert.deepEqual(id.tags, ['jaring-x']);
  assert.equal(id.lastInformAt?.toISOString(), '2026-12-07T01:02:03.000Z');
});

test('a TR-181 device reads from Device.* and its optical level from thousandths of a dBm', () => {
  const doc = genie({
    'Device.DeviceInfo.ModelName': 'EG8145V5',
    'Device.PPP.Interface.1.Username': 'siti@net',
    'Device.Optical.Interface.1.OpticalSignalLevel': -19520,
    'Device.WiFi.SSID.1.SSID': 'Siti',
    'Device.WiFi.SSID.2.SSID': 'Siti-5G',
  });
  assert.equal(dataModelOf(doc), 'tr181');
  const s = summaryOf(doc);
  assert.equal(s.pppoeUsername, 'siti@net');
  assert.equal(s.rxPowerDbm, -19.52);
  assert.equal(s.ssid5, 'Siti-5G');
  assert.deepEqual(s.clients, []);
});

test('RX power: dBm as given, thousandths where firmware reports them, nothing for junk', () => {
  assert.equal(rxPowerDbm('-21.35', 'tr098'), -21.35);
  assert.equal(rxPowerDbm(-19500, 'tr098'), -19.5);
  assert.equal(rxPowerDbm(-27001, 'tr181'), -27);
  assert.equal(rxPowerDbm('', 'tr098'), null);
  assert.equal(rxPowerDbm('N/A', 'tr181'), null);
});

test('every path the card uses exists in both data models', () => {
  for (const [key, models] of Object.entries(PATHS)) {
    assert.ok(
      models.tr098.every((p) => p.startsWith('InternetGatewayDevice.')),
      key,
    );
    assert.ok(
      models.tr181.every((p) => p.startsWith('Device.')),
      key,
    );
  }
});

test('a device with neither tree has an empty summary', () => {
  assert.equal(dataModelOf({ _id: 'x' }), null);
  assert.deepEqual(summaryOf({ _id: 'x' }), {});
});
