import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { BILLING_TYPES } from '@/db/enums';
import {
  customers,
  plans,
  type RouterImportEntry,
  routerImports,
  subscriptionHistory,
  subscriptions,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { importSchedule, paidUntilSchema } from '@/lib/billing/import-schedule';
import { allocateCustomerNumbers, searchTextFor } from '@/lib/core/customer-search';
import { isVoucherEntry } from '@/lib/core/voucher-comment';
import { encryptSecret } from '@/lib/crypto';
import { customerRows, emitRows, idIn } from '@/lib/events/rows';
import { applyRadiusStatus, writeCredentials } from '@/lib/network/radius/provision';
import type { RouterApi } from '@/lib/network/routeros/client';
import { AppError } from '@/lib/server/errors';
import type { RouterAccess } from './router-access';
import { MENUS, planProfileName, secretProplist } from './router-state';
import { getRouter } from './routers';

/** Reads every PPP secret and hotspot user off a router (two commands). */
export async function readRouterEntries(api: RouterApi): Promise<RouterImportEntry[]> {
  const entries: RouterImportEntry[] = [];
  for (const kind of ['pppoe', 'hotspot'] as const) {
    const props = MENUS[kind].props;
    const rows = await api.exec(`${MENUS[kind].secret}/print`, [secretProplist(kind)]);
    for (const r of rows) {
      // Hotspot vouchers are not customers: they belong to their batch (lib/vouchers).
      if (!r.name || (kind === 'hotspot' && isVoucherEntry(r.comment))) continue;
      entries.push({
        kind,
        name: r.name,
        // RouterOS leaves passwords out unless the API user has the `sensitive` policy.
        passwordEnc: r.password === undefined ? null : encryptSecret(r.password),
        profile: r.profile ?? 'default',
        disabled: r.disabled === 'true' || r.disabled === 'yes',
        remoteAddress: r[props.remoteAddress] || null,
        localAddress: props.localAddress ? r[props.localAddress] || null : null,
        callerId: r[props.callerId] || null,
        comment: r.comment || null,
      });
    }
  }
  return entries;
}

export async function saveImportPreview(
  db: Db,
  p: { orgId: string; routerId: string; jobId: string; entries: RouterImportEntry[] },
) {
  const [row] = await db
    .insert(routerImports)
    .values({ organizationId: p.orgId, routerId: p.routerId, jobId: p.jobId, entries: p.entries })
    .onConflictDoUpdate({ target: routerImports.jobId, set: { entries: p.entries } })
    .returning({ id: routerImports.id });
  return row!;
}

/**
 * The `router-import` job: a router's PPP secrets and hotspot users read and kept (keyed by
 * the job) for the import preview.
 */
export async function readImportPreview(
  db: Db,
  access: RouterAccess,
  p: { orgId: string; routerId: string; jobId: string },
) {
  const entries = await access.use({ orgId: p.orgId, routerId: p.routerId }, (api) => readRouterEntries(api));
  const saved = await saveImportPreview(db, { ...p, entries });
  return {
    importId: saved.id,
    pppoe: entries.filter((e) => e.kind === 'pppoe').length,
    hotspot: entries.filter((e) => e.kind === 'hotspot').length,
  };
}

async function loadImport(db: Db, p: { orgId: string; importId: string; lock?: boolean }) {
  const q = db
    .select()
    .from(routerImports)
    .where(and(eq(routerImports.id, p.importId), eq(routerImports.organizationId, p.orgId)));
  const [row] = p.lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The preview: entries grouped by router profile, each profile with the plan it matches
 * (a plan whose router profile — or name — is that profile), and which usernames already
 * belong to a customer and will be skipped.
 */
export async function getImportPreview(db: Db, p: { orgId: string; importId: string; paidUntil?: string | null }) {
  const imp = await loadImport(db, p);
  // When the imported subscriptions are first invoiced and, unpaid, isolated, by billing type.
  const schedule = await importSchedule(db, { orgId: p.orgId, paidUntil: p.paidUntil });
  const router = await getRouter(db, { orgId: p.orgId, routerId: imp.routerId });
  const names = imp.entries.map((e) => e.name);
  const existing = new Set<string>();
  for (let i = 0; i < names.length; i += 5000) {
    const rows = await db
      .select({ u: subscriptions.serviceUsername })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.organizationId, p.orgId),
          inArray(subscriptions.serviceUsername, names.slice(i, i + 5000)),
        ),
      );
    for (const r of rows) existing.add(r.u);
  }
  const orgPlans = await db
    .select({ id: plans.id, name: plans.name, routerProfile: plans.routerProfile, serviceType: plans.serviceType })
    .from(plans)
    .where(and(eq(plans.organizationId, p.orgId), eq(plans.active, true)));
  const profiles = new Map<
    string,
    { kind: 'pppoe' | 'hotspot'; profile: string; count: number; suggestedPlanId: string | null; isolir: boolean }
  >();
  const seen = new Set<string>();
  let duplicates = 0;
  let withoutPassword = 0;
  for (const e of imp.entries) {
    if (existing.has(e.name)) continue;
    // A username is one subscription: a PPP secret and a hotspot user of the same name
    // come in once (the first listed).
    if (seen.has(e.name)) {
      duplicates++;
      continue;
    }
    seen.add(e.name);
    if (e.passwordEnc === null) {
      withoutPassword++;
      continue;
    }
    const key = `${e.kind}:${e.profile}`;
    const found = profiles.get(key);
    if (found) found.count++;
    else {
      const plan = orgPlans.find((pl) => pl.serviceType === e.kind && planProfileName(pl) === e.profile);
      profiles.set(key, {
        kind: e.kind,
        profile: e.profile,
        count: 1,
        suggestedPlanId: plan?.id ?? null,
        isolir: e.profile === router.isolirProfile,
      });
    }
  }
  return {
    id: imp.id,
    routerId: imp.routerId,
    routerName: router.name,
    importedAt: imp.importedAt,
    importedCount: imp.importedCount,
    total: imp.entries.length,
    existing: existing.size,
    duplicates,
    // After the import the stored entries no longer hold passwords: nothing to warn about.
    withoutPassword: imp.importedAt ? 0 : withoutPassword,
    profiles: [...profiles.values()].sort((a, b) => b.count - a.count),
    // Why nothing can be imported, when nothing can: an empty router is not "all taken".
    nothingNewReason:
      profiles.size > 0 ? null : imp.entries.length === 0 ? ('router_empty' as const) : ('all_taken' as const),
    plans: orgPlans,
    schedule,
    sample: imp.entries.slice(0, 50).map((e) => ({
      kind: e.kind,
      name: e.name,
      profile: e.profile,
      disabled: e.disabled,
      comment: e.comment,
      exists: existing.has(e.name),
    })),
  };
}

export const confirmImportSchema = z.object({
  importId: z.string().uuid(),
  billingType: z.enum(BILLING_TYPES, 'validation.billingType'),
  // "<kind>:<profile>" -> plan id; unmapped profiles are skipped.
  mapping: z.record(z.string(), z.string().uuid().or(z.literal(''))),
  paidUntil: paidUntilSchema,
});

/**
 * Creates a customer and a subscription on this router for each new entry whose profile is
 * mapped to a plan: disabled entries come in suspended, entries on the isolir profile come
 * in isolated, the rest active. All in one transaction; an import is confirmed once.
 * Phone and address are left for staff to fill in (the router does not know them).
 */
export async function confirmImport(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: z.output<typeof confirmImportSchema> },
) {
  return confirmImportTx(db, p).catch((error: unknown) => {
    // Another import (or a new customer) took one of these usernames in the meantime.
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
    if (code === '23505') throw new AppError('username_taken');
    throw error;
  });
}

async function confirmImportTx(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: z.output<typeof confirmImportSchema> },
) {
  return db.transaction(async (tx) => {
    const imp = await loadImport(tx, { orgId: p.orgId, importId: p.input.importId, lock: true });
    if (imp.importedAt) throw new AppError('import_done');
    const router = await getRouter(tx, { orgId: p.orgId, routerId: imp.routerId });
    const preview = await getImportPreview(tx, { orgId: p.orgId, importId: imp.id, paidUntil: p.input.paidUntil });
    // Customers brought over from a router have paid their old system: never bill the
    // running month again (see lib/billing/schedule).
    const billingStartsOn = preview.schedule.postpaid.period;
    const planIds = new Set(preview.plans.map((pl) => pl.id));
    const existing = new Set(
      (
        await tx
          .select({ u: subscriptions.serviceUsername })
          .from(subscriptions)
          .where(
            and(
              eq(subscriptions.organizationId, p.orgId),
              inArray(
                subscriptions.serviceUsername,
                imp.entries.map((e) => e.name),
              ),
            ),
          )
      ).map((r) => r.u),
    );
    const seen = new Set<string>();
    const rows = imp.entries.flatMap((e) => {
      const planId = p.input.mapping[`${e.kind}:${e.profile}`];
      if (!planId || !planIds.has(planId) || existing.has(e.name) || seen.has(e.name) || e.passwordEnc === null)
        return [];
      seen.add(e.name);
      const status = e.disabled
        ? ('suspended' as const)
        : e.profile === router.isolirProfile
          ? ('isolated' as const)
          : ('active' as const);
      return [{ ...e, planId, status }];
    });
    if (rows.length === 0) return { imported: 0, skipped: imp.entries.length };
    const numbers = await allocateCustomerNumbers(tx, p.orgId, rows.length);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const inserted = await tx
        .insert(customers)
        .values(
          chunk.map((r, j) => {
            const name = (r.comment?.trim() || r.name).slice(0, 120);
            return {
              organizationId: p.orgId,
              number: numbers[i + j]!,
              name,
              phone: '',
              address: '',
              area: router.area,
              status: r.status,
              planId: r.planId,
              searchText: searchTextFor({ name, phone: '', number: numbers[i + j]! }, [r.name]),
            };
          }),
        )
        .returning({ id: customers.id });
      await emitRows(tx, {
        orgId: p.orgId,
        type: 'customer.created',
        rows: customerRows({
          orgId: p.orgId,
          where: idIn(
            sql`c.id`,
            inserted.map((c) => c.id),
          ),
          source: 'router_import',
        }),
      });
      const subs = await tx
        .insert(subscriptions)
        .values(
          chunk.map((r, j) => ({
            organizationId: p.orgId,
            customerId: inserted[j]!.id,
            planId: r.planId,
            billingType: p.input.billingType,
            serviceUsername: r.name,
            servicePasswordEnc: r.passwordEnc!,
            status: r.status,
            routerId: router.id,
            remoteAddress: r.remoteAddress,
            localAddress: r.localAddress,
            callerId: r.callerId,
            activatedAt: null,
            billingStartsOn,
          })),
        )
        .returning({ id: subscriptions.id, status: subscriptions.status });
      await tx.insert(subscriptionHistory).values(
        subs.map((s) => ({
          organizationId: p.orgId,
          subscriptionId: s.id,
          fromStatus: null,
          toStatus: s.status,
          reason: 'imported_from_router',
          actorUserId: p.actorUserId,
        })),
      );
    }
    // On a RADIUS-mode router the new customers get their RADIUS rows now.
    if (router.mode === 'radius') {
      const where = sql`s.router_id = ${router.id} and s.service_username in (select jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.name))}::jsonb))`;
      await writeCredentials(tx, { orgId: p.orgId, where });
      await applyRadiusStatus(tx, { orgId: p.orgId, where });
    }
    // What was read off the router is kept for the record, without the passwords.
    await tx
      .update(routerImports)
      .set({
        importedAt: sql`now()`,
        importedCount: rows.length,
        entries: imp.entries.map((e) => ({ ...e, passwordEnc: null })),
      })
      .where(and(eq(routerImports.id, imp.id), isNull(routerImports.importedAt)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'router.imported',
      entityType: 'router',
      entityId: router.id,
      data: { importId: imp.id, imported: rows.length, first: numbers[0], last: numbers.at(-1), billingStartsOn },
    });
    return { imported: rows.length, skipped: imp.entries.length - rows.length };
  });
}
