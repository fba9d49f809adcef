import { handle } from '@/lib/jobs/runtime';
import { backupRouterConfig } from '@/lib/network/config-backups/backup';
import { routerConfigBackup } from '@/lib/network/jobs';

export const routerConfigBackupHandler = handle(routerConfigBackup, (payload, job) =>
  backupRouterConfig(job.db, { orgId: job.orgId, ...payload }),
);
