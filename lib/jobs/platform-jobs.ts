import { backupCheck, backupRun } from '@/lib/backups/jobs';
import { orgImport } from '@/lib/org-transfer/jobs';

/**
 * Jobs of the platform, filed under an organization only because a job row needs one (the
 * super admin's): a backup of the whole install, a backup target's check, an organization's
 * import. That organization's staff neither list nor retry them — a retried import would
 * bring in another organization — and the super admin follows them on their own pages.
 */
export const PLATFORM_JOB_TYPES: readonly string[] = [backupRun.name, backupCheck.name, orgImport.name];
