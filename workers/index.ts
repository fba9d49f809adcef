import { createDb } from '@/db/client';
import { env } from '@/lib/env';
import { closeRouterPool } from './router-pool';
import { startWorker } from './runner';

/**
 * The long-running worker: owns every device connection (later issues) and runs the jobs
 * the web app queues. graphile-worker stops taking jobs on SIGTERM/SIGINT and lets running
 * ones finish.
 */
async function main() {
  const config = env();
  const { db, client } = createDb(config.DATABASE_URL, { max: config.WORKER_CONCURRENCY + 2 });
  const runner = await startWorker({
    connectionString: config.DATABASE_URL,
    db,
    concurrency: config.WORKER_CONCURRENCY,
    handleSignals: true,
    schedule: config.BILLING_SCHEDULE,
    networkSchedule: config.NETWORK_SCHEDULE,
    paymentsSchedule: config.PAYMENTS_SCHEDULE,
  });
  console.log(`[worker] ready (concurrency ${config.WORKER_CONCURRENCY})`);
  await runner.promise;
  await closeRouterPool();
  await client.end({ timeout: 5 });
}

main().catch((error) => {
  console.error('[worker] fatal', error);
  process.exit(1);
});
