import type { Db } from '@/db/client';
import { backupErrorOf } from './error-codes';
import { firstHostKeyOptions, witnessOfJob } from './host-keys';
import { openStore } from './stores';
import { getTarget, recordTargetCheck, storeConfigOf } from './targets';

/**
 * *Uji* on a target, run by the `backup-check` job: connect, write and remove a probe file
 * (the store's `check`). The outcome is kept on the target for its card; a failure is an
 * answer, not a job error. An SFTP target without a host key keeps the one its server
 * presented (trust on first use, audited in the job's organization).
 */
export async function checkTarget(db: Db, p: { targetId: string; jobId?: string }) {
  const target = await getTarget(db, p.targetId);
  const witness = p.jobId ? await witnessOfJob(db, p.jobId) : null;
  try {
    await openStore(storeConfigOf(target), firstHostKeyOptions(db, target, witness)).check();
    await recordTargetCheck(db, { targetId: target.id, error: null });
    return { ok: true as const };
  } catch (error) {
    const e = backupErrorOf(error);
    await recordTargetCheck(db, { targetId: target.id, error: { code: e.code, message: e.message.slice(0, 1000) } });
    return { ok: false as const, code: e.code };
  }
}
