export { JOB_STATES, PERIODIC_TASKS, TASK_ERRORS, type JobState, type PeriodicTask, type TaskError } from '@/db/enums';
