/** Badge colour of each job state (jobs page, router page, job watcher). Usable on the server. */
export const JOB_STATE_COLOR = {
  queued: 'slate',
  running: 'blue',
  retrying: 'amber',
  done: 'green',
  failed: 'red',
} as const;
