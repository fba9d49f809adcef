import { and, asc, count, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { infraSites, odps, oltPonPorts, olts, onus } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { contains } from '@/lib/server/search';

const ponNumber = z.coerce
  .number('validation.ponNumber')
  .int('validation.ponNumber')
  .min(0, 'validation.ponNumber')
  .max(255, 'validation.ponNumber');

export const ponPortSchema = z.object({
  frame: ponNumber.default(0),
  slot: ponNumber,
  port: ponNumber,
  name: z
    .string()
    .trim()
    .max(60, 'validation.invalid')
    .optional()
    .transform((v) => v || null),
  description: z
    .string()
    .trim()
    .max(200, 'validation.invalid')
    .optional()
    .transform((v) => v || null),
});

/** What a PON port feeds: ODC cabinets (infra sites of kind 'odc') or ODPs directly. */
export const FEED_KINDS = ['odc', 'odp'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/**
 * An OLT's PON ports with their ONU count and the ODCs/ODPs each feeds: three queries for
 * the whole list, whatever its length.
 */
export async function listPonPorts(db: Db, p: { orgId: string; oltId: string }) {
  const onuCount = db
    .select({ ponPortId: onus.ponPortId, n: count().as('n') })
    .from(onus)
    .where(and(eq(onus.organizationId, p.orgId), eq(onus.oltId, p.oltId)))
    .groupBy(onus.ponPortId)
    .as('onu_count');
  const ports = await db
    .select({
      id: oltPonPorts.id,
      frame: oltPonPorts.frame,
      slot: oltPonPorts.slot,
      port: oltPonPorts.port,
      name: oltPonPorts.name,
      description: oltPonPorts.description,
      onus: sql<number>`coalesce(${onuCount.n}, 0)::int`,
    })
    .from(oltPonPorts)
    .leftJoin(onuCount, eq(onuCount.ponPortId, oltPonPorts.id))
    .where(and(eq(oltPonPorts.organizationId, p.orgId), eq(oltPonPorts.oltId, p.oltId)))
    .orderBy(asc(oltPonPorts.frame), asc(oltPonPorts.slot), asc(oltPonPorts.port));
  const ids = ports.map((x) => x.id);
  const [odcs, odpRows] = ids.length
    ? await Promise.all([
        db
          .select({ id: infraSites.id, code: infraSites.code, name: infraSites.name, ponPortId: infraSites.ponPortId })
          .from(infraSites)
          .where(and(eq(infraSites.organizationId, p.orgId), inArray(infraSites.ponPortId, ids)))
          .orderBy(asc(infraSites.code)),
        db
          .select({ id: odps.id, code: odps.code, name: odps.name, ponPortId: odps.ponPortId })
          .from(odps)
          .where(and(eq(odps.organizationId, p.orgId), inArray(odps.ponPortId, ids)))
          .orderBy(asc(odps.code)),
      ])
    : [[], []];
  return ports.map((port) => ({
    ...port,
    odcs: odcs.filter((o) => o.ponPortId === port.id).map(({ ponPortId: _, ...o }) => o),
    odps: odpRows.filter((o) => o.ponPortId === port.id).map(({ ponPortId: _, ...o }) => o),
  }));
}

/** Every PON port of the organization as "OLT · port": the ODP and ODC forms' select. */
export async function ponPortChoices(db: Db, p: { orgId: string }) {
  return db
    .select({
      id: oltPonPorts.id,
      name: oltPonPorts.name,
      oltId: olts.id,
      oltName: olts.name,
      description: oltPonPorts.description,
    })
    .from(oltPonPorts)
    .innerJoin(olts, and(eq(olts.id, oltPonPorts.oltId), eq(olts.organizationId, oltPonPorts.organizationId)))
    .where(eq(oltPonPorts.organizationId, p.orgId))
    .orderBy(asc(olts.name), asc(oltPonPorts.frame), asc(oltPonPorts.slot), asc(oltPonPorts.port))
    .limit(2000);
}

/**
 * A PON port id given by a form: it must be a port of this organization. The foreign key
 * alone would accept another tenant's port (it points at the id only).
 */
export async function assertPonPortOfOrg(db: Db, p: { orgId: string; ponPortId: string | null | undefined }) {
  if (!p.ponPortId) return;
  const [row] = await db
    .select({ id: oltPonPorts.id })
    .from(oltPonPorts)
    .where(and(eq(oltPonPorts.id, p.ponPortId), eq(oltPonPorts.organizationId, p.orgId)));
  if (!row) throw new AppError('pon_port_other_olt', {}, { ponPortId: 'validation.ponPort' });
}

async function portOf(db: Db, p: { orgId: string; ponPortId: string }) {
  const [row] = await db
    .select()
    .from(oltPonPorts)
    .where(and(eq(oltPonPorts.id, p.ponPortId), eq(oltPonPorts.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function updatePonPort(
  db: Db,
  p: Actor & { ponPortId: string; name: string | null; description: string | null },
) {
  return db.transaction(async (tx) => {
    const port = await portOf(tx, p);
    const [row] = await tx
      .update(oltPonPorts)
      .set({ name: p.name ?? port.name, description: p.description })
      .where(and(eq(oltPonPorts.id, port.id), eq(oltPonPorts.organizationId, p.orgId)))
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'ponPort.updated',
      entityType: 'olt',
      entityId: port.oltId,
      data: { ponPortId: port.id, name: row!.name, description: row!.description },
    });
    return row!;
  });
}

/** Removes a PON port; refused while ONUs are registered on it. What it fed loses the link. */
export async function deletePonPort(db: Db, p: Actor & { ponPortId: string }) {
  return db.transaction(async (tx) => {
    const port = await portOf(tx, p);
    const [registered] = await tx
      .select({ n: count() })
      .from(onus)
      .where(and(eq(onus.organizationId, p.orgId), eq(onus.ponPortId, port.id)));
    if ((registered?.n ?? 0) > 0) throw new AppError('pon_port_has_onus', { count: registered!.n });
    await tx.delete(oltPonPorts).where(and(eq(oltPonPorts.id, port.id), eq(oltPonPorts.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'ponPort.deleted',
      entityType: 'olt',
      entityId: port.oltId,
      data: { ponPortId: port.id, name: port.name },
    });
    return { deleted: true };
  });
}

/**
 * Links an ODC or ODP to the PON port that feeds it (`ponPortId` null unlinks it). Both must
 * be this organization's: a port or cabinet of another organization is refused.
 */
export async function setFeed(db: Db, p: Actor & { kind: FeedKind; targetId: string; ponPortId: string | null }) {
  return db.transaction(async (tx) => {
    const port = p.ponPortId ? await portOf(tx, { orgId: p.orgId, ponPortId: p.ponPortId }) : null;
    const table = p.kind === 'odc' ? infraSites : odps;
    const [before] =
      p.kind === 'odc'
        ? await tx
            .select({ id: infraSites.id, code: infraSites.code, ponPortId: infraSites.ponPortId })
            .from(infraSites)
            .where(
              and(eq(infraSites.id, p.targetId), eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'odc')),
            )
        : await tx
            .select({ id: odps.id, code: odps.code, ponPortId: odps.ponPortId })
            .from(odps)
            .where(and(eq(odps.id, p.targetId), eq(odps.organizationId, p.orgId)));
    if (!before) throw new AppError('not_found');
    await tx
      .update(table)
      .set({ ponPortId: port?.id ?? null, updatedAt: sql`now()` })
      .where(and(eq(table.id, before.id), eq(table.organizationId, p.orgId)));
    const portId = port?.id ?? before.ponPortId;
    const [oltOfPort] = portId
      ? await tx.select({ oltId: oltPonPorts.oltId }).from(oltPonPorts).where(eq(oltPonPorts.id, portId))
      : [];
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: port ? 'ponPort.linked' : 'ponPort.unlinked',
      entityType: 'olt',
      entityId: oltOfPort?.oltId ?? null,
      data: { kind: p.kind, code: before.code, ponPortId: portId, previousPonPortId: before.ponPortId },
    });
    return { linked: Boolean(port) };
  });
}

/**
 * ODCs and ODPs to link to a port, by code or name (the OLT page's picker): those not fed
 * by this port yet, ODCs first.
 */
export async function searchFeedTargets(db: Db, p: { orgId: string; ponPortId: string; q?: string }) {
  const q = p.q?.trim();
  const [odcs, odpRows] = await Promise.all([
    db
      .select({ id: infraSites.id, code: infraSites.code, name: infraSites.name, ponPortId: infraSites.ponPortId })
      .from(infraSites)
      .where(
        and(
          eq(infraSites.organizationId, p.orgId),
          eq(infraSites.kind, 'odc'),
          or(isNull(infraSites.ponPortId), ne(infraSites.ponPortId, p.ponPortId)),
          q ? or(ilike(infraSites.code, contains(q)), ilike(infraSites.name, contains(q))) : undefined,
        ),
      )
      .orderBy(asc(infraSites.code))
      .limit(10),
    db
      .select({ id: odps.id, code: odps.code, name: odps.name, ponPortId: odps.ponPortId })
      .from(odps)
      .where(
        and(
          eq(odps.organizationId, p.orgId),
          or(isNull(odps.ponPortId), ne(odps.ponPortId, p.ponPortId)),
          q ? or(ilike(odps.code, contains(q)), ilike(odps.name, contains(q))) : undefined,
        ),
      )
      .orderBy(asc(odps.code))
      .limit(10),
  ]);
  return [
    ...odcs.map((o) => ({ kind: 'odc' as const, ...o, linkedElsewhere: o.ponPortId !== null })),
    ...odpRows.map((o) => ({ kind: 'odp' as const, ...o, linkedElsewhere: o.ponPortId !== null })),
  ];
}
