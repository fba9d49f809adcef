import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { BackupError } from './errors';

/**
 * pg_dump and pg_restore of the right version. pg_dump refuses a server newer than itself and
 * pg_restore an archive from a newer pg_dump, so: the server's own major first (Debian keeps each
 * version's client in /usr/lib/postgresql/<major>/bin, and the embedded PostgreSQL 15 matches
 * Debian 12's postgresql-client-15), then a newer one there, then the one on PATH if it is new
 * enough. PG_BIN_DIR overrides the search.
 */
export type PgToolName = 'pg_dump' | 'pg_restore';
export type PgTool = { name: PgToolName; path: string; version: string; major: number };

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15.20 / 15. */
export function parseToolVersion(output: string): { version: string; major: number } | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  return m ? { version: m[2] ? `${m[1]}.${m[2]}` : m[1]!, major: Number(m[1]) } : null;
}

function toolAt(name: PgToolName, file: string): PgTool | null {
  if (!existsSync(file)) return null;
  const run = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const parsed = run.status === 0 ? parseToolVersion(run.stdout) : null;
  return parsed ? { name, path: file, ...parsed } : null;
}

function onPath(name: PgToolName, searchPath: string): PgTool | null {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const tool = toolAt(name, path.join(dir, name));
    if (tool) return tool;
  }
  return null;
}

/**
 * The tool to use for a server (or archive) of major `minMajor`, preferring `preferMajor` (the
 * target server's, for pg_restore). Throws `pg_tools_missing` naming the Debian package.
 */
export function findPgTool(
  name: PgToolName,
  p: { minMajor: number; preferMajor?: number; binDir?: string | null; debianRoot?: string; searchPath?: string },
): PgTool {
  const binDir = p.binDir === undefined ? env().PG_BIN_DIR : p.binDir;
  const need = Math.max(p.minMajor, p.preferMajor ?? 0);
  const missing = (detail: string) =>
    new BackupError(
      'pg_tools_missing',
      `${detail}. Install PostgreSQL ${need}'s client (apt-get install postgresql-client-${need}) or set PG_BIN_DIR to a folder holding ${name} ${need} or newer`,
      { tool: name, major: need, package: `postgresql-client-${need}` },
    );
  if (binDir) {
    const tool = toolAt(name, path.join(binDir, name));
    if (!tool) throw missing(`PG_BIN_DIR is ${binDir}, which holds no working ${name}`);
    if (tool.major < p.minMajor)
      throw missing(`${tool.path} is version ${tool.version}; ${p.minMajor} or newer is needed`);
    return tool;
  }
  const root = p.debianRoot ?? DEBIAN_ROOT;
  const installed = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((major) => Number.isInteger(major) && major >= p.minMajor)
        .sort((a, b) => a - b)
    : [];
  const preferred = installed.includes(need) ? need : installed.find((major) => major >= need);
  for (const major of [preferred, ...installed.filter((m) => m !== preferred)]) {
    if (major === undefined) continue;
    const tool = toolAt(name, path.join(root, String(major), 'bin', name));
    if (tool) return tool;
  }
  const fallback = onPath(name, p.searchPath ?? process.env.PATH ?? '');
  if (fallback && fallback.major >= p.minMajor) return fallback;
  throw missing(
    fallback
      ? `${name} on PATH is version ${fallback.version}, older than the PostgreSQL ${p.minMajor} it must work with`
      : `No ${name} for PostgreSQL ${p.minMajor} or newer was found`,
  );
}

/** The server's version ("15.20") and major (15). */
export async function serverVersion(databaseUrl: string): Promise<{ version: string; major: number }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ v: string; n: string }[]>`select current_setting('server_version') as v,
      current_setting('server_version_num') as n`;
    return { version: row!.v.split(' ')[0]!, major: Math.floor(Number(row!.n) / 10_000) };
  } finally {
    await sql.end();
  }
}

/**
 * libpq's environment for a connection URL: the password goes in PGPASSWORD, never on the command
 * line (any user can read another process's arguments). postgres.js's own URL options are not
 * libpq's, so only what libpq knows is passed on.
 */
export function libpqEnv(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const q = url.searchParams;
  const out: Record<string, string> = {
    PGHOST: q.get('host') ?? url.hostname.replace(/^\[(.*)\]$/, '$1'),
    PGPORT: url.port || q.get('port') || '5432',
    PGUSER: decodeURIComponent(url.username) || q.get('user') || 'postgres',
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)) || q.get('dbname') || 'postgres',
    PGCONNECT_TIMEOUT: '15',
    PGAPPNAME: 'jaring-backup',
  };
  const password = url.password ? decodeURIComponent(url.password) : q.get('password');
  if (password) out.PGPASSWORD = password;
  const ssl = q.get('sslmode') ?? q.get('ssl');
  if (ssl) out.PGSSLMODE = ssl === 'true' ? 'require' : ssl;
  return out;
}

/** Runs a pg tool against a database; its stderr becomes the error's message on failure. */
export async function runPgTool(
  tool: PgTool,
  args: string[],
  p: { databaseUrl: string; failure: 'pg_dump_failed' | 'pg_restore_failed'; stdout?: (chunk: Buffer) => void },
): Promise<void> {
  const child = spawn(tool.path, args, {
    env: { ...process.env, ...libpqEnv(p.databaseUrl) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => p.stdout?.(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    // Keep the end: the last lines say what went wrong.
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0)
    throw new BackupError(p.failure, `${tool.name} ${tool.version} failed: ${stderr.trim() || `exit code ${code}`}`, {
      detail: stderr.trim(),
    });
}
