import { createDb } from '@/db/client';
import { env, signupWanted } from '@/lib/env';
import { startEventsPass } from './events-tick';
import { startDispatcher } from './messaging';
import { closeOltPool } from './olt-pool';
import { closePluginHosts } from './plugin-hosts';
import { closeRouterPool } from './router-pool';
import { startWorker } from './runner';
import { startWhatsAppSessions } from './whatsapp/session-manager';

/**
 * The long-running worker: owns every device connection and runs the jobs
 * the web app queues. graphile-worker stops taking jobs on SIGTERM/SIGINT and lets running
 * ones finish.
 */
async function main() {
  // Run on its own (not from `npm start`), the worker refuses what npm start refuses.
  signupWanted(process.env);
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
    messagingSchedule: config.MESSAGING_SCHEDULE,
    supportSchedule: config.SUPPORT_SCHEDULE,
    backupSchedule: config.BACKUP_SCHEDULE,
  });
  // WhatsApp: the worker holds every linked device and sends the queued messages.
  const whatsapp = await startWhatsAppSessions(db, { waWebSocketUrl: config.WHATSAPP_WS_URL });
  const dispatcher = startDispatcher(db, { baileys: whatsapp, log: (line) => console.log(`[worker] ${line}`) });
  // Webhooks and plugins hear about events within seconds (workers/events-tick.ts).
  const eventsPass = startEventsPass(db, {
    log: { info: (line) => console.log(`[worker] ${line}`), error: (line) => console.error(`[worker] ${line}`) },
  });
  console.log(`[worker] ready (concurrency ${config.WORKER_CONCURRENCY})`);
  await runner.promise;
  await eventsPass.stop();
  dispatcher.stop();
  await whatsapp.stop();
  await closeRouterPool();
  await closeOltPool();
  closePluginHosts();
  await client.end({ timeout: 5 });
}

main().catch((error) => {
  console.error('[worker] fatal', error);
  process.exit(1);
});
