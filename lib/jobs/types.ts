export { JOB_STATES, type JobState, PERIODIC_TASKS, type PeriodicTask, TASK_ERRORS, type TaskError } from '@/db/enums';
