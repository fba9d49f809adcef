import { and, asc, count, eq, ilike, ne, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { infraSites, odps, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { contains } from '@/lib/server/search';
import { odpSummaryColumns, usedPortsSql } from './odp-usage';
import { removeStoredPhoto } from './photo-files';
import { detachOdp } from './topology';

/** The ODP tab of /network: searchable by code, name, area or its ODC's code; counted for pages. */
export async function listOdpPage(
  db: Db,
  p: { orgId: string; q?: string; odcId?: string; page?: number; pageSize?: number },
) {
  const pageSize = p.pageSize ?? 25;
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(odps.organizationId, p.orgId),
    p.odcId ? eq(odps.odcId, p.odcId) : undefined,
    p.q
      ? or(
          ilike(odps.code, contains(p.q)),
          ilike(odps.name, contains(p.q)),
          ilike(odps.area, contains(p.q)),
          ilike(infraSites.code, contains(p.q)),
        )
      : undefined,
  );
  const odcJoin = and(eq(infraSites.id, odps.odcId), eq(infraSites.organizationId, odps.organizationId));
  const [items, [total]] = await Promise.all([
    db
      .select({
        ...odpSummaryColumns(),
        splitterRatio: odps.splitterRatio,
        area: odps.area,
        odcId: odps.odcId,
        odcCode: infraSites.code,
      })
      .from(odps)
      .leftJoin(infraSites, odcJoin)
      .where(where)
      .orderBy(asc(odps.code), asc(odps.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(odps).leftJoin(infraSites, odcJoin).where(where),
  ]);
  return { items, total: total?.n ?? 0, page, pageSize };
}

export async function getOdp(db: Db, p: { orgId: string; odpId: string }) {
  const [row] = await db
    .select({ odp: odps, odcCode: infraSites.code, odcName: infraSites.name, usedPorts: usedPortsSql() })
    .from(odps)
    .leftJoin(infraSites, and(eq(infraSites.id, odps.odcId), eq(infraSites.organizationId, odps.organizationId)))
    .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return { ...row.odp, odcCode: row.odcCode, odcName: row.odcName, usedPorts: row.usedPorts };
}

/**
 * Removes an ODP. Customers still connected to it keep it: move them first. Terminated
 * subscriptions only lose the reference (the foreign key sets it null).
 */
export async function deleteOdp(db: Db, p: Actor & { odpId: string; filesDir?: string }) {
  const removed = await db.transaction(async (tx) => {
    const [odp] = await tx
      .select()
      .from(odps)
      .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)))
      .for('update');
    if (!odp) throw new AppError('not_found');
    const [live] = await tx
      .select({ n: count() })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.organizationId, p.orgId),
          eq(subscriptions.odpId, odp.id),
          ne(subscriptions.status, 'terminated'),
        ),
      );
    if (live && live.n > 0) throw new AppError('odp_in_use', { count: live.n });
    await detachOdp(tx, { orgId: p.orgId, odpId: odp.id });
    await tx.delete(odps).where(and(eq(odps.id, odp.id), eq(odps.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'odp.deleted',
      entityType: 'odp',
      entityId: odp.id,
      data: {
        code: odp.code,
        name: odp.name,
        latitude: odp.latitude,
        longitude: odp.longitude,
        totalPorts: odp.totalPorts,
      },
    });
    return odp;
  });
  await removeStoredPhoto(removed.photoPath, p.filesDir);
  return { odpId: removed.id };
}
