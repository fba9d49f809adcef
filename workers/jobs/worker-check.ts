import { workerCheck } from '@/lib/jobs/jobs';
import { handle } from '@/lib/jobs/runtime';
import { workerReport } from '@/lib/jobs/worker-check';

export const workerCheckHandler = handle(workerCheck, (_payload, job) => workerReport(job.db, job.progress));
