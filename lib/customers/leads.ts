import { randomInt } from 'node:crypto';
import { and, desc, eq, gte, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, leads, plans, subscriptionHistory, subscriptions, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { allocateCustomerNumbers, searchTextFor } from '@/lib/core/customer-search';
import { encryptSecret } from '@/lib/crypto';
import { customerRows, emitRows } from '@/lib/events/rows';
import { type Coverage, checkCoverage, coverageRadius } from '@/lib/infrastructure/coverage';
import { assertOdpHasRoom, assertPortFree, withPortGuard } from '@/lib/infrastructure/ports';
import { defaultRouterFor } from '@/lib/network/routers';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { voucherCodesAmong } from '@/lib/vouchers/names';
import { createInstallationForLead } from '@/lib/workorders/create';
import { LEAD_STATUSES, type LeadStatus } from './constants';
import type { Viewer } from './queries';
import type { LeadInput } from './schemas';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

async function activePlan(db: Db, orgId: string, planId: string) {
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.organizationId, orgId), eq(plans.active, true)));
  if (!plan) throw new AppError('plan_unavailable');
  return plan;
}

export async function coverageFor(
  db: Db,
  orgId: string,
  point: { latitude: number; longitude: number },
): Promise<Coverage> {
  return checkCoverage(db, { orgId, point, radiusM: await coverageRadius(db, orgId) });
}

/** A lead keeps the coverage answer it got; a reseller's leads are attributed to them. */
export async function createLead(db: Db, p: Actor & { input: LeadInput; resellerUserId: string | null }) {
  return db.transaction(async (tx) => {
    await activePlan(tx, p.orgId, p.input.planId);
    const coverage = await coverageFor(tx, p.orgId, p.input);
    const [lead] = await tx
      .insert(leads)
      .values({
        organizationId: p.orgId,
        ...p.input,
        coverage,
        resellerUserId: p.resellerUserId,
        createdBy: p.actorUserId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'lead.created',
      entityType: 'lead',
      entityId: lead!.id,
      data: { name: lead!.name, coverage },
    });
    return { lead: lead!, coverage };
  });
}

/**
 * Leads, newest first. `enteredBy` and `days` narrow it to what one person entered over the
 * last days — the lists behind the sales dashboard's figures (its window is 90 days).
 */
export async function listLeads(
  db: Db,
  viewer: Viewer,
  f: { q?: string; status?: LeadStatus; enteredBy?: string; days?: number; cursor?: string; limit?: number },
) {
  const limit = f.limit ?? 25;
  const rows = await db
    .select({
      id: leads.id,
      name: leads.name,
      phone: leads.phone,
      address: leads.address,
      status: leads.status,
      coverage: leads.coverage,
      planName: plans.name,
      billingType: leads.billingType,
      customerId: leads.customerId,
      enteredByName: users.name,
      createdAt: leads.createdAt,
    })
    .from(leads)
    .innerJoin(plans, eq(plans.id, leads.planId))
    .leftJoin(users, eq(users.id, leads.createdBy))
    .where(
      and(
        eq(leads.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(leads.resellerUserId, viewer.resellerUserId) : undefined,
        f.status && LEAD_STATUSES.includes(f.status) ? eq(leads.status, f.status) : undefined,
        f.enteredBy ? eq(leads.createdBy, f.enteredBy) : undefined,
        f.days ? gte(leads.createdAt, sql`now() - make_interval(days => ${f.days})`) : undefined,
        f.q
          ? or(ilike(leads.name, contains(f.q)), ilike(leads.phone, contains(f.q)), ilike(leads.address, contains(f.q)))
          : undefined,
        afterCursor(leads.createdAt, leads.id, decodeCursor(f.cursor)),
      ),
    )
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export async function getLead(db: Db, viewer: Viewer, leadId: string) {
  const [lead] = await db
    .select({ lead: leads, planName: plans.name })
    .from(leads)
    .innerJoin(plans, eq(plans.id, leads.planId))
    .where(
      and(
        eq(leads.id, leadId),
        eq(leads.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(leads.resellerUserId, viewer.resellerUserId) : undefined,
      ),
    );
  if (!lead) throw new AppError('not_found');
  return { ...lead.lead, planName: lead.planName };
}

/** A username from the first name plus digits, free in this organization; an 8-character password. */
export async function suggestCredentials(db: Db, orgId: string, name: string) {
  const base = (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 12) || 'pelanggan'
  ).padEnd(3, '0');
  for (let i = 0; i < 20; i++) {
    const candidate = `${base}${randomInt(100, 10_000)}`;
    const [taken] = await db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.organizationId, orgId), eq(subscriptions.serviceUsername, candidate)));
    if (!taken && (await voucherCodesAmong(db, { orgId, names: [candidate] })).length === 0)
      return { serviceUsername: candidate, servicePassword: randomPassword() };
  }
  return { serviceUsername: `${base}${Date.now() % 1_000_000}`, servicePassword: randomPassword() };
}

function randomPassword() {
  // No look-alike characters: the technician types it into a modem.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * Admin verification: the lead becomes customer C-00000N with a pending-installation
 * subscription on the nearest ODP with a free port. Coverage is checked again here, since
 * ports may have filled up since the lead was entered. An admin who already knows the ODP
 * port (from the survey) gives it, and that ODP is used instead.
 */
export async function convertLead(
  db: Db,
  p: Actor & {
    leadId: string;
    serviceUsername: string;
    servicePassword: string;
    odpId?: string | null;
    odpPort?: number | null;
  },
) {
  const odpPort = p.odpPort ?? null;
  return withPortGuard(convertLeadTx(db, { ...p, odpPort }), () => odpPort);
}

async function convertLeadTx(
  db: Db,
  p: Actor & {
    leadId: string;
    serviceUsername: string;
    servicePassword: string;
    odpId?: string | null;
    odpPort: number | null;
  },
) {
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, p.leadId), eq(leads.organizationId, p.orgId)))
      .for('update');
    if (!lead) throw new AppError('not_found');
    if (lead.status !== 'new') throw new AppError('lead_not_open');
    await activePlan(tx, p.orgId, lead.planId);
    const coverage = await coverageFor(tx, p.orgId, lead);
    if (!coverage.ok) throw new AppError('no_coverage');
    // The surveyor's ODP when the admin gives one (it must still have room), else the nearest with a free port.
    const odp = p.odpId
      ? await assertOdpHasRoom(tx, { orgId: p.orgId, odpId: p.odpId })
      : { id: coverage.odpId, code: coverage.code };
    if (p.odpPort !== null) await assertPortFree(tx, { orgId: p.orgId, odpId: odp.id, port: p.odpPort });
    const [taken] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.organizationId, p.orgId), eq(subscriptions.serviceUsername, p.serviceUsername)));
    if (taken) throw new AppError('username_taken');
    if ((await voucherCodesAmong(tx, { orgId: p.orgId, names: [p.serviceUsername] })).length > 0)
      throw new AppError('voucher_code_taken', {}, { serviceUsername: 'validation.voucherCodeTaken' });

    const [number] = await allocateCustomerNumbers(tx, p.orgId);
    const [customer] = await tx
      .insert(customers)
      .values({
        organizationId: p.orgId,
        number: number!,
        name: lead.name,
        phone: lead.phone,
        address: lead.address,
        area: lead.area,
        latitude: lead.latitude,
        longitude: lead.longitude,
        planId: lead.planId,
        resellerUserId: lead.resellerUserId,
        leadId: lead.id,
        status: 'pending',
        searchText: searchTextFor({ name: lead.name, phone: lead.phone, number: number! }, [p.serviceUsername]),
      })
      .returning();
    const [subscription] = await tx
      .insert(subscriptions)
      .values({
        organizationId: p.orgId,
        customerId: customer!.id,
        planId: lead.planId,
        billingType: lead.billingType,
        serviceUsername: p.serviceUsername,
        servicePasswordEnc: encryptSecret(p.servicePassword),
        odpId: odp.id,
        odpPort: p.odpPort,
        routerId: await defaultRouterFor(tx, { orgId: p.orgId, area: lead.area }),
      })
      .returning();
    await tx.insert(subscriptionHistory).values({
      organizationId: p.orgId,
      subscriptionId: subscription!.id,
      fromStatus: null,
      toStatus: 'pending',
      reason: 'lead_verified',
      actorUserId: p.actorUserId,
    });
    await tx.update(leads).set({ status: 'converted', customerId: customer!.id }).where(eq(leads.id, lead.id));
    await emitRows(tx, {
      orgId: p.orgId,
      type: 'customer.created',
      rows: customerRows({ orgId: p.orgId, where: sql`c.id = ${customer!.id}`, source: 'lead' }),
    });
    // The installation visit (SPK) for the office to schedule and assign, in the same transaction.
    const workOrder = await createInstallationForLead(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      leadId: lead.id,
      customer: customer!,
      subscription: subscription!,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'lead.converted',
      entityType: 'customer',
      entityId: customer!.id,
      data: { leadId: lead.id, number: number!, serviceUsername: p.serviceUsername, odp: odp.code, odpPort: p.odpPort },
    });
    return { customer: customer!, subscription: subscription!, workOrder };
  });
}

export async function rejectLead(db: Db, p: Actor & { leadId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .update(leads)
      .set({ status: 'rejected', rejectReason: p.reason })
      .where(and(eq(leads.id, p.leadId), eq(leads.organizationId, p.orgId), eq(leads.status, 'new')))
      .returning();
    if (!lead) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'lead.rejected',
      entityType: 'lead',
      entityId: lead.id,
      data: { reason: p.reason },
    });
  });
}
