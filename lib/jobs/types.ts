/** Every job type the worker knows. The jobs page labels them via `jobs.types.<type>`. */
export const JOB_TYPES = [
  'worker-check',
  'subscription-apply',
  'customer-notify',
  'billing-run',
  'router-check',
  'router-sync',
  'router-profiles',
  'router-import',
  'session-kick',
  'voucher-deliver',
  'voucher-sync',
  'voucher-disable',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATES = ['queued', 'running', 'retrying', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * The worker's periodic passes, each run per organization; their last outcome per
 * organization is kept in `organization_task_status` (labels: `taskStatus.tasks.<task>`).
 */
export const PERIODIC_TASKS = ['billing', 'isolation', 'invoice_messages', 'reminders', 'network', 'router_sync', 'vouchers', 'payments'] as const;
export type PeriodicTask = (typeof PERIODIC_TASKS)[number];

/** Why a pass failed, as a code the screens translate (`taskStatus.errors.<code>`); never a stack. */
export const TASK_ERRORS = ['invoice_number_format', 'database', 'router', 'gateway', 'unexpected'] as const;
export type TaskError = (typeof TASK_ERRORS)[number];
