import { createHash } from 'node:crypto';
import { RouterConnection, type RouterConnectOptions } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';

type Entry = {
  fingerprint: string;
  conn: RouterConnection | null;
  connecting: Promise<RouterConnection> | null;
  // Per-router concurrency: callers beyond the limit wait their turn here.
  active: number;
  waiters: (() => void)[];
  // After a failed connect, callers fail fast for a moment instead of each waiting for the
  // same timeout (the job is retried with backoff; other routers are not held up).
  failedUntil: number;
  lastError: RouterError | null;
  ping: NodeJS.Timeout | null;
};

export type RouterPoolOptions = {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** How many jobs may use one router's connection at once (commands still pipeline). */
  perRouterConcurrency?: number;
  /** An idle connection is checked this often; a router that does not answer is dropped. */
  pingIntervalMs?: number;
  failFastMs?: number;
};

/**
 * One pooled, logged-in connection per router, owned by the worker process. Connections
 * are reused across jobs, re-opened after a drop or a changed password, and pinged while
 * idle. Keys are router ids; the caller passes the router's current settings each time.
 */
export class RouterPool {
  private readonly entries = new Map<string, Entry>();
  private readonly opts: Required<RouterPoolOptions>;
  logins = 0;

  constructor(options: RouterPoolOptions = {}) {
    this.opts = {
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 30_000,
      perRouterConcurrency: 8,
      pingIntervalMs: 60_000,
      failFastMs: 10_000,
      ...options,
    };
  }

  async use<T>(key: string, config: RouterConnectOptions, fn: (conn: RouterConnection) => Promise<T>): Promise<T> {
    const entry = this.entry(key, config);
    await this.acquire(entry);
    try {
      const conn = await this.connection(entry, config);
      try {
        return await fn(conn);
      } catch (error) {
        // A connection-level failure leaves the socket dead; the next caller reconnects.
        if (error instanceof RouterError && error.connectivity && !conn.alive) entry.conn = null;
        throw error;
      }
    } finally {
      this.release(entry);
    }
  }

  /** Drops a router's connection (settings changed, router deleted). */
  async forget(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.ping) clearInterval(entry.ping);
    await entry.conn?.close();
  }

  /** Closes connections of routers no longer in the list (deleted routers). */
  async retain(keys: Iterable<string>) {
    const keep = new Set(keys);
    await Promise.all([...this.entries.keys()].filter((key) => !keep.has(key)).map((key) => this.forget(key)));
  }

  async closeAll() {
    await Promise.all([...this.entries.keys()].map((key) => this.forget(key)));
  }

  size() {
    return [...this.entries.values()].filter((e) => e.conn?.alive).length;
  }

  private entry(key: string, config: RouterConnectOptions): Entry {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([config.host, config.port, config.tls, config.username, config.password]))
      .digest('hex');
    let entry = this.entries.get(key);
    if (entry && entry.fingerprint !== fingerprint) {
      // New settings: a connection made (or being made) with the old ones is not reused.
      void entry.conn?.close();
      entry.conn = null;
      entry.connecting = null;
      entry.fingerprint = fingerprint;
      entry.failedUntil = 0;
    }
    if (!entry) {
      entry = {
        fingerprint,
        conn: null,
        connecting: null,
        active: 0,
        waiters: [],
        failedUntil: 0,
        lastError: null,
        ping: null,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async acquire(entry: Entry) {
    if (entry.active < this.opts.perRouterConcurrency) {
      entry.active++;
      return;
    }
    await new Promise<void>((resolve) => entry.waiters.push(resolve));
  }

  private release(entry: Entry) {
    const next = entry.waiters.shift();
    if (next) next();
    else entry.active--;
  }

  private async connection(entry: Entry, config: RouterConnectOptions): Promise<RouterConnection> {
    if (entry.conn?.alive) return entry.conn;
    entry.conn = null;
    if (entry.failedUntil > Date.now() && entry.lastError) throw entry.lastError;
    const fingerprint = entry.fingerprint;
    const connecting: Promise<RouterConnection> = (entry.connecting ??= RouterConnection.open({
      ...config,
      connectTimeoutMs: this.opts.connectTimeoutMs,
      commandTimeoutMs: this.opts.commandTimeoutMs,
    })
      .then(async (conn) => {
        this.logins++;
        // Forgotten or re-configured while connecting: do not keep a stray logged-in socket.
        if (![...this.entries.values()].includes(entry) || entry.fingerprint !== fingerprint) {
          await conn.close();
          throw new RouterError('closed', 'router settings changed while connecting');
        }
        entry.conn = conn;
        entry.lastError = null;
        entry.failedUntil = 0;
        conn.onClose(() => {
          if (entry.conn === conn) entry.conn = null;
        });
        this.schedulePing(entry);
        return conn;
      })
      .catch((error: RouterError) => {
        if (entry.fingerprint === fingerprint) {
          entry.lastError = error;
          entry.failedUntil = Date.now() + this.opts.failFastMs;
        }
        throw error;
      })
      .finally(() => {
        if (entry.connecting === connecting) entry.connecting = null;
      }));
    return connecting;
  }

  private schedulePing(entry: Entry) {
    if (entry.ping) return;
    entry.ping = setInterval(() => {
      const conn = entry.conn;
      if (!conn?.alive || Date.now() - conn.lastUsedAt < this.opts.pingIntervalMs) return;
      conn.exec('/system/identity/print').catch(() => conn.fail(new RouterError('closed', 'router stopped answering')));
    }, this.opts.pingIntervalMs);
    entry.ping.unref();
  }
}
