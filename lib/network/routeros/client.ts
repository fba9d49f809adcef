import { isIP, type Socket } from 'node:net';
import { RouterOSAPI } from 'node-routeros';
import { classifyRouterError, RouterError } from '@/lib/network/routeros/errors';
import { patchNodeRouterOs } from '@/lib/network/routeros/patch';

/** One row of a RouterOS reply: property name -> value, all strings as on the wire. */
export type RouterRow = Record<string, string>;

/**
 * The small interface domain code talks to (lib/network/*): one command, its rows back.
 * Words are RouterOS API words: `=prop=value`, `?query`, `=.proplist=a,b`.
 */
export interface RouterApi {
  exec(command: string, words?: string[]): Promise<RouterRow[]>;
}

export type RouterConnectOptions = {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
  /** Connect + login, and the socket's idle limit while connecting. */
  connectTimeoutMs?: number;
  /** How long one command may take before the connection is given up as hung. */
  commandTimeoutMs?: number;
  /**
   * The address to connect to for `host`, asked before each new connection: a hosted
   * platform resolves and checks it here (lib/network/router-address) and the socket goes
   * to the checked address. Default: `host` as it is.
   */
  resolveAddress?: (host: string) => Promise<string>;
};

/**
 * An authenticated API connection over node-routeros. Commands may be issued concurrently
 * (they are pipelined, matched by tag). A hung command, a dropped socket or a `!fatal`
 * fails every command in flight with a RouterError and marks the connection dead; the
 * pool then opens a new one.
 */
export class RouterConnection implements RouterApi {
  private readonly api: RouterOSAPI;
  private readonly pending = new Set<(error: RouterError) => void>();
  private dead: RouterError | null = null;
  private readonly closeListeners: (() => void)[] = [];
  commands = 0;
  lastUsedAt = Date.now();

  private constructor(
    api: RouterOSAPI,
    private readonly opts: Required<RouterConnectOptions>,
  ) {
    this.api = api;
  }

  static async open(options: RouterConnectOptions): Promise<RouterConnection> {
    patchNodeRouterOs();
    const opts = {
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 30_000,
      resolveAddress: async (host: string) => host,
      ...options,
    };
    let address: string;
    try {
      address = await withTimeout(
        opts.resolveAddress(opts.host),
        opts.connectTimeoutMs,
        () => new RouterError('unreachable', `${opts.host} did not resolve in time`),
      );
    } catch (error) {
      throw classifyRouterError(error, { tls: opts.tls, during: 'connect' });
    }
    const api = new RouterOSAPI({
      host: address,
      port: opts.port,
      user: opts.username,
      password: opts.password,
      timeout: Math.max(1, Math.ceil(opts.connectTimeoutMs / 1000)),
      // RouterOS api-ssl certificates are self-signed as a rule: encrypt, do not verify.
      // Connected by address, the TLS server name stays the host's name.
      tls: opts.tls ? { rejectUnauthorized: false, ...(isIP(opts.host) ? {} : { servername: opts.host }) } : undefined,
    });
    // An 'error' event with no listener would throw from inside the socket handler.
    api.on('error', () => {});
    // Nagle + delayed ACK cost ~44 ms per command because the library writes each word
    // separately; set no-delay as soon as the socket exists (before the login round trip).
    const connector = () => (api as unknown as { connector?: { socket?: Socket } }).connector;
    const connecting = api.connect();
    // The socket exists once connect() has been called; watch how far the handshake gets.
    const stage = { tcp: false, tls: false };
    const early = connector()?.socket;
    early?.once('connect', () => {
      stage.tcp = true;
      early.setNoDelay(true);
    });
    early?.once('secureConnect', () => (stage.tls = true));
    try {
      await withTimeout(
        connecting,
        opts.connectTimeoutMs + 1000,
        () => new RouterError('timeout', `no answer from ${opts.host}:${opts.port}`),
      );
    } catch (error) {
      connector()?.socket?.destroy();
      const classified = classifyRouterError(error, { tls: opts.tls, during: 'connect' });
      // Connected, but the TLS handshake never finished: not API-SSL on that port, or no certificate.
      if (opts.tls && stage.tcp && !stage.tls && (classified.kind === 'timeout' || classified.kind === 'closed'))
        throw new RouterError(
          'tls',
          `TLS handshake with ${opts.host}:${opts.port} did not complete (${classified.message})`,
        );
      throw classified;
    }
    const socket = connector()?.socket;
    socket?.setNoDelay(true);
    // Once logged in, the connection is kept: no idle limit, TCP keep-alive, and the pool's
    // own periodic ping to notice a router that went away.
    socket?.setTimeout(0);
    socket?.setKeepAlive(true, 30_000);
    const conn = new RouterConnection(api, opts);
    const onGone = (reason: string) => conn.fail(new RouterError('closed', reason));
    api.on('close', () => onGone('connection closed by the router'));
    api.on('error', (e: unknown) => conn.fail(classifyRouterError(e, { tls: opts.tls, during: 'command' })));
    socket?.once('close', () => onGone('connection closed'));
    return conn;
  }

  get alive() {
    return this.dead === null;
  }

  onClose(listener: () => void) {
    this.closeListeners.push(listener);
  }

  async exec(command: string, words: string[] = []): Promise<RouterRow[]> {
    if (this.dead) throw this.dead;
    this.commands++;
    this.lastUsedAt = Date.now();
    return new Promise<RouterRow[]>((resolve, reject) => {
      const fail = (error: RouterError) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => {
        // The router took the command and went quiet: nothing on this socket can be trusted.
        this.fail(new RouterError('timeout', `${command}: no answer within ${this.opts.commandTimeoutMs / 1000} s`));
      }, this.opts.commandTimeoutMs);
      this.pending.add(fail);
      // node-routeros appends `.tag` to the array it is given: pass a copy.
      this.api.write(command, [...words]).then(
        (rows) => {
          clearTimeout(timer);
          this.pending.delete(fail);
          resolve(rows as RouterRow[]);
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.pending.delete(fail);
          const message = error instanceof Error ? error.message : String(error);
          reject(new RouterError('trap', `${command}: ${message}`));
        },
      );
    });
  }

  /** Fails everything in flight and closes the socket; later calls throw the same error. */
  fail(error: RouterError) {
    if (this.dead) return;
    this.dead = error;
    for (const reject of [...this.pending]) reject(error);
    this.pending.clear();
    const connector = (this.api as unknown as { connector?: { socket?: Socket } }).connector;
    connector?.socket?.destroy();
    for (const listener of this.closeListeners) listener();
  }

  async close() {
    if (this.dead) return;
    this.fail(new RouterError('closed', 'connection closed by the app'));
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `name=value` words for a set/add command, skipping undefined values. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): string[] {
  const words: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    words.push(`=${key}=${typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value)}`);
  }
  return words;
}
