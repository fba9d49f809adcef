import type { JobHandler } from '@/lib/jobs/runtime';
import { billingRunHandler } from './billing-run';
import { customerNotifyHandler } from './customer-notify';
import { routerCheckHandler } from './router-check';
import { routerImportHandler } from './router-import';
import { routerProfilesHandler } from './router-profiles';
import { routerSyncHandler } from './router-sync';
import { sessionKickHandler } from './session-kick';
import { subscriptionApplyHandler } from './subscription-apply';
import { voucherDeliverHandler } from './voucher-deliver';
import { voucherDisableHandler } from './voucher-disable';
import { voucherSyncHandler } from './voucher-sync';
import { workerCheckHandler } from './worker-check';

/**
 * The worker's handler for each contract in lib/job-contracts.ts, one each
 * (tests/unit/job-contracts.test.ts holds that).
 */
export const HANDLERS: JobHandler[] = [
  workerCheckHandler,
  subscriptionApplyHandler,
  customerNotifyHandler,
  billingRunHandler,
  routerCheckHandler,
  routerSyncHandler,
  routerProfilesHandler,
  routerImportHandler,
  sessionKickHandler,
  voucherDeliverHandler,
  voucherSyncHandler,
  voucherDisableHandler,
];
