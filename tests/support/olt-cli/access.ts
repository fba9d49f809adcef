import type { Db } from '@/db/client';
import { OltSessionPool, poolAccess } from '@/lib/fibre/olt/pool';
import type { OltAccess } from '@/lib/fibre/types';

/**
 * OltAccess for tests: the worker's own pool and status marking, with short timeouts. Close
 * it in `after` (`await access.close()`) so no session outlives the test file.
 */
export function testOltAccess(
  db: Db,
  opts: { commandTimeoutMs?: number; idleMs?: number } = {},
): OltAccess & { pool: OltSessionPool; close(): Promise<void> } {
  const pool = new OltSessionPool({
    connectTimeoutMs: 5_000,
    commandTimeoutMs: opts.commandTimeoutMs ?? 5_000,
    idleMs: opts.idleMs ?? 30_000,
  });
  return { ...poolAccess(db, pool), pool, close: () => pool.closeAll() };
}
