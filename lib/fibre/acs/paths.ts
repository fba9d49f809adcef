import type { AcsDataModel } from '@/db/enums';
import type { AcsDeviceSummary } from '@/db/schema';

/**
 * Where each thing the modem card shows or changes lives, in both data models: TR-098
 * (`InternetGatewayDevice.*`, most ZTE/Huawei/FiberHome ONTs sold in Indonesia) and TR-181
 * (`Device.*`, newer firmware). The first instance is the one an ONT uses for the customer's
 * PPPoE WAN and its main WLANs; TR-098 ONTs number the 5 GHz WLAN 5 (instances 1–4 are the
 * 2.4 GHz SSIDs). The optical RX power has no standard TR-098 path: the vendors' own are tried
 * in order.
 */
const IGD_PPP = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
const IGD_WLAN = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration';

export const PATHS = {
  manufacturer: { tr098: ['InternetGatewayDevice.DeviceInfo.Manufacturer'], tr181: ['Device.DeviceInfo.Manufacturer'] },
  model: { tr098: ['InternetGatewayDevice.DeviceInfo.ModelName'], tr181: ['Device.DeviceInfo.ModelName'] },
  firmware: {
    tr098: ['InternetGatewayDevice.DeviceInfo.SoftwareVersion'],
    tr181: ['Device.DeviceInfo.SoftwareVersion'],
  },
  uptime: { tr098: ['InternetGatewayDevice.DeviceInfo.UpTime'], tr181: ['Device.DeviceInfo.UpTime'] },
  wanStatus: { tr098: [`${IGD_PPP}.ConnectionStatus`], tr181: ['Device.PPP.Interface.1.ConnectionStatus'] },
  wanIp: { tr098: [`${IGD_PPP}.ExternalIPAddress`], tr181: ['Device.PPP.Interface.1.IPCP.LocalIPAddress'] },
  pppoeUsername: { tr098: [`${IGD_PPP}.Username`], tr181: ['Device.PPP.Interface.1.Username'] },
  pppoePassword: { tr098: [`${IGD_PPP}.Password`], tr181: ['Device.PPP.Interface.1.Password'] },
  rxPower: {
    tr098: [
      'InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower',
      'InternetGatewayDevice.WANDevice.1.X_GponInterafceConfig.RXPower',
      'InternetGatewayDevice.WANDevice.1.X_FH_GponInterfaceConfig.RXPower',
    ],
    // TR-181 Optical: thousandths of a dBm.
    tr181: ['Device.Optical.Interface.1.OpticalSignalLevel'],
  },
  ssid24: { tr098: [`${IGD_WLAN}.1.SSID`], tr181: ['Device.WiFi.SSID.1.SSID'] },
  ssid5: { tr098: [`${IGD_WLAN}.5.SSID`], tr181: ['Device.WiFi.SSID.2.SSID'] },
  key24: {
    tr098: [`${IGD_WLAN}.1.PreSharedKey.1.KeyPassphrase`],
    tr181: ['Device.WiFi.AccessPoint.1.Security.KeyPassphrase'],
  },
  key5: {
    tr098: [`${IGD_WLAN}.5.PreSharedKey.1.KeyPassphrase`],
    tr181: ['Device.WiFi.AccessPoint.2.Security.KeyPassphrase'],
  },
} as const satisfies Record<string, Record<AcsDataModel, readonly string[]>>;

export type PathKey = keyof typeof PATHS;

/** The table of connected clients (instances of Host). */
export const HOSTS = { tr098: 'InternetGatewayDevice.LANDevice.1.Hosts.Host', tr181: 'Device.Hosts.Host' } as const;

/** What the summary reads (the refresh task and the NBI projection). */
export const SUMMARY_KEYS = [
  'manufacturer',
  'model',
  'firmware',
  'uptime',
  'wanStatus',
  'wanIp',
  'pppoeUsername',
  'rxPower',
  'ssid24',
  'ssid5',
] as const satisfies readonly PathKey[];

export function pathsFor(model: AcsDataModel, keys: readonly PathKey[]): string[] {
  return keys.flatMap((k) => PATHS[k][model]);
}

/** Every path a summary projection asks for, both data models (the NBI skips what is absent). */
export function summaryProjection(): string[] {
  return [
    '_id',
    '_deviceId',
    '_lastInform',
    '_tags',
    ...(['tr098', 'tr181'] as const).flatMap((m) => [...pathsFor(m, SUMMARY_KEYS), HOSTS[m]]),
  ];
}

type Node = Record<string, unknown>;

export function dataModelOf(device: Node): AcsDataModel | null {
  if (device.InternetGatewayDevice && typeof device.InternetGatewayDevice === 'object') return 'tr098';
  if (device.Device && typeof device.Device === 'object') return 'tr181';
  return null;
}

function nodeAt(device: Node, path: string): unknown {
  let node: unknown = device;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Node)[part];
  }
  return node;
}

/** A parameter's `_value` in GenieACS's device JSON, or undefined when the device has no such parameter. */
export function valueAt(device: Node, path: string): unknown {
  const node = nodeAt(device, path);
  return node && typeof node === 'object' && '_value' in node ? (node as Node)._value : undefined;
}

/** Whether the device has the parameter (a single-band modem has no 5 GHz SSID). */
export function hasParameter(device: Node, path: string): boolean {
  return valueAt(device, path) !== undefined;
}

function first(device: Node, paths: readonly string[]): unknown {
  for (const p of paths) {
    const v = valueAt(device, p);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v).slice(0, 200));
const number = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

/**
 * RX power as dBm. TR-181's OpticalSignalLevel is in thousandths of a dBm; the vendors'
 * TR-098 values are dBm already, except firmware that reports thousandths too (-19500).
 */
export function rxPowerDbm(raw: unknown, model: AcsDataModel): number | null {
  const n = number(raw);
  if (n === null) return null;
  const dbm = model === 'tr181' || Math.abs(n) > 100 ? n / 1000 : n;
  return Math.round(dbm * 100) / 100;
}

export type DeviceIdentity = {
  deviceId: string;
  serial: string;
  oui: string | null;
  productClass: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  dataModel: AcsDataModel | null;
  lastInformAt: Date | null;
  tags: string[];
};

/** Who the device is, from GenieACS's `_id`, `_deviceId`, `_lastInform`, `_tags` and DeviceInfo. */
export function identityOf(device: Node): DeviceIdentity {
  const id = (device._deviceId ?? {}) as Node;
  const model = dataModelOf(device);
  const lastInform = typeof device._lastInform === 'string' ? new Date(device._lastInform) : null;
  return {
    deviceId: String(device._id),
    serial: String(id._SerialNumber ?? ''),
    oui: text(id._OUI),
    productClass: text(id._ProductClass),
    manufacturer: text(id._Manufacturer) ?? (model ? text(first(device, PATHS.manufacturer[model])) : null),
    model: model ? text(first(device, PATHS.model[model])) : null,
    firmware: model ? text(first(device, PATHS.firmware[model])) : null,
    dataModel: model,
    lastInformAt: lastInform && !Number.isNaN(lastInform.getTime()) ? lastInform : null,
    tags: Array.isArray(device._tags) ? device._tags.map(String) : [],
  };
}

/** The modem card's summary from a device document (the projection of summaryProjection). */
export function summaryOf(device: Node): AcsDeviceSummary {
  const model = dataModelOf(device);
  if (!model) return {};
  const read = (k: PathKey) => first(device, PATHS[k][model]);
  const hosts = nodeAt(device, HOSTS[model]);
  const clients =
    hosts && typeof hosts === 'object'
      ? Object.entries(hosts as Node)
          .filter(([k, v]) => /^\d+$/.test(k) && v && typeof v === 'object')
          .map(([, v]) => ({
            host: text(valueAt(v as Node, 'HostName')),
            mac: text(valueAt(v as Node, 'MACAddress')),
            ip: text(valueAt(v as Node, 'IPAddress')),
          }))
          .slice(0, 100)
      : [];
  return {
    uptimeSeconds: number(read('uptime')),
    wanStatus: text(read('wanStatus')),
    wanIp: text(read('wanIp')),
    pppoeUsername: text(read('pppoeUsername')),
    rxPowerDbm: rxPowerDbm(read('rxPower'), model),
    ssid24: text(read('ssid24')),
    ssid5: text(read('ssid5')),
    clients,
  };
}
