import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { voucherBatches, vouchers } from '@/db/schema';
import type { JobProgress } from '@/lib/jobs/contract';
import { PermanentJobError } from '@/lib/jobs/errors';
import type { RouterAccess } from '@/lib/network/router-access';
import { MENUS } from '@/lib/network/router-state';
import { RouterError } from '@/lib/network/routeros/errors';
import {
  batchUsersToDeliver,
  liveBatchesOnRouter,
  loadBatchForDelivery,
  profileOnRouter,
  setBatchDelivery,
  withdrawnCodes,
} from './delivery';
import { writeBatchRadius } from './radius';
import { deliverVoucherUsers, disableVoucherUsers, parseUptime, readBatchUsage } from './router';
import { applyRouterUsage, type SettledVoucher } from './status';

/**
 * What happens where customers log in with vouchers: the voucher jobs' rules (lib/vouchers/
 * jobs.ts), run by the worker with its router connections and testable without the queue.
 */

const noProgress: JobProgress = async () => {};

// The job page shows this many refused vouchers by name; the count is always complete.
const FAILED_SHOWN = 100;

/**
 * Puts a batch where customers log in: hotspot users on its router (pipelined adds, skipping
 * what an earlier attempt added), or its RADIUS rows (one transaction). An unreachable router
 * throws, so the job retries with back-off and the jobs page shows why.
 */
export async function deliverBatch(
  db: Database,
  access: RouterAccess,
  p: { orgId: string; batchId: string; progress?: JobProgress },
) {
  const progress = p.progress ?? noProgress;
  const found = await loadBatchForDelivery(db, { orgId: p.orgId, batchId: p.batchId });
  if (!found) throw new PermanentJobError('Voucher batch not found in this organization');
  const { batch, profile } = found;
  const ref = { orgId: p.orgId, batchId: batch.id };
  await setBatchDelivery(db, { ...ref, status: 'delivering' });

  if (batch.delivery === 'radius') {
    const { written } = await db.transaction((tx) => writeBatchRadius(tx, ref));
    await setBatchDelivery(db, { ...ref, status: 'delivered', delivered: written, failed: 0 });
    await progress(written, written);
    return { delivery: 'radius', written };
  }

  if (!batch.routerId) throw new PermanentJobError('Voucher batch has no router');
  const users = await batchUsersToDeliver(db, ref);
  const report = await access
    .use({ orgId: p.orgId, routerId: batch.routerId }, (api) =>
      deliverVoucherUsers(api, { batchId: batch.id, profile: profileOnRouter(profile), users, progress }),
    )
    .catch((error: unknown) => {
      // The router refused the profile itself (e.g. its rate-limit): retrying will not help.
      if (error instanceof RouterError && error.kind === 'trap')
        throw new PermanentJobError(`Router refused: ${error.message}`);
      throw error;
    });
  const failed = report.failed.length;
  await setBatchDelivery(db, {
    ...ref,
    status: failed > 0 ? 'partial' : 'delivered',
    delivered: report.added + report.existing,
    failed,
  });
  return {
    delivery: 'router',
    total: report.total,
    added: report.added,
    existing: report.existing,
    failedCount: failed,
    failed: report.failed.slice(0, FAILED_SHOWN),
  };
}

/**
 * Reads a router's voucher users (uptime, traffic) and who is online, moves the vouchers'
 * status on (unused -> active -> used / expired), and disables on the router the ones whose
 * validity is over: the router knows quotas but not "valid for 1 day from first login".
 */
export async function syncRouterVouchers(
  db: Database,
  access: RouterAccess,
  p: { orgId: string; routerId: string; progress?: JobProgress },
) {
  const progress = p.progress ?? noProgress;
  const ref = { orgId: p.orgId, routerId: p.routerId };
  const batchIds = await liveBatchesOnRouter(db, ref);
  if (batchIds.length === 0) return { batches: 0 };
  return access.use(ref, async (api) => {
    const active = await api.exec(`${MENUS.hotspot.active}/print`, ['=.proplist=user,uptime']);
    const online = new Map(active.map((a) => [a.user ?? '', parseUptime(a.uptime)]));
    const changed: SettledVoucher[] = [];
    const withdrawn: string[] = [];
    let users = 0;
    for (const [i, batchId] of batchIds.entries()) {
      const usage = await readBatchUsage(api, batchId);
      users += usage.length;
      changed.push(...(await applyRouterUsage(db, { orgId: p.orgId, batchId, usage, online })));
      // By state, not by what changed now: an earlier run that failed half-way is caught up.
      withdrawn.push(
        ...(await withdrawnCodes(db, {
          orgId: p.orgId,
          batchId,
          codes: usage.filter((u) => !u.disabled).map((u) => u.code),
        })),
      );
      await progress(i + 1, batchIds.length);
    }
    const kicked = await disableVoucherUsers(api, withdrawn);
    const count = (to: string) => changed.filter((c) => c.to === to).length;
    return {
      batches: batchIds.length,
      users,
      activated: changed.filter((c) => c.activated).length,
      used: count('used'),
      expired: count('expired'),
      disabled: withdrawn.length,
      kicked,
    };
  });
}

/**
 * Withdrawn vouchers (lib/vouchers/withdraw.ts) disabled on their batch's router and their
 * live sessions dropped. Only codes whose status is `disabled` are touched, so a stale or
 * repeated job never disables a voucher that is meant to work.
 */
export async function disableWithdrawnVouchers(
  db: Database,
  access: RouterAccess,
  p: { orgId: string; batchId: string; codes: string[] | null; progress?: JobProgress },
) {
  const progress = p.progress ?? noProgress;
  const [batch] = await db
    .select({ id: voucherBatches.id, routerId: voucherBatches.routerId })
    .from(voucherBatches)
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
  if (!batch?.routerId)
    throw new PermanentJobError('Voucher batch not found in this organization, or it has no router');
  const rows = await db
    .select({ code: vouchers.code })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.organizationId, p.orgId),
        eq(vouchers.batchId, batch.id),
        eq(vouchers.status, 'disabled'),
        p.codes ? inArray(vouchers.code, p.codes) : undefined,
      ),
    );
  const codes = rows.map((r) => r.code);
  const kicked = await access.use({ orgId: p.orgId, routerId: batch.routerId }, (api) =>
    disableVoucherUsers(api, codes),
  );
  await progress(codes.length, codes.length);
  return { disabled: codes.length, kicked };
}
