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
