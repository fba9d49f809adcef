import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, odps, subscriptions } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { distanceMeters, type LatLng } from './geo';
import { nearestFirstSql } from './geo-sql';
import { odpSummaryColumns, usedPortsSql } from './odp-usage';

/** A port number from a form: '' means "not known yet". Upper bound checked against the ODP. */
export const odpPortSchema = z
  .preprocess(
    (v) => (v === '' ? null : v),
    z.coerce
      .number('validation.odpPort')
      .int('validation.odpPort')
      .min(1, 'validation.odpPort')
      .max(256, 'validation.odpPort')
      .nullish(),
  )
  .transform((v) => v ?? null);

/** An ODP reference: absent = keep as is, '' or null = none, else a uuid. */
export const odpRefSchema = z.preprocess((v) => (v === '' ? null : v), z.string().uuid('validation.invalid').nullish());

function range(n: number) {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Ports 1..N of an ODP that no subscription is plugged into. */
export async function listFreePorts(db: Db, p: { orgId: string; odpId: string }) {
  const odp = await odpOfOrg(db, p);
  const taken = await db
    .select({ port: subscriptions.odpPort })
    .from(subscriptions)
    .where(
      and(eq(subscriptions.organizationId, p.orgId), eq(subscriptions.odpId, odp.id), isNotNull(subscriptions.odpPort)),
    );
  const used = new Set(taken.map((t) => t.port));
  return {
    odpId: odp.id,
    code: odp.code,
    totalPorts: odp.totalPorts,
    free: range(odp.totalPorts).filter((n) => !used.has(n)),
  };
}

/** Every port of an ODP with who is on it, and live subscriptions on it with no port number yet. */
export async function odpPortMap(db: Db, p: { orgId: string; odpId: string; totalPorts: number }) {
  const rows = await db
    .select({
      subscriptionId: subscriptions.id,
      port: subscriptions.odpPort,
      status: subscriptions.status,
      serviceUsername: subscriptions.serviceUsername,
      customerId: customers.id,
      customerName: customers.name,
      customerNumber: customers.number,
    })
    .from(subscriptions)
    .innerJoin(
      customers,
      and(eq(customers.id, subscriptions.customerId), eq(customers.organizationId, subscriptions.organizationId)),
    )
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        eq(subscriptions.odpId, p.odpId),
        // Terminating frees the port: a terminated subscription is no longer on the ODP.
        ne(subscriptions.status, 'terminated'),
      ),
    )
    .orderBy(asc(subscriptions.odpPort), asc(customers.name));
  const byPort = new Map(rows.filter((r) => r.port !== null).map((r) => [r.port!, r]));
  return {
    ports: range(Math.max(p.totalPorts, ...byPort.keys())).map((port) => ({ port, on: byPort.get(port) ?? null })),
    unnumbered: rows.filter((r) => r.port === null),
  };
}

/** An ODP id from input must be this organization's; `lock` for the checks that decide a port. */
async function odpOfOrg(db: Db, p: { orgId: string; odpId: string }, lock?: 'update' | 'share') {
  const query = db
    .select({ id: odps.id, code: odps.code, totalPorts: odps.totalPorts })
    .from(odps)
    .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)));
  const [odp] = lock ? await query.for(lock) : await query;
  if (!odp) throw new AppError('not_found', {}, { odpId: 'validation.invalid' });
  return odp;
}

/**
 * A subscription is about to be put on this ODP: it must be this organization's and have a
 * port left (live subscriptions counted, numbered or not). The ODP row is locked first and
 * counted after, so two customers racing for the last port are counted one after the other.
 */
export async function assertOdpHasRoom(tx: Db, p: { orgId: string; odpId: string }) {
  const odp = await odpOfOrg(tx, p, 'update');
  const [{ used } = { used: 0 }] = await tx
    .select({ used: usedPortsSql() })
    .from(odps)
    .where(and(eq(odps.id, odp.id), eq(odps.organizationId, p.orgId)));
  if (used >= odp.totalPorts)
    throw new AppError('odp_full', { code: odp.code, total: odp.totalPorts }, { odpId: 'validation.odpFull' });
  return odp;
}

const portTaken = (port: number) => new AppError('odp_port_taken', { port }, { odpPort: 'validation.odpPortTaken' });

/**
 * Checks that `port` can be given to a subscription on this ODP: within 1..total ports and
 * not someone else's. The ODP row is read "for share" so a concurrent port-count change waits.
 * Two assignments racing for one port both pass here; the unique index then refuses one
 * (see withPortGuard).
 */
export async function assertPortFree(
  tx: Db,
  p: { orgId: string; odpId: string; port: number; subscriptionId?: string },
) {
  const odp = await odpOfOrg(tx, p, 'share');
  if (p.port > odp.totalPorts)
    throw new AppError(
      'odp_port_range',
      { port: p.port, total: odp.totalPorts, code: odp.code },
      { odpPort: 'validation.odpPort' },
    );
  const [other] = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        eq(subscriptions.odpId, odp.id),
        eq(subscriptions.odpPort, p.port),
        p.subscriptionId ? ne(subscriptions.id, p.subscriptionId) : undefined,
      ),
    );
  if (other) throw portTaken(p.port);
  return odp;
}

/** Turns the unique index's verdict on a port race into the operator's message. */
export function withPortGuard<T>(work: Promise<T>, port: () => number | null | undefined): Promise<T> {
  return work.catch((error: unknown) => {
    if (uniqueViolation(error) === 'subscriptions_odp_port_uq') throw portTaken(port() ?? 0);
    throw error;
  });
}

/**
 * Where a subscription's drop cable goes after an edit: `odpId` absent keeps the ODP, null
 * clears it; `odpPort` absent keeps the port only while the ODP stays the same. A new ODP
 * must have room; a new port, or the same port on a new ODP, is checked.
 */
export async function resolvePlacement(
  tx: Db,
  p: {
    orgId: string;
    subscriptionId: string;
    current: { odpId: string | null; odpPort: number | null; status: string };
    odpId?: string | null;
    odpPort?: number | null;
  },
) {
  const odpId = p.odpId === undefined ? p.current.odpId : p.odpId;
  const sameOdp = odpId === p.current.odpId;
  const odpPort = p.odpPort === undefined ? (sameOdp ? p.current.odpPort : null) : p.odpPort;
  if (odpPort !== null && !odpId) throw new AppError('validation', {}, { odpPort: 'validation.odpPortNoOdp' });
  if (odpId && !sameOdp) {
    // A terminated subscription only keeps the ODP as history: it takes no port there.
    if (p.current.status === 'terminated') await odpOfOrg(tx, { orgId: p.orgId, odpId });
    else await assertOdpHasRoom(tx, { orgId: p.orgId, odpId });
  }
  if (odpId && odpPort !== null && (!sameOdp || odpPort !== p.current.odpPort)) {
    await assertPortFree(tx, { orgId: p.orgId, odpId, port: odpPort, subscriptionId: p.subscriptionId });
  }
  return { odpId, odpPort };
}

/**
 * ODPs to offer for a customer: the nearest first when the customer has coordinates (with
 * the distance), else by code; the ODPs it is on now are always among them.
 */
export async function odpChoices(
  db: Db,
  p: { orgId: string; near?: LatLng | null; includeIds?: string[]; limit?: number },
) {
  // KNN on the (organization_id, point) GiST index.
  const order = p.near ? nearestFirstSql(odps.latitude, odps.longitude, p.near) : asc(odps.code);
  const columns = odpSummaryColumns();
  const rows = await db
    .select(columns)
    .from(odps)
    .where(eq(odps.organizationId, p.orgId))
    .orderBy(order)
    .limit(p.limit ?? 30);
  const missing = (p.includeIds ?? []).filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0)
    rows.unshift(
      ...(await db
        .select(columns)
        .from(odps)
        .where(and(inArray(odps.id, missing), eq(odps.organizationId, p.orgId)))),
    );
  return rows.map(({ latitude, longitude, ...r }) => ({
    ...r,
    distanceM: p.near ? Math.round(distanceMeters(p.near, { latitude, longitude })) : null,
  }));
}
