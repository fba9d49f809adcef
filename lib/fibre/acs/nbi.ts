import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AcsError } from './errors';

/**
 * A small typed client of GenieACS's NBI (northbound interface, port 7557 by default), after
 * its lib/nbi.ts: devices, tasks and faults are queried with `GET /<collection>/?query=<json>
 * &projection=a,b`; a task is `POST /devices/<id>/tasks?connection_request&timeout=ms`,
 * answered 200 when the device ran it in the session the connection request opened, 202
 * when it waits for the device's next inform ("Task queued but not processed") or faulted
 * ("Task faulted", fault `<deviceId>:task_<taskId>`), 404 for an unknown device. Only the
 * worker holds one (lib/fibre/acs/access.ts); the web app queues jobs.
 */

type Node = Record<string, unknown>;
export type GenieDevice = Node & { _id: string };

export type GenieTask =
  | { name: 'getParameterValues'; parameterNames: string[] }
  | { name: 'setParameterValues'; parameterValues: [string, string | number | boolean, string][] }
  | { name: 'refreshObject'; objectName: string }
  | { name: 'reboot' }
  | { name: 'factoryReset' };

export type GenieFault = {
  _id: string;
  device: string;
  channel: string;
  code: string;
  message: string;
  detail?: unknown;
  timestamp: string;
  retries: number;
};

/** done: ran (200); queued: waits for the next inform; fault: the device refused it (the task is kept). */
export type TaskOutcome = { status: 'done' | 'queued' | 'fault'; taskId: string; reason: string };

export interface NbiClient {
  findDevices(query: Node, opts?: { projection?: string[]; limit?: number }): Promise<GenieDevice[]>;
  getDevice(deviceId: string, projection?: string[]): Promise<GenieDevice | null>;
  /** Throws AcsError 'not_found' when GenieACS has no such device. */
  pushTask(
    deviceId: string,
    task: GenieTask,
    opts?: { connectionRequest?: boolean; timeoutMs?: number },
  ): Promise<TaskOutcome>;
  /** Whether the task is still waiting in GenieACS (it is removed once the device ran it). */
  taskPending(taskId: string): Promise<boolean>;
  taskFault(deviceId: string, taskId: string): Promise<GenieFault | null>;
  deleteTask(taskId: string): Promise<void>;
  addTag(deviceId: string, tag: string): Promise<void>;
  removeTag(deviceId: string, tag: string): Promise<void>;
}

export type NbiConfig = {
  url: string;
  username?: string | null;
  password?: string | null;
  /** Per request (a task with connection_request waits for the device's session too). */
  timeoutMs?: number;
  /** The address the URL's host was checked to be (lib/network/router-address.ts): connect there. */
  connectTo?: { address: string; family: 4 | 6 };
};

const DEFAULT_TIMEOUT_MS = 15_000;
/** GenieACS waits this long for the device to start a session after the connection request. */
export const CONNECTION_REQUEST_TIMEOUT_MS = 3_000;
/** Device lists come back whole; a query that matches more is a bug, not a page. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

type Answer = { status: number; reason: string; text: string };

export function createNbiClient(config: NbiConfig): NbiClient {
  const base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
  const auth =
    config.username || config.password
      ? `Basic ${Buffer.from(`${config.username ?? ''}:${config.password ?? ''}`).toString('base64')}`
      : null;

  const request = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs?: number) =>
    send(base, {
      method,
      path,
      body,
      auth,
      timeoutMs: timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      connectTo: config.connectTo,
    });

  const list = async (collection: string, query: Node, projection?: string[], limit?: number) => {
    const params = new URLSearchParams({ query: JSON.stringify(query) });
    if (projection?.length) params.set('projection', projection.join(','));
    if (limit) params.set('limit', String(limit));
    const res = await request('GET', `${collection}/?${params}`);
    expectOk(res, `GET /${collection}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new AcsError('bad_response', `GET /${collection}: not JSON (is the URL the NBI, port 7557?)`, res.status);
    }
    if (!Array.isArray(parsed)) throw new AcsError('bad_response', `GET /${collection}: not a list`, res.status);
    return parsed as Node[];
  };

  return {
    async findDevices(query, opts = {}) {
      return (await list('devices', query, opts.projection, opts.limit)) as GenieDevice[];
    },
    async getDevice(deviceId, projection) {
      const [device] = await list('devices', { _id: deviceId }, projection, 1);
      return (device as GenieDevice | undefined) ?? null;
    },
    async pushTask(deviceId, task, opts = {}) {
      const cr = opts.connectionRequest ?? true;
      const timeout = opts.timeoutMs ?? CONNECTION_REQUEST_TIMEOUT_MS;
      const query = cr ? `?timeout=${timeout}&connection_request` : '';
      // GenieACS holds the answer while the device's session runs (up to its own limits).
      const res = await request('POST', `devices/${encodeURIComponent(deviceId)}/tasks${query}`, task, 150_000);
      if (res.status === 404) throw new AcsError('not_found', `GenieACS has no device ${deviceId}`, 404);
      expectOk(res, 'POST /devices/<id>/tasks');
      let answer: Node;
      try {
        answer = JSON.parse(res.text) as Node;
      } catch {
        throw new AcsError('bad_response', 'POST /devices/<id>/tasks: not JSON', res.status);
      }
      const taskId = typeof answer._id === 'string' ? answer._id : null;
      if (!taskId) throw new AcsError('bad_response', 'POST /devices/<id>/tasks: no task id', res.status);
      if (res.status === 200) return { status: 'done', taskId, reason: res.reason };
      return { status: /fault/i.test(res.reason) ? 'fault' : 'queued', taskId, reason: res.reason };
    },
    async taskPending(taskId) {
      return (await list('tasks', { _id: taskId }, ['_id'], 1)).length > 0;
    },
    async taskFault(deviceId, taskId) {
      const [fault] = await list('faults', { _id: `${deviceId}:task_${taskId}` }, undefined, 1);
      return (fault as GenieFault | undefined) ?? null;
    },
    async deleteTask(taskId) {
      const res = await request('DELETE', `tasks/${encodeURIComponent(taskId)}`);
      // Already gone (ran, or deleted by someone in GenieACS's UI): what was wanted.
      if (res.status === 404) return;
      expectOk(res, 'DELETE /tasks/<id>');
    },
    async addTag(deviceId, tag) {
      expectOk(await request('POST', tagPath(deviceId, tag)), 'POST /devices/<id>/tags/<tag>');
    },
    async removeTag(deviceId, tag) {
      expectOk(await request('DELETE', tagPath(deviceId, tag)), 'DELETE /devices/<id>/tags/<tag>');
    },
  };
}

const tagPath = (deviceId: string, tag: string) =>
  `devices/${encodeURIComponent(deviceId)}/tags/${encodeURIComponent(tag)}`;

function expectOk(res: Answer, what: string) {
  const detail = `${what}: HTTP ${res.status}${res.reason ? ` ${res.reason}` : ''}`;
  if (res.status === 401 || res.status === 403) throw new AcsError('unauthorized', detail, res.status);
  if (res.status < 200 || res.status >= 300)
    throw new AcsError('rejected', `${detail}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`, res.status);
}

function send(
  base: URL,
  req: {
    method: string;
    path: string;
    body?: unknown;
    auth: string | null;
    timeoutMs: number;
    connectTo?: { address: string; family: 4 | 6 };
  },
): Promise<Answer> {
  const url = new URL(req.path, base);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new AcsError('unreachable', `unsupported protocol ${url.protocol}`));
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.auth) headers.authorization = req.auth;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const to = req.connectTo;
  // The socket goes to the address that was checked; the URL's host still names the request.
  const lookup: LookupFunction | undefined = to
    ? (_host, options, callback) =>
        options.all
          ? (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [to])
          : callback(null, to.address, to.family)
    : undefined;
  return new Promise<Answer>((resolve, reject) => {
    const r = client.request(url, { method: req.method, headers, lookup, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        reject(new AcsError('unreachable', `redirected to ${res.headers.location ?? '?'} (check the NBI URL)`, status));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          r.destroy(new AcsError('bad_response', 'the answer is larger than 4 MB (check the NBI URL)'));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () =>
        resolve({ status, reason: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    r.setTimeout(req.timeoutMs, () =>
      r.destroy(new AcsError('timeout', `GenieACS NBI gave no answer within ${req.timeoutMs} ms`)),
    );
    r.on('error', (error: Error & { code?: string }) =>
      reject(
        error instanceof AcsError
          ? error
          : new AcsError('unreachable', `GenieACS NBI unreachable: ${error.code ?? error.message}`),
      ),
    );
    r.end(body);
  });
}
