import { spawn } from 'node:child_process';
import path from 'node:path';
import { createDb } from '@/db/client';
import { ROLES } from '@/lib/auth/permissions';
import { demoWanted, env, signupWanted } from '@/lib/env';
import { platformOwnerExists } from '@/lib/platform/owner';
import { ensureSetupToken, removeSetupToken } from '@/lib/platform/setup-token';
import { buildIfNeeded } from './build-if-needed';
import { DEMO_PASSWORD, demoEmail, seedDemo } from './demo-seed';
import { migrateDatabase } from './migrate-lib';
import { loadDotEnv, prepareRuntimeEnv } from './runtime-env';
import { supervise } from './supervisor';

/**
 * `npm start`: database (embedded when DATABASE_URL is unset), migrations, demo data (not in
 * production), the setup link while the install has no owner, then the web app and the
 * worker side by side. A crashed child is started again (scripts/supervisor.ts) while the
 * others run on; Ctrl-C or SIGTERM stops all of them cleanly.
 */
async function main() {
  const dev = process.argv.includes('--dev');
  loadDotEnv();
  // Decided here, from the operator's NODE_ENV: `next start` sets NODE_ENV=production for
  // itself, so the app learns the answer from SEED_DEMO alone.
  const demo = demoWanted(process.env);
  process.env.SEED_DEMO = demo ? 'true' : 'false';
  // Sign-up likewise (off in production on a self-hosted install; a refused combination
  // stops the start here, with its reason).
  process.env.ALLOW_SIGNUP = signupWanted(process.env) ? 'true' : 'false';
  const { embedded } = await prepareRuntimeEnv();
  env(); // a wrong setting (TRUSTED_PROXIES, …) stops the start here, with its reason
  const url = process.env.DATABASE_URL!;
  await migrateDatabase(url);
  const { db, client } = createDb(url, { max: 1 });
  if (demo) {
    const started = Date.now();
    const seeded = await seedDemo(db);
    if (seeded.created)
      console.log(
        `[start] demo organization "Jaring Demo Net" created (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
  }
  const setupUrl = (await platformOwnerExists(db)) ? null : `${process.env.APP_URL}/setup?token=${ensureSetupToken()}`;
  if (!setupUrl) removeSetupToken();
  await client.end();
  if (!dev) buildIfNeeded();

  const port = process.env.PORT ?? '3000';
  const supervisor = supervise([
    {
      name: 'web',
      spawn: () =>
        spawn(process.execPath, [require.resolve('next/dist/bin/next'), dev ? 'dev' : 'start', '-p', port], {
          stdio: 'inherit',
          // Stamps each request with its socket address (sign-in limits, audit): see the file.
          env: {
            ...process.env,
            NODE_OPTIONS:
              `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(path.join(__dirname, 'socket-address.cjs'))}`.trim(),
          },
        }),
    },
    {
      name: 'worker',
      spawn: () =>
        spawn(process.execPath, [require.resolve('tsx/cli'), 'workers/index.ts'], {
          stdio: 'inherit',
          env: process.env,
        }),
    },
  ]);
  printBanner(port, demo, setupUrl);

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

function printBanner(port: string, demo: boolean, setupUrl: string | null) {
  const lines = [``, `  Jaring is starting on http://localhost:${port}`];
  if (demo) {
    lines.push(`  Demo logins (password: ${DEMO_PASSWORD}; public, never use this install for real data):`);
    lines.push(...ROLES.map((role) => `    ${role.padEnd(12)} ${demoEmail(role)}`));
  }
  if (setupUrl) {
    lines.push(`  No platform owner yet. Create one (this link works until then; keep it private):`, `    ${setupUrl}`);
    lines.push(`  or on this server: npm run admin:create`);
  }
  console.log([...lines, ``].join('\n'));
}

main().catch((error) => {
  console.error('[start] failed:', error);
  process.exit(1);
});
