import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
/** A database handle or a transaction: every lib function accepts either. */
export type Db = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDb(url: string, options: { max?: number; asyncCommit?: boolean } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Commits that do not wait for the WAL flush: only for rows that may lag after a crash.
    connection: options.asyncCommit ? { synchronous_commit: 'off' } : undefined,
  });
  return { db: drizzle(client, { schema }), client };
}

const globalForDb = globalThis as unknown as { jaringDb?: ReturnType<typeof createDb> };

/** The process-wide pool, created on first use from DATABASE_URL. */
export function getDb(): Database {
  if (!globalForDb.jaringDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.jaringDb = createDb(url);
  }
  return globalForDb.jaringDb.db;
}
