import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export const DATA_DIR = path.join(process.cwd(), '.data');

/** Reads `.env` if present (Node's own loader; real environment variables win). */
export function loadDotEnv() {
  const file = path.join(process.cwd(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Fills in what a first run needs: an embedded PostgreSQL under .data/ when DATABASE_URL is
 * unset, and a session secret generated once and kept in .data/.
 */
export async function prepareRuntimeEnv(): Promise<{ embedded: EmbeddedDatabase | null }> {
  mkdirSync(DATA_DIR, { recursive: true });
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    console.log(`[start] DATABASE_URL is not set: starting embedded PostgreSQL on port ${port} (data in .data/pg)`);
    embedded = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, 'pg'), port, database: 'jaring' });
    process.env.DATABASE_URL = embedded.url;
  }
  if (!process.env.NEXTAUTH_SECRET) {
    const file = path.join(DATA_DIR, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    process.env.NEXTAUTH_SECRET = readFileSync(file, 'utf8').trim();
  }
  if (!process.env.APP_ENCRYPTION_KEY) {
    const file = path.join(DATA_DIR, 'encryption-key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    process.env.APP_ENCRYPTION_KEY = readFileSync(file, 'utf8').trim();
    // Losing this key makes stored service passwords unreadable: back up .data/encryption-key.
  }
  const port = process.env.PORT ?? '3000';
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  return { embedded };
}
