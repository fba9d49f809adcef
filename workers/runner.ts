import { Logger, parseCronItems, type Runner, run, type TaskList } from 'graphile-worker';
import { createDb, type Database } from '@/db/client';
import { type JobHandler, toTask } from '@/lib/jobs/runtime';
import { acsTick } from './acs-tick';
import { apiTick } from './api-tick';
import { backupTick } from './backup-tick';
import { billingTick } from './billing-tick';
import { fibreTick } from './fibre-tick';
import { inventoryTick } from './inventory-tick';
import { HANDLERS } from './jobs';
import { messagingTick } from './messaging';
import { networkTick } from './network-tick';
import { outagesTick } from './outages-tick';
import { paymentsTick } from './payments-tick';
import { requestsTick } from './requests-tick';
import { supportTick } from './support-tick';

export type WorkerOptions = {
  connectionString: string;
  db: Database;
  concurrency?: number;
  /** Tests add jobs of their own (e.g. one that always throws) next to the real ones. */
  extraJobs?: JobHandler[];
  handleSignals?: boolean;
  /** false silences the per-job log lines (tests that fail jobs on purpose). */
  log?: boolean;
  /** The scheduled billing/isolation tick; tests run those passes by hand instead. */
  schedule?: boolean;
  /** The router monitor + scheduled syncs (every minute). */
  networkSchedule?: boolean;
  /** The sweep of gateway payments whose callback has not come (every 10 minutes). */
  paymentsSchedule?: boolean;
  /** Invoice messages, due-date reminders and low-stock alerts (every 10 minutes). */
  messagingSchedule?: boolean;
  /** Ticket SLA escalations (every 5 minutes). */
  supportSchedule?: boolean;
  /** OLT SNMP polls as each OLT's interval passes (every minute). */
  fibreSchedule?: boolean;
  /** The daily platform backup and the "no recent backup" alert (checked every minute). */
  backupSchedule?: boolean;
  /**
   * Only these job types (tests): integration test files run two at a time over one
   * database, and a worker that takes another file's router jobs can stop mid-job when its
   * own file ends.
   */
  only?: string[];
};

export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const taskList: TaskList = {};
  const bookkeeping = createDb(options.connectionString, { max: 4, asyncCommit: true });
  for (const handler of [...HANDLERS, ...(options.extraJobs ?? [])])
    taskList[handler.contract.name] = toTask(handler, { db: options.db, bookkeeping: bookkeeping.db });
  taskList['billing-tick'] = billingTick(options.db);
  taskList['network-tick'] = networkTick(options.db);
  taskList['payments-tick'] = paymentsTick(options.db);
  taskList['messaging-tick'] = messagingTick(options.db);
  taskList['support-tick'] = supportTick(options.db);
  taskList['requests-tick'] = requestsTick(options.db);
  taskList['outages-tick'] = outagesTick(options.db);
  taskList['inventory-tick'] = inventoryTick(options.db);
  taskList['acs-tick'] = acsTick(options.db);
  taskList['fibre-tick'] = fibreTick(options.db);
  taskList['api-tick'] = apiTick(options.db);
  taskList['backup-tick'] = backupTick(options.db);
  if (options.only) for (const name of Object.keys(taskList)) if (!options.only.includes(name)) delete taskList[name];
  const schedule = options.schedule ?? true;
  const cron = [
    ...(schedule ? [{ task: 'billing-tick', match: '*/15 * * * *', options: { backfillPeriod: 0 } }] : []),
    ...((options.networkSchedule ?? schedule)
      ? [
          { task: 'network-tick', match: '* * * * *', options: { backfillPeriod: 0 } },
          // Outage detection reads what the router monitor and RADIUS accounting just saw.
          { task: 'outages-tick', match: '* * * * *', options: { backfillPeriod: 0 } },
          // Modems linked by serial: cheap, and a new customer's modem rarely waits long.
          { task: 'acs-tick', match: '*/15 * * * *', options: { backfillPeriod: 0 } },
        ]
      : []),
    ...((options.paymentsSchedule ?? schedule)
      ? [{ task: 'payments-tick', match: '*/10 * * * *', options: { backfillPeriod: 0 } }]
      : []),
    ...((options.messagingSchedule ?? schedule)
      ? [
          { task: 'messaging-tick', match: '*/10 * * * *', options: { backfillPeriod: 0 } },
          // Low-stock alerts are staff WhatsApp notices: they go with the message passes.
          { task: 'inventory-tick', match: '*/10 * * * *', options: { backfillPeriod: 0 } },
        ]
      : []),
    ...((options.supportSchedule ?? schedule)
      ? [
          { task: 'support-tick', match: '*/5 * * * *', options: { backfillPeriod: 0 } },
          // Customer requests due today (pause, resume, stop) and the usage reading.
          { task: 'requests-tick', match: '*/5 * * * *', options: { backfillPeriod: 0 } },
        ]
      : []),
    ...((options.fibreSchedule ?? schedule)
      ? [{ task: 'fibre-tick', match: '* * * * *', options: { backfillPeriod: 0 } }]
      : []),
    // The API's housekeeping: hourly, so an Idempotency-Key's answer lives 24 h, not up to 48.
    ...(schedule ? [{ task: 'api-tick', match: '23 * * * *', options: { backfillPeriod: 0 } }] : []),
    ...((options.backupSchedule ?? schedule)
      ? [{ task: 'backup-tick', match: '* * * * *', options: { backfillPeriod: 0 } }]
      : []),
  ];
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: !options.handleSignals,
    pollInterval: 2000,
    parsedCronItems: parseCronItems(cron),
    taskList,
    logger: new Logger(() => (level, message) => {
      if (level !== 'debug' && options.log !== false) console.log(`[worker] ${level}: ${message}`);
    }),
  });
  void runner.promise.finally(() => bookkeeping.client.end({ timeout: 5 }));
  return runner;
}
