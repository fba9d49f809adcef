import { assistantReply } from '@/lib/assistant/jobs';
import { backupCheck, backupRun } from '@/lib/backups/jobs';
import { billingRun } from '@/lib/billing/jobs';
import { acsCheck, acsDiscover, acsTaskFollow, acsTaskSend } from '@/lib/fibre/acs/jobs';
import { activationOltStep, activationStep } from '@/lib/fibre/activation/jobs';
import { oltCheck, oltScan, onuOptics, onuReboot, onuRegister, onuRemove } from '@/lib/fibre/olt/jobs';
import { oltPoll } from '@/lib/fibre/snmp/jobs';
import { workerCheck } from '@/lib/jobs/jobs';
import { customerNotify } from '@/lib/messaging/jobs';
import {
  routerCheck,
  routerConfigBackup,
  routerImport,
  routerProfiles,
  routerSync,
  sessionKick,
  subscriptionApply,
} from '@/lib/network/jobs';
import { orgExport, orgImport } from '@/lib/org-transfer/jobs';
import { pluginHook } from '@/lib/plugins/jobs';
import { voucherDeliver, voucherDisable, voucherSync } from '@/lib/vouchers/jobs';
import { webhookDeliver } from '@/lib/webhooks/jobs';

/**
 * Every job there is, as lib/operations.ts lists the operations. The worker has one handler
 * for each (workers/jobs, checked by tests/unit/job-contracts.test.ts); the jobs page labels
 * them via messages `jobs.types.<name>`.
 */
export const JOB_CONTRACTS = [
  workerCheck,
  subscriptionApply,
  customerNotify,
  billingRun,
  routerCheck,
  routerSync,
  routerProfiles,
  routerImport,
  sessionKick,
  voucherDeliver,
  voucherSync,
  voucherDisable,
  activationStep,
  activationOltStep,
  oltCheck,
  oltScan,
  onuRegister,
  onuRemove,
  onuReboot,
  onuOptics,
  acsCheck,
  acsDiscover,
  acsTaskSend,
  acsTaskFollow,
  oltPoll,
  assistantReply,
  webhookDeliver,
  pluginHook,
  routerConfigBackup,
  backupRun,
  backupCheck,
  orgExport,
  orgImport,
] as const;

export type JobType = (typeof JOB_CONTRACTS)[number]['name'];
export const JOB_TYPES: readonly JobType[] = JOB_CONTRACTS.map((c) => c.name);
