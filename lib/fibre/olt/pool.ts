import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import type { OltAccess, OltDriver } from '../types';
import { oltConnectAddress, oltConnection } from './connect';
import { openDriver } from './drivers';
import { OltError, redactOltError } from './errors';
import type { OltSession } from './session';
import { markOltOffline, markOltOnline } from './status';

export type OltPoolOptions = { connectTimeoutMs: number; commandTimeoutMs: number; idleMs: number };

type Entry = { session: OltSession; driver: OltDriver; settings: string; idle?: NodeJS.Timeout };

/** Who a session is to: `use` is given it, so a changed host or password is a new session. */
export type PoolTarget = { key: string; settings: string };

/**
 * One command-line session per OLT (keyed by organization and OLT). Work for an OLT waits its turn (a lock per OLT: two
 * jobs' commands never interleave on one session, even when graphile-worker's queue per
 * OLT is bypassed by a direct call); a dropped or timed-out session is replaced by a fresh
 * login on the next use; an unused session is closed after `idleMs`. A session opened with
 * other settings than the OLT has now (its host, port, transport or credentials were edited)
 * is closed and a new one opened: work never goes to the address or account of before.
 */
export class OltSessionPool {
  private readonly entries = new Map<string, Entry>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(readonly options: OltPoolOptions) {}

  async use<T>(
    target: string | PoolTarget,
    open: () => Promise<{ session: OltSession; driver: OltDriver }>,
    fn: (driver: OltDriver) => Promise<T>,
  ): Promise<T> {
    const { key: oltId, settings } = typeof target === 'string' ? { key: target, settings: '' } : target;
    const before = this.tails.get(oltId) ?? Promise.resolve();
    const run = before.then(
      () => this.inTurn(oltId, settings, open, fn),
      () => this.inTurn(oltId, settings, open, fn),
    );
    const tail = run.catch(() => undefined);
    this.tails.set(oltId, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(oltId) === tail) this.tails.delete(oltId);
    }
  }

  private async inTurn<T>(
    oltId: string,
    settings: string,
    open: () => Promise<{ session: OltSession; driver: OltDriver }>,
    fn: (driver: OltDriver) => Promise<T>,
  ): Promise<T> {
    let entry = this.entries.get(oltId);
    if (entry) clearTimeout(entry.idle);
    if (!entry?.session.usable || entry.settings !== settings) {
      entry?.session.close();
      this.entries.delete(oltId);
      entry = { ...(await open()), settings };
      this.entries.set(oltId, entry);
    }
    try {
      return await fn(entry.driver);
    } finally {
      if (!entry.session.usable) {
        this.entries.delete(oltId);
      } else {
        const e = entry;
        e.idle = setTimeout(() => this.closeOne(oltId, e), this.options.idleMs);
        e.idle.unref();
      }
    }
  }

  private closeOne(oltId: string, entry: Entry) {
    if (this.entries.get(oltId) !== entry) return;
    this.entries.delete(oltId);
    entry.session.close();
  }

  /** Sessions open now (for tests and the worker's shutdown). */
  get size() {
    return this.entries.size;
  }

  async closeAll() {
    await Promise.all([...this.tails.values()]);
    for (const [id, entry] of this.entries) this.closeOne(id, entry);
  }
}

/**
 * The OLTs as lib reaches them (OltAccess), through a pool: the organization's OLT settings,
 * the address checked, a session opened when none is alive. A session that works marks the
 * OLT online; one that cannot be opened or breaks (auth, refused, timeout, dropped) marks it
 * offline with the reason. A refused command says nothing about reachability: it only fails
 * the work.
 */
export function poolAccess(db: Db, pool: OltSessionPool): OltAccess {
  return {
    run: async (p, fn) => {
      const settings = await oltConnection(db, p);
      const target = {
        key: `${p.orgId}/${settings.oltId}`,
        // A digest, not the values: the pool keeps no password beside the session's own.
        settings: createHash('sha256')
          .update(
            JSON.stringify([
              settings.vendor,
              settings.transport,
              settings.host,
              settings.port,
              settings.username,
              settings.password,
              settings.enablePassword,
            ]),
          )
          .digest('hex'),
      };
      try {
        const result = await pool.use(
          target,
          async () =>
            openDriver(settings.vendor, {
              ...settings,
              host: await oltConnectAddress(settings.host),
              connectTimeoutMs: pool.options.connectTimeoutMs,
              commandTimeoutMs: pool.options.commandTimeoutMs,
            }),
          fn,
        );
        await markOltOnline(db, p);
        return result;
      } catch (thrown) {
        const error =
          thrown instanceof OltError ? redactOltError(thrown, [settings.password, settings.enablePassword]) : thrown;
        if (error instanceof OltError) {
          if (error.kind === 'command') await markOltOnline(db, p);
          else await markOltOffline(db, { ...p, error });
        }
        throw error;
      }
    },
  };
}
