import { spawn, type ChildProcess } from 'node:child_process';
import { createDb } from '@/db/client';
import { DEMO_PASSWORD, demoEmail, seedDemo } from '@/db/seed';
import { ROLES } from '@/lib/auth/permissions';
import { buildIfNeeded } from './build-if-needed';
import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';

/**
 * `npm start`: database (embedded when DATABASE_URL is unset), migrations, demo data, then
 * the web app and the worker side by side. Ctrl-C or SIGTERM stops all of them cleanly.
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
  const children: ChildProcess[] = [
    spawn(process.execPath, [require.resolve('next/dist/bin/next'), dev ? 'dev' : 'start', '-p', port], {
      stdio: 'inherit',
      env: process.env,
    }),
    spawn(process.execPath, [require.resolve('tsx/cli'), 'workers/index.ts'], { stdio: 'inherit', env: process.env }),
  ];
  printBanner(port);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await embedded?.stop();
    process.exit(code);
  };
  for (const child of children) child.once('exit', (code) => void stop(code ?? 1));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
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
