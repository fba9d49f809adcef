export { JOB_STATES, type JobState } from '@/db/enums';
