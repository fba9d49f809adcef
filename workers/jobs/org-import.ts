import { handle } from '@/lib/jobs/runtime';
import { runImportJob } from '@/lib/org-transfer/imports';
import { orgImport } from '@/lib/org-transfer/jobs';

export const orgImportHandler = handle(orgImport, (payload, job) =>
  runImportJob(job.db, { ...payload, orgId: job.orgId, jobId: job.jobId, progress: job.progress }),
);
