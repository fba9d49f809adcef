import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { OltSessionPool, poolAccess } from '@/lib/fibre/olt/pool';
import type { OltAccess } from '@/lib/fibre/types';

let pool: OltSessionPool | null = null;

/** The worker's one pool of OLT command-line sessions (created on first use). */
export function oltPool(): OltSessionPool {
  pool ??= new OltSessionPool({
    connectTimeoutMs: env().OLT_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: env().OLT_COMMAND_TIMEOUT_MS,
    idleMs: env().OLT_IDLE_CLOSE_MS,
  });
  return pool;
}

/** The OLTs as lib reaches them (lib/fibre/types.ts OltAccess), through this pool. */
export function oltAccess(db: Db): OltAccess {
  return poolAccess(db, oltPool());
}

export async function closeOltPool() {
  await pool?.closeAll();
  pool = null;
}
