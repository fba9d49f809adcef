export { JOB_STATES, PERIODIC_TASKS, TASK_ERRORS, type JobState, type PeriodicTask, type TaskError } from '@/db/enums';
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
