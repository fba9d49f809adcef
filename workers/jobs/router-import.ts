import { handle } from '@/lib/jobs/runtime';
import { routerImport } from '@/lib/network/jobs';
import { readImportPreview } from '@/lib/network/router-import';
import { routerAccess } from '../router-pool';

export const routerImportHandler = handle(routerImport, (payload, job) =>
  readImportPreview(job.db, routerAccess(job.db), { orgId: job.orgId, routerId: payload.routerId, jobId: job.jobId }),
);
