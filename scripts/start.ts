import { spawn } from 'node:child_process';
import { createDb } from '@/db/client';
import { DEMO_PASSWORD, demoEmail, seedDemo } from '@/db/seed';
import { ROLES } from '@/lib/auth/permissions';
import { buildIfNeeded } from './build-if-needed';
import { migrateDatabase } from './migrate-lib';
import { supervise } from './supervisor';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

/**
 * `npm start`: database (embedded when DATABASE_URL is unset), migrations, demo data, then
 * the web app and the worker side by side. A crashed child is started again (scripts/
 * supervisor.ts) while the others run on; Ctrl-C or SIGTERM stops all of them cleanly.
 */
async function main() {
  const dev = process.argv.includes('--dev');
  loadDotEnv();
  const { embedded } = await prepareRuntimeEnv();
  const url = process.env.DATABASE_URL!;
  await migrateDatabase(url);
  if (process.env.SEED_DEMO !== 'false') {
    const { db, client } = createDb(url, { max: 1 });
    const seeded = await seedDemo(db);
    await client.end();
    if (seeded.created) console.log('[start] demo organization "Jaring Demo Net" created');
  }
  if (!dev) buildIfNeeded();

  const port = process.env.PORT ?? '3000';
  const supervisor = supervise([
    {
      name: 'web',
      spawn: () =>
        spawn(process.execPath, [require.resolve('next/dist/bin/next'), dev ? 'dev' : 'start', '-p', port], {
          stdio: 'inherit',
          env: process.env,
        }),
    },
    { name: 'worker', spawn: () => spawn(process.execPath, [require.resolve('tsx/cli'), 'workers/index.ts'], { stdio: 'inherit', env: process.env }) },
  ]);
  printBanner(port);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await supervisor.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function printBanner(port: string) {
  if (process.env.SEED_DEMO === 'false') return;
  const lines = ROLES.map((role) => `    ${role.padEnd(12)} ${demoEmail(role)}`);
  console.log(
    [``, `  Jaring is starting on http://localhost:${port}`, `  Demo logins (password: ${DEMO_PASSWORD}):`, ...lines, ``].join('\n'),
  );
}

main().catch((error) => {
  console.error('[start] failed:', error);
  process.exit(1);
});
