import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A GenieACS NBI (northbound interface, port 7557) on loopback, written from GenieACS's
 * lib/nbi.ts and its API reference: `GET /<collection>/?query=<json>&projection=a,b`
 * (JSON array, `total` header), `POST /devices/<id>/tasks[?connection_request&timeout=ms]`
 * answering 200 (the device ran the task in the session the connection request opened),
 * 202 "Task queued but not processed" (the device is offline: the task waits for its next
 * inform) or 202 "Task faulted" (the task is kept, with a fault `<device>:task_<id>`),
 * 404 "No such device"; `DELETE /tasks/<id>` (drops its fault too), `DELETE /faults/<id>`
 * (drops its task), `POST|DELETE /devices/<id>/tags/<tag>`. Devices are kept in GenieACS's
 * JSON form: every parameter `{_value, _type, _timestamp, _writable}`, every object
 * `{_object: true, _writable, _timestamp, …children}`. GenieACS answers its NBI without
 * authentication; installs put it behind a proxy with basic auth, which this one checks.
 *
 * A test adds devices with `addDevice`, takes one offline with `setOnline(id, false)` and
 * makes it inform with `inform(id)`: its pending tasks then run in order, as in a CWMP session.
 */

export type StandInParams = Record<string, string | number | boolean>;
export type StandInDevice = {
  oui: string;
  productClass: string;
  serial: string;
  manufacturer?: string;
  /** Full parameter paths and their values (`InternetGatewayDevice.DeviceInfo.SoftwareVersion`). */
  params: StandInParams;
  /** Parameters that a setParameterValues may change (default: every parameter). */
  readOnly?: string[];
  online?: boolean;
  tags?: string[];
};

type Node = Record<string, unknown>;
type Task = { _id: string; device: string; name: string; timestamp: string } & Record<string, unknown>;
type Fault = {
  _id: string;
  device: string;
  channel: string;
  code: string;
  message: string;
  detail: unknown;
  timestamp: string;
  retries: number;
};

export type GenieAcsNbi = {
  url: string;
  port: number;
  username: string;
  password: string;
  addDevice(d: StandInDevice): string;
  removeDevice(id: string): void;
  setOnline(id: string, online: boolean): void;
  /** The device informs: its queued tasks run. Returns how many ran (done or faulted). */
  inform(id: string): number;
  /** A parameter's current value on the device. */
  value(id: string, path: string): unknown;
  device(id: string): Node | undefined;
  tasks(): Task[];
  faults(): Fault[];
  /** Every request as `METHOD /path?query` (what a test checks was asked). */
  requests: string[];
  /** Answer every request after this delay (timeouts). */
  delayMs: number;
  close(): Promise<void>;
};

export function deviceIdOf(d: Pick<StandInDevice, 'oui' | 'productClass' | 'serial'>) {
  // GenieACS escapes the parts with encodeURIComponent and `-` as %2D.
  const esc = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D');
  return `${esc(d.oui)}-${esc(d.productClass)}-${esc(d.serial)}`;
}

export async function startGenieAcsNbi(opts: { username?: string; password?: string } = {}): Promise<GenieAcsNbi> {
  const username = opts.username ?? 'nbi';
  const password = opts.password ?? 'nbi-rahasia';
  const devices = new Map<string, { doc: Node; readOnly: Set<string>; online: boolean }>();
  const tasks: Task[] = [];
  const faults = new Map<string, Fault>();
  const requests: string[] = [];
  const now = () => new Date().toISOString();

  const setPath = (doc: Node, path: string, value: unknown, writable: boolean) => {
    const parts = path.split('.');
    let node = doc;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= { _object: true, _writable: false, _timestamp: now() };
      node = node[part] as Node;
    }
    node[parts.at(-1)!] = { _value: value, _type: xsdType(value), _timestamp: now(), _writable: writable };
  };
  const getNode = (doc: Node, path: string): Node | undefined => {
    let node: unknown = doc;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Node)[part];
    }
    return node as Node | undefined;
  };

  /** Runs a task on the device as a CWMP session would; returns a fault or null. */
  const apply = (
    id: string,
    task: Task,
  ): Omit<Fault, '_id' | 'device' | 'channel' | 'timestamp' | 'retries'> | null => {
    const d = devices.get(id)!;
    const missing = (p: string) => ({
      code: 'cwmp.9005',
      message: 'Invalid parameter name',
      detail: { faultCode: '9005', faultString: `Invalid parameter name: ${p}` },
    });
    switch (task.name) {
      case 'getParameterValues': {
        for (const p of task.parameterNames as string[]) {
          const node = getNode(d.doc, p);
          if (!node || !('_value' in node)) return missing(p);
          node._timestamp = now();
        }
        return null;
      }
      case 'setParameterValues': {
        const values = task.parameterValues as [string, unknown, string?][];
        for (const [p] of values) {
          const node = getNode(d.doc, p);
          if (!node || !('_value' in node)) return missing(p);
          if (d.readOnly.has(p))
            return {
              code: 'cwmp.9008',
              message: 'Attempt to set a non-writable parameter',
              detail: { faultCode: '9008', faultString: `Attempt to set a non-writable parameter: ${p}` },
            };
        }
        for (const [p, v] of values) setPath(d.doc, p, v, true);
        return null;
      }
      case 'refreshObject': {
        const node = getNode(d.doc, task.objectName as string);
        if (!node) return missing(task.objectName as string);
        return null;
      }
      case 'reboot':
        d.doc._lastBoot = now();
        return null;
      case 'factoryReset':
        d.doc._lastFactoryReset = now();
        return null;
      default:
        return { code: 'invalid_task', message: `Unknown task ${task.name}`, detail: null };
    }
  };

  /** The device's session: its tasks in order; a fault stops the session and keeps the task. */
  const runQueued = (id: string) => {
    let ran = 0;
    for (const task of tasks.filter((t) => t.device === id)) {
      const faultId = `${id}:task_${task._id}`;
      if (faults.has(faultId)) continue;
      const fault = apply(id, task);
      ran++;
      if (fault) {
        faults.set(faultId, {
          _id: faultId,
          device: id,
          channel: `task_${task._id}`,
          ...fault,
          timestamp: now(),
          retries: 0,
        });
        break;
      }
      tasks.splice(tasks.indexOf(task), 1);
    }
    const d = devices.get(id);
    if (d) d.doc._lastInform = now();
    return ran;
  };

  const authorized = (req: http.IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const [scheme, encoded] = header.split(' ');
    if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
    return Buffer.from(encoded, 'base64').toString('utf8') === `${username}:${password}`;
  };

  const state = { delayMs: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const respond = () => {
        requests.push(`${req.method} ${req.url}`);
        if (!authorized(req)) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="GenieACS NBI"' });
          res.end('Unauthorized');
          return;
        }
        route(req, res, Buffer.concat(chunks).toString('utf8'));
      };
      if (state.delayMs > 0) setTimeout(respond, state.delayMs);
      else respond();
    });
  });

  const json = (res: http.ServerResponse, status: number, body: unknown, reason?: string) => {
    const text = JSON.stringify(body);
    if (reason) res.writeHead(status, reason, { 'content-type': 'application/json' });
    else res.writeHead(status, { 'content-type': 'application/json' });
    res.end(text);
  };

  function route(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', 'http://nbi');
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/devices\/([a-zA-Z0-9\-_%]+)\/tasks\/?$/.exec(path))) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end('405 Method Not Allowed');
      const id = decodeURIComponent(m[1]!);
      let task: Task;
      try {
        task = JSON.parse(body);
      } catch (error) {
        res.writeHead(400).end(`SyntaxError: ${(error as Error).message}`);
        return;
      }
      const d = devices.get(id);
      if (!d) return void res.writeHead(404).end('No such device');
      task = { ...task, _id: randomBytes(12).toString('hex'), device: id, timestamp: now() };
      tasks.push(task);
      if (!url.searchParams.has('connection_request')) return json(res, 202, task);
      if (!d.online) return json(res, 202, task, 'Task queued but not processed');
      runQueued(id);
      const faulted = faults.has(`${id}:task_${task._id}`);
      if (faulted) return json(res, 202, task, 'Task faulted');
      if (tasks.some((t) => t._id === task._id)) return json(res, 202, task, 'Task queued but not processed');
      return json(res, 200, task);
    }
    if ((m = /^\/tasks\/([a-zA-Z0-9\-_%]+)\/?$/.exec(path))) {
      if (req.method !== 'DELETE')
        return void res.writeHead(405, { allow: 'PUT DELETE' }).end('405 Method Not Allowed');
      const i = tasks.findIndex((t) => t._id === decodeURIComponent(m![1]!));
      if (i < 0) return void res.writeHead(404).end('Task not found');
      const [task] = tasks.splice(i, 1);
      faults.delete(`${task!.device}:task_${task!._id}`);
      return void res.writeHead(200).end();
    }
    if ((m = /^\/devices\/([a-zA-Z0-9\-_%]+)\/tags\/([a-zA-Z0-9\-_%]+)\/?$/.exec(path))) {
      const d = devices.get(decodeURIComponent(m[1]!));
      const tag = decodeURIComponent(m[2]!);
      if (req.method !== 'POST' && req.method !== 'DELETE')
        return void res.writeHead(405, { allow: 'POST, DELETE' }).end('405 Method Not Allowed');
      // GenieACS updates with updateOne: an unknown device is not an error.
      if (d) {
        const tags = new Set((d.doc._tags as string[] | undefined) ?? []);
        if (req.method === 'POST') tags.add(tag);
        else tags.delete(tag);
        if (tags.size > 0) d.doc._tags = [...tags];
        else delete d.doc._tags;
      }
      return void res.writeHead(200).end();
    }
    if ((m = /^\/faults\/([a-zA-Z0-9\-_%:]+)\/?$/.exec(path))) {
      if (req.method !== 'DELETE') return void res.writeHead(405, { allow: 'DELETE' }).end('405 Method Not Allowed');
      const fault = faults.get(decodeURIComponent(m[1]!));
      if (fault) {
        faults.delete(fault._id);
        if (fault.channel.startsWith('task_')) {
          const i = tasks.findIndex((t) => t._id === fault.channel.slice(5));
          if (i >= 0) tasks.splice(i, 1);
        }
      }
      return void res.writeHead(200).end();
    }
    if ((m = /^\/([a-zA-Z0-9_]+)\/?$/.exec(path))) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return void res.writeHead(405, { allow: 'GET, HEAD' }).end('405 Method Not Allowed');
      const collection = m[1];
      let query: Node = {};
      const q = url.searchParams.get('query');
      if (q) {
        try {
          query = JSON.parse(q);
        } catch (error) {
          res.writeHead(400).end(`SyntaxError: ${(error as Error).message}`);
          return;
        }
      }
      const all: Node[] =
        collection === 'devices'
          ? [...devices.values()].map((d) => d.doc)
          : collection === 'tasks'
            ? tasks
            : collection === 'faults'
              ? [...faults.values()]
              : [];
      if (!['devices', 'tasks', 'faults'].includes(collection!)) return void res.writeHead(404).end('404 Not Found');
      let found = all.filter((doc) => matches(doc, query, collection === 'devices'));
      const total = found.length;
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 0);
      found = found.slice(skip, limit > 0 ? skip + limit : undefined);
      const projection = url.searchParams.get('projection');
      const out = projection
        ? found.map((doc) =>
            project(
              doc,
              projection.split(',').map((p) => p.trim()),
            ),
          )
        : found;
      res.writeHead(200, { 'content-type': 'application/json', total: String(total) });
      if (req.method === 'HEAD') return void res.end();
      res.end(`[\n${out.map((o) => JSON.stringify(o)).join(',\n')}\n]`);
      return;
    }
    res.writeHead(404).end('404 Not Found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    username,
    password,
    requests,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    addDevice(spec) {
      const id = deviceIdOf(spec);
      const doc: Node = {
        _id: id,
        _deviceId: {
          _Manufacturer: spec.manufacturer ?? 'ZTE',
          _OUI: spec.oui,
          _ProductClass: spec.productClass,
          _SerialNumber: spec.serial,
        },
        _registered: now(),
        _lastInform: now(),
      };
      if (spec.tags?.length) doc._tags = [...spec.tags];
      for (const [p, v] of Object.entries(spec.params)) setPath(doc, p, v, !spec.readOnly?.includes(p));
      devices.set(id, { doc, readOnly: new Set(spec.readOnly ?? []), online: spec.online ?? true });
      return id;
    },
    removeDevice(id) {
      devices.delete(id);
    },
    setOnline(id, online) {
      devices.get(id)!.online = online;
    },
    inform(id) {
      return runQueued(id);
    },
    value(id, path) {
      const d = devices.get(id);
      return d ? getNode(d.doc, path)?._value : undefined;
    },
    device: (id) => devices.get(id)?.doc,
    tasks: () => [...tasks],
    faults: () => [...faults.values()],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function xsdType(v: unknown) {
  return typeof v === 'boolean' ? 'xsd:boolean' : typeof v === 'number' ? 'xsd:int' : 'xsd:string';
}

/**
 * GenieACS's query language is MongoDB's; on devices a parameter path compares its `_value`
 * (lib/query.ts `expand`). Supported here: equality, $in, $ne, $exists, $or, $and; `_tags`
 * (an array) matches when it holds the value.
 */
function matches(doc: Node, query: Node, device: boolean): boolean {
  return Object.entries(query).every(([key, cond]) => {
    if (key === '$or') return (cond as Node[]).some((q) => matches(doc, q, device));
    if (key === '$and') return (cond as Node[]).every((q) => matches(doc, q, device));
    let value: unknown = doc;
    for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Node)[part] : undefined;
    if (device && !key.split('.').at(-1)!.startsWith('_') && value && typeof value === 'object' && '_value' in value)
      value = (value as Node)._value;
    const eq = (want: unknown) => (Array.isArray(value) ? value.includes(want) : value === want);
    if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
      return Object.entries(cond as Node).every(([op, arg]) => {
        if (op === '$in') return (arg as unknown[]).some(eq);
        if (op === '$ne') return !eq(arg);
        if (op === '$exists') return (value !== undefined) === Boolean(arg);
        return false;
      });
    }
    return eq(cond);
  });
}

/** `projection=a.b,c`: only those subtrees (and `_id`), as GenieACS returns them. */
function project(doc: Node, paths: string[]): Node {
  const out: Node = { _id: doc._id };
  for (const path of paths) {
    const parts = path.split('.');
    let src: unknown = doc;
    for (const part of parts) src = src && typeof src === 'object' ? (src as Node)[part] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const part of parts.slice(0, -1)) {
      dst[part] ??= {};
      dst = dst[part] as Node;
    }
    dst[parts.at(-1)!] = structuredClone(src);
  }
  return out;
}

/** A dual-band ZTE F670L-style ONT as GenieACS stores it (TR-098). */
export function tr098Params(p: { pppoeUsername?: string; ssid?: string; dualBand?: boolean } = {}): StandInParams {
  const ppp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
  const wlan = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration';
  const hosts = 'InternetGatewayDevice.LANDevice.1.Hosts.Host';
  return {
    'InternetGatewayDevice.DeviceInfo.Manufacturer': 'ZTE',
    'InternetGatewayDevice.DeviceInfo.ModelName': 'F670L',
    'InternetGatewayDevice.DeviceInfo.SoftwareVersion': 'V9.0.10P1N12',
    'InternetGatewayDevice.DeviceInfo.UpTime': 93784,
    [`${ppp}.ConnectionStatus`]: 'Connected',
    [`${ppp}.ExternalIPAddress`]: '100.64.12.34',
    [`${ppp}.Username`]: p.pppoeUsername ?? '',
    [`${ppp}.Password`]: '',
    'InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower': '-21.35',
    [`${wlan}.1.SSID`]: p.ssid ?? 'ZTE-ab12',
    [`${wlan}.1.PreSharedKey.1.KeyPassphrase`]: 'pabrik-123',
    ...(p.dualBand === false
      ? {}
      : { [`${wlan}.5.SSID`]: `${p.ssid ?? 'ZTE-ab12'}-5G`, [`${wlan}.5.PreSharedKey.1.KeyPassphrase`]: 'pabrik-123' }),
    [`${hosts}.1.HostName`]: 'android-budi',
    [`${hosts}.1.MACAddress`]: 'a4:50:46:12:34:56',
    [`${hosts}.1.IPAddress`]: '192.168.1.2',
    [`${hosts}.2.HostName`]: 'laptop-siti',
    [`${hosts}.2.MACAddress`]: '3c:22:fb:65:43:21',
    [`${hosts}.2.IPAddress`]: '192.168.1.3',
  };
}

/** A TR-181 (`Device.*`) router with an optical interface. */
export function tr181Params(p: { pppoeUsername?: string; ssid?: string } = {}): StandInParams {
  return {
    'Device.DeviceInfo.Manufacturer': 'Huawei',
    'Device.DeviceInfo.ModelName': 'EG8145V5',
    'Device.DeviceInfo.SoftwareVersion': 'V5R020C10S115',
    'Device.DeviceInfo.UpTime': 3600,
    'Device.PPP.Interface.1.ConnectionStatus': 'Connected',
    'Device.PPP.Interface.1.IPCP.LocalIPAddress': '100.64.50.6',
    'Device.PPP.Interface.1.Username': p.pppoeUsername ?? '',
    'Device.PPP.Interface.1.Password': '',
    'Device.Optical.Interface.1.OpticalSignalLevel': -19520,
    'Device.WiFi.SSID.1.SSID': p.ssid ?? 'HUAWEI-7f3a',
    'Device.WiFi.SSID.2.SSID': `${p.ssid ?? 'HUAWEI-7f3a'}-5G`,
    'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': 'pabrik-123',
    'Device.WiFi.AccessPoint.2.Security.KeyPassphrase': 'pabrik-123',
    'Device.Hosts.Host.1.HostName': 'iphone-rina',
    'Device.Hosts.Host.1.MACAddress': 'f0:18:98:aa:bb:cc',
    'Device.Hosts.Host.1.IPAddress': '192.168.100.5',
  };
}
