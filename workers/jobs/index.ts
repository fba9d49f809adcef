import type { JobHandler } from '@/lib/jobs/runtime';
import { acsCheckHandler } from './acs-check';
import { acsDiscoverHandler } from './acs-discover';
import { acsTaskFollowHandler } from './acs-task-follow';
import { acsTaskSendHandler } from './acs-task-send';
import { activationOltStepHandler, activationStepHandler } from './activation-step';
import { assistantReplyHandler } from './assistant-reply';
import { backupCheckHandler } from './backup-check';
import { backupRunHandler } from './backup-run';
import { billingRunHandler } from './billing-run';
import { customerNotifyHandler } from './customer-notify';
import { oltCheckHandler } from './olt-check';
import { oltPollHandler } from './olt-poll';
import { oltScanHandler } from './olt-scan';
import { onuOpticsHandler } from './onu-optics';
import { onuRebootHandler } from './onu-reboot';
import { onuRegisterHandler } from './onu-register';
import { onuRemoveHandler } from './onu-remove';
import { orgExportHandler } from './org-export';
import { orgImportHandler } from './org-import';
import { pluginHookHandler } from './plugin-hook';
import { routerCheckHandler } from './router-check';
import { routerConfigBackupHandler } from './router-config-backup';
import { routerImportHandler } from './router-import';
import { routerProfilesHandler } from './router-profiles';
import { routerSyncHandler } from './router-sync';
import { sessionKickHandler } from './session-kick';
import { subscriptionApplyHandler } from './subscription-apply';
import { voucherDeliverHandler } from './voucher-deliver';
import { voucherDisableHandler } from './voucher-disable';
import { voucherSyncHandler } from './voucher-sync';
import { webhookDeliverHandler } from './webhook-deliver';
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
  oltCheckHandler,
  oltScanHandler,
  onuRegisterHandler,
  onuRemoveHandler,
  onuRebootHandler,
  onuOpticsHandler,
  acsCheckHandler,
  acsDiscoverHandler,
  acsTaskSendHandler,
  acsTaskFollowHandler,
  oltPollHandler,
  activationStepHandler,
  activationOltStepHandler,
  assistantReplyHandler,
  webhookDeliverHandler,
  pluginHookHandler,
  routerConfigBackupHandler,
  backupRunHandler,
  backupCheckHandler,
  orgExportHandler,
  orgImportHandler,
];
