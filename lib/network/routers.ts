import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { infraSites, nas, routers, subscriptions, voucherBatches } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { enqueue } from '@/lib/jobs/enqueue';
import { nasAddressOf } from '@/lib/network/radius/nas-address';
import { writeIsolirGroup, writeNas } from '@/lib/network/radius/provision';
import type { RouterConnectOptions } from '@/lib/network/routeros/client';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { contains } from '@/lib/server/search';
import { ROUTER_MODES } from './constants';
import { routerSync } from './jobs';
import { assertNasAddressAllowed, assertRouterHostAllowed, routerConnectAddress } from './router-address';

const HOST =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\[?[0-9a-fA-F:]+\]?$/;
// RouterOS names: printable, no leading/trailing space; rate-limit like "512k/1M 2M/2M 1M/1M 8/8".
const ROUTER_NAME = z.string().trim().min(1, 'validation.required').max(60, 'validation.invalid');
// The router's login words go to RouterOS as API words: a control character would end or
// split one (and nobody types one on purpose).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const NO_CONTROL = /^[^\x00-\x1f\x7f]*$/;
const RATE_LIMIT = /^\d+[kKmMgG]?\/\d+[kKmMgG]?( \d+[kKmMgG]?\/\d+[kKmMgG]?){0,2}( \d+\/\d+)?$/;

export const routerSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.invalid'),
  host: z.string().trim().min(1, 'validation.required').regex(HOST, 'validation.host'),
  port: z.coerce
    .number('validation.port')
    .int('validation.port')
    .min(1, 'validation.port')
    .max(65535, 'validation.port'),
  tls: z.boolean().default(false),
  username: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(100, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters'),
  // Blank on edit keeps the stored password.
  password: z
    .string()
    .max(200, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters')
    .optional()
    .transform((v) => v || undefined),
  area: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || null),
  mode: z.enum(ROUTER_MODES, 'validation.invalid'),
  isolirProfile: ROUTER_NAME,
  isolirRateLimit: z.string().trim().regex(RATE_LIMIT, 'validation.rateLimit'),
  isolirAddressList: ROUTER_NAME,
  syncIntervalMinutes: z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(0, 'validation.invalid')
    .max(10080, 'validation.invalid'),
  // RADIUS mode: shared secret (blank on edit keeps it), the router's address as FreeRADIUS
  // sees it (blank: the host), and its CoA / Disconnect port.
  radiusSecret: z
    .string()
    .max(128, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters')
    .optional()
    .transform((v) => v || undefined),
  // Stored canonical (`::ffff:10.0.0.1` -> 10.0.0.1, IPv6 compressed): one router per address.
  nasAddress: z
    .string()
    .trim()
    .max(253, 'validation.nasAddressIp')
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const ip = nasAddressOf(v);
      if (!ip) ctx.addIssue({ code: 'custom', message: 'validation.nasAddressIp' });
      return ip ?? z.NEVER;
    }),
  coaPort: z.coerce
    .number('validation.port')
    .int('validation.port')
    .min(1, 'validation.port')
    .max(65535, 'validation.port')
    .default(3799),
});
export type RouterInput = z.output<typeof routerSchema>;

/** Everything about a router a screen may show: never the password, not even encrypted. */
const publicColumns = {
  id: routers.id,
  name: routers.name,
  host: routers.host,
  port: routers.port,
  tls: routers.tls,
  username: routers.username,
  area: routers.area,
  mode: routers.mode,
  nasAddress: routers.nasAddress,
  coaPort: routers.coaPort,
  // Whether a RADIUS secret is set, never the secret.
  hasRadiusSecret: sql<boolean>`${routers.radiusSecretEnc} is not null`,
  isolirProfile: routers.isolirProfile,
  isolirRateLimit: routers.isolirRateLimit,
  isolirAddressList: routers.isolirAddressList,
  syncIntervalMinutes: routers.syncIntervalMinutes,
  status: routers.status,
  lastSeenAt: routers.lastSeenAt,
  lastCheckedAt: routers.lastCheckedAt,
  lastError: routers.lastError,
  lastErrorKind: routers.lastErrorKind,
  lastSnapshot: routers.lastSnapshot,
  lastSyncAt: routers.lastSyncAt,
  createdAt: routers.createdAt,
};
export type RouterView = Awaited<ReturnType<typeof getRouter>>;

export async function listRouters(db: Db, p: { orgId: string; q?: string; page?: number; pageSize?: number }) {
  const pageSize = p.pageSize ?? 25;
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(routers.organizationId, p.orgId),
    p.q
      ? or(ilike(routers.name, contains(p.q)), ilike(routers.host, contains(p.q)), ilike(routers.area, contains(p.q)))
      : undefined,
  );
  const customersOn = db
    .select({ routerId: subscriptions.routerId, n: count().as('n') })
    .from(subscriptions)
    .where(and(eq(subscriptions.organizationId, p.orgId), ne(subscriptions.status, 'terminated')))
    .groupBy(subscriptions.routerId)
    .as('customers_on');
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...publicColumns, subscriptions: customersOn.n })
      .from(routers)
      .leftJoin(customersOn, eq(customersOn.routerId, routers.id))
      .where(where)
      .orderBy(asc(routers.name), asc(routers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(routers).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, subscriptions: Number(r.subscriptions ?? 0) })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}

/** Names and status only: the header switcher and selects. */
export async function routerChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: routers.id, name: routers.name, status: routers.status, mode: routers.mode, area: routers.area })
    .from(routers)
    .where(eq(routers.organizationId, p.orgId))
    .orderBy(asc(routers.name))
    .limit(500);
}

export async function getRouter(db: Db, p: { orgId: string; routerId: string }) {
  const [row] = await db
    .select(publicColumns)
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function saveRouter(db: Db, p: Actor & { routerId?: string; input: RouterInput }) {
  return saveRouterTx(db, p).catch((error: unknown) => {
    // Two saves raced for one RADIUS address: the unique index on nas(nasname) decided.
    const e = error as { code?: string; cause?: { code?: string; constraint_name?: string }; constraint_name?: string };
    if ((e.cause?.code ?? e.code) === '23505' && (e.cause?.constraint_name ?? e.constraint_name) === 'nas_nasname')
      throw new AppError('nas_address_taken', { address: p.input.nasAddress ?? p.input.host });
    throw error;
  });
}

async function saveRouterTx(db: Db, p: Actor & { routerId?: string; input: RouterInput }) {
  const { password, radiusSecret, ...rest } = p.input;
  if (!p.routerId && !password) throw new AppError('validation', { field: 'password' });
  await assertRouterHostAllowed(rest.host);
  // Canonical before the uniqueness check (the schema does it for forms; imports and tests
  // call this directly): `::ffff:10.0.0.1`, ` 10.0.0.1` and `10.0.0.1` are one NAS.
  if (rest.nasAddress !== null) {
    const canonical = nasAddressOf(rest.nasAddress);
    if (!canonical) throw new AppError('validation', {}, { nasAddress: 'validation.nasAddressIp' });
    rest.nasAddress = canonical;
  }
  // Checked before the uniqueness below, so a refused address never says whether it is taken.
  if (rest.mode === 'radius') await assertNasAddressAllowed(rest.nasAddress ?? nasAddressOf(rest.host));
  return db.transaction(async (tx) => {
    const [before] = p.routerId
      ? await tx
          .select()
          .from(routers)
          .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
      : [];
    const [clash] = await tx
      .select({ id: routers.id })
      .from(routers)
      .where(
        and(
          eq(routers.organizationId, p.orgId),
          eq(routers.name, rest.name),
          p.routerId ? ne(routers.id, p.routerId) : undefined,
        ),
      );
    if (clash) throw new AppError('router_name_taken');
    const values = {
      ...rest,
      ...(password ? { passwordEnc: encryptSecret(password) } : {}),
      ...(radiusSecret ? { radiusSecretEnc: encryptSecret(radiusSecret) } : {}),
    };
    if (rest.mode === 'radius' && !radiusSecret && !before?.radiusSecretEnc)
      throw new AppError('radius_secret_required');
    if (rest.mode === 'radius') {
      // FreeRADIUS tells its clients apart by source address: one router per address, across
      // every organization on this server (the message does not say whose it is).
      const address = rest.nasAddress ?? nasAddressOf(rest.host);
      if (!address) throw new AppError('validation', {}, { nasAddress: 'validation.nasAddressIp' });
      const [taken] = await tx
        .select({ id: nas.id })
        .from(nas)
        .where(and(eq(nas.nasname, address), p.routerId ? ne(nas.routerId, p.routerId) : undefined));
      if (taken) throw new AppError('nas_address_taken', { address });
    }
    const [row] = p.routerId
      ? await tx
          .update(routers)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
          .returning({ id: routers.id })
      : await tx
          .insert(routers)
          .values({ organizationId: p.orgId, ...values, passwordEnc: encryptSecret(password!) })
          .returning({ id: routers.id });
    if (!row) throw new AppError('not_found');
    // FreeRADIUS's client list follows at once; the subscriptions' rows are (re)written by
    // the router's sync job when the mode or the secret changed (can be many thousands).
    await writeNas(tx, { orgId: p.orgId, routerId: row.id });
    const radiusChanged =
      rest.mode === 'radius' ? before?.mode !== 'radius' || Boolean(radiusSecret) : before?.mode === 'radius';
    if (rest.mode === 'radius')
      await writeIsolirGroup(tx, {
        orgId: p.orgId,
        rateLimit: rest.isolirRateLimit,
        addressList: rest.isolirAddressList,
      });
    if (radiusChanged) {
      await enqueue(tx, routerSync, {
        orgId: p.orgId,
        routerId: row.id,
        payload: { routerId: row.id, removeExtra: false },
        createdBy: p.actorUserId,
      });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.routerId ? 'router.updated' : 'router.created',
      entityType: 'router',
      entityId: row.id,
      // The audit log says the password changed, never what it is.
      data: {
        ...rest,
        password: password ? 'changed' : 'unchanged',
        radiusSecret: radiusSecret ? 'changed' : 'unchanged',
      },
    });
    return row;
  });
}

export async function deleteRouter(db: Db, p: Actor & { routerId: string }) {
  return db.transaction(async (tx) => {
    const router = await getRouter(tx, p);
    const [inUse] = await tx
      .select({ n: count() })
      .from(subscriptions)
      .where(and(eq(subscriptions.routerId, p.routerId), eq(subscriptions.organizationId, p.orgId)));
    if ((inUse?.n ?? 0) > 0) throw new AppError('router_in_use', { count: inUse!.n });
    // Voucher batches keep their router (no cascade): sold codes must not lose where they live.
    const [batches] = await tx
      .select({ n: count() })
      .from(voucherBatches)
      .where(and(eq(voucherBatches.routerId, p.routerId), eq(voucherBatches.organizationId, p.orgId)));
    if ((batches?.n ?? 0) > 0) throw new AppError('router_has_vouchers', { count: batches!.n });
    await tx.delete(nas).where(and(eq(nas.routerId, p.routerId), eq(nas.organizationId, p.orgId)));
    // Sites it served (the outage topology) lose the link rather than block the delete.
    await tx
      .update(infraSites)
      .set({ routerId: null })
      .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.routerId, p.routerId)));
    await tx.delete(routers).where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'router.deleted',
      entityType: 'router',
      entityId: p.routerId,
      data: { name: router.name, host: router.host },
    });
    return { deleted: true };
  });
}

/** Worker only: the router's settings with its password decrypted, for the pool. */
export async function routerConnectionSettings(db: Db, p: { orgId: string; routerId: string }) {
  const [row] = await db
    .select()
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  // Hosted platforms check the host again before each new connection (DNS may have changed).
  const connect: RouterConnectOptions = {
    host: row.host,
    port: row.port,
    tls: row.tls,
    username: row.username,
    password: decryptSecret(row.passwordEnc),
    resolveAddress: routerConnectAddress,
  };
  return { router: row, connect };
}

/**
 * The router a new subscription starts on: the one serving the customer's area, or the
 * organization's only router. Staff can change it on the customer page.
 */
export async function defaultRouterFor(db: Db, p: { orgId: string; area: string | null }) {
  // An only router that is reserved for another area is not this customer's: the router
  // form promises that only its area's customers go there.
  const list = await db
    .select({ id: routers.id, area: routers.area })
    .from(routers)
    .where(eq(routers.organizationId, p.orgId));
  const norm = (v: string | null | undefined) => v?.trim().toLowerCase() || null;
  const area = norm(p.area);
  const byArea = area ? list.filter((r) => norm(r.area) === area) : [];
  if (byArea.length === 1) return byArea[0]!.id;
  if (byArea.length > 1) return null;
  return list.length === 1 && norm(list[0]!.area) === null ? list[0]!.id : null;
}
