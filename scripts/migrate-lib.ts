import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Logger, runMigrations } from 'graphile-worker';
import postgres from 'postgres';

/** Applies the committed drizzle migrations and graphile-worker's own schema. */
export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), 'db/migrations') });
  } finally {
    await client.end();
  }
  await runMigrations({ connectionString: url, logger: quietLogger() });
}

function quietLogger() {
  // graphile-worker logs every migration step at info level; keep start-up output short.
  return new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') console.error(`[worker-migrate] ${message}`);
  });
}
