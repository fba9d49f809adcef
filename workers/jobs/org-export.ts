import { handle } from '@/lib/jobs/runtime';
import { runExportJob } from '@/lib/org-transfer/exports';
import { orgExport } from '@/lib/org-transfer/jobs';

export const orgExportHandler = handle(orgExport, (payload, job) =>
  runExportJob(job.db, { ...payload, orgId: job.orgId, jobId: job.jobId, progress: job.progress }),
);
