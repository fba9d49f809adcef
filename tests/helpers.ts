import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { eq } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import {
  customers,
  invoices,
  memberships,
  odps,
  organizations,
  plans,
  type Subscription,
  subscriptions,
  users,
} from '@/db/schema';
import type { AssignableRole, Role } from '@/lib/auth/permissions';
import { recordPayment } from '@/lib/billing/invoice-payments';
import { runBilling } from '@/lib/billing/run';
import { encryptSecret } from '@/lib/crypto';
import { convertLead, createLead } from '@/lib/customers/leads';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { type RouterInput, saveRouter } from '@/lib/network/routers';
import { type Ctx, makeCtx } from '@/lib/server/operation';
import { hashPassword } from '@/lib/users/password';

let shared: ReturnType<typeof createDb> | undefined;

/** The migrated test database that `npm test` prepared (DATABASE_URL). */
export function testDb(): Database {
  if (!shared) {
    shared = createDb(process.env.DATABASE_URL!, { max: 5 });
    after(() => shared?.client.end({ timeout: 1 }));
  }
  return shared.db;
}

export const PASSWORD = 'rahasia-123';
let passwordHash: Promise<string> | undefined;

/** A fresh organization with an admin, so tests never see each other's rows. */
export async function makeOrg(db: Database, label = 'org') {
  const suffix = randomUUID().slice(0, 8);
  const [org] = await db
    .insert(organizations)
    .values({ name: `Test ${label} ${suffix}`, slug: `${label}-${suffix}`.toLowerCase() })
    .returning();
  const admin = await makeMember(db, org!.id, 'admin');
  return { org: org!, admin };
}

export async function makeMember(
  db: Database,
  orgId: string,
  role: AssignableRole,
  opts: { superAdmin?: boolean } = {},
) {
  passwordHash ??= hashPassword(PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@test.jaring.id`,
      name: `Test ${role}`,
      passwordHash: await passwordHash,
      isSuperAdmin: opts.superAdmin ?? false,
    })
    .returning();
  const [membership] = await db
    .insert(memberships)
    .values({ organizationId: orgId, userId: user!.id, role })
    .returning();
  if (role === 'technician') await ensureTechnicianBag(db, { orgId, userId: user!.id });
  return { user: user!, membership: membership! };
}

export function ctxFor(db: Database, orgId: string, userId: string, role: Role, locale: 'id' | 'en' = 'id'): Ctx {
  return makeCtx({ db, orgId, userId, role, ip: '203.0.113.7', locale });
}

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export async function makePlan(db: Database, orgId: string, over: Partial<typeof plans.$inferInsert> = {}) {
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: orgId,
      name: `Paket ${randomUUID().slice(0, 6)}`,
      downloadKbps: 20480,
      uploadKbps: 20480,
      priceRupiah: 150_000,
      ...over,
    })
    .returning();
  return plan!;
}

export async function makeOdp(db: Database, orgId: string, over: Partial<typeof odps.$inferInsert> = {}) {
  const [odp] = await db
    .insert(odps)
    .values({
      organizationId: orgId,
      code: `ODP-${randomUUID().slice(0, 6)}`,
      name: 'Tiang depan masjid',
      latitude: -6.9147,
      longitude: 107.6098,
      totalPorts: 8,
      ...over,
    })
    .returning();
  return odp!;
}

export const POLE = { latitude: -6.9147, longitude: 107.6098 };
export const TEST_FILES = path.join(os.tmpdir(), 'jaring-test-files');

/** An organization with a plan, an ODP, two open leads and a pending customer. */
export async function makeCustomerWorld(db: Database, orgId: string, actorUserId: string) {
  const plan = await makePlan(db, orgId);
  const spare = await makePlan(db, orgId);
  const odp = await makeOdp(db, orgId, POLE);
  const input = {
    name: 'Budi Santoso',
    phone: '6281234567890',
    address: 'Jl. Melati No. 5',
    area: 'RW 05',
    latitude: POLE.latitude + 0.0005,
    longitude: POLE.longitude,
    planId: plan.id,
    billingType: 'postpaid' as const,
    notes: null,
  };
  const actor = { orgId, actorUserId, ip: null };
  const lead1 = (await createLead(db, { ...actor, input, resellerUserId: actorUserId })).lead;
  const lead2 = (
    await createLead(db, { ...actor, input: { ...input, name: 'Siti Aminah' }, resellerUserId: actorUserId })
  ).lead;
  const lead3 = (
    await createLead(db, { ...actor, input: { ...input, name: 'Joko Widodo' }, resellerUserId: actorUserId })
  ).lead;
  const { customer, subscription } = await convertLead(db, {
    ...actor,
    leadId: lead3.id,
    serviceUsername: `joko${randomUUID().slice(0, 6)}`,
    servicePassword: 'rahasia1',
  });
  // Installed in June and billed for November, with one payment at the counter.
  await db
    .update(subscriptions)
    .set({ status: 'active', activatedAt: new Date('2026-06-01T03:00:00Z') })
    .where(eq(subscriptions.id, subscription.id));
  await runBilling(db, { orgId, period: '2026-11-01', actorUserId });
  const [invoice] = await db.select().from(invoices).where(eq(invoices.subscriptionId, subscription.id));
  const { paymentId } = await recordPayment(db, {
    ...actor,
    input: { customerId: customer.id, amount: 10_000, method: 'cash', reference: null, note: null },
  });
  // Two transfers with slips, waiting for finance.
  const slip = () => new File([Buffer.from('%PDF-1.4 slip')], 'slip.pdf', { type: 'application/pdf' });
  const transfer = () =>
    recordPayment(db, {
      ...actor,
      filesDir: TEST_FILES,
      input: {
        customerId: customer.id,
        amount: 5_000,
        method: 'transfer',
        reference: 'BCA',
        note: null,
        proof: slip(),
      },
    });
  const [t1, t2] = [await transfer(), await transfer()];
  return {
    plan,
    spare,
    odp,
    lead1,
    lead2,
    customer,
    paymentId,
    subscription: { ...subscription, status: 'active' as const },
    invoice: invoice!,
    transfers: [t1.paymentId, t2.paymentId] as const,
  };
}

/** A router row pointing at a RouterOS stand-in (or any host:port). */
export async function makeRouter(
  db: Database,
  orgId: string,
  target: { host: string; port: number },
  over: Partial<RouterInput> = {},
) {
  const [admin] = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.organizationId, orgId))
    .limit(1);
  const row = await saveRouter(db, {
    orgId,
    actorUserId: admin!.id,
    ip: null,
    input: {
      name: `RB-${randomUUID().slice(0, 6)}`,
      host: target.host,
      port: target.port,
      tls: false,
      username: 'admin',
      password: 'secret',
      area: null,
      mode: 'api',
      isolirProfile: 'isolir',
      isolirRateLimit: '256k/256k',
      isolirAddressList: 'isolir',
      syncIntervalMinutes: 60,
      radiusSecret: undefined,
      nasAddress: null,
      coaPort: 3799,
      ...over,
    },
  });
  return row;
}

let subscriberSeq = 0;
/** A customer with one subscription, straight into the tables (status as given). */
export async function makeSubscriber(
  db: Database,
  orgId: string,
  p: {
    planId: string;
    routerId: string | null;
    username?: string;
    password?: string;
    status?: Subscription['status'];
    remoteAddress?: string | null;
    callerId?: string | null;
  },
) {
  const number = 900_000 + ++subscriberSeq + Math.floor(Math.random() * 90_000);
  const username = p.username ?? `cust${randomUUID().slice(0, 8)}`;
  const [customer] = await db
    .insert(customers)
    .values({
      organizationId: orgId,
      number,
      name: `Pelanggan ${username}`,
      phone: '6281200000000',
      address: 'Jl. Test',
      status: p.status ?? 'active',
      planId: p.planId,
    })
    .returning();
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      organizationId: orgId,
      customerId: customer!.id,
      planId: p.planId,
      billingType: 'postpaid',
      serviceUsername: username,
      servicePasswordEnc: encryptSecret(p.password ?? 'rahasia1'),
      status: p.status ?? 'active',
      routerId: p.routerId,
      remoteAddress: p.remoteAddress ?? null,
      callerId: p.callerId ?? null,
    })
    .returning();
  return { customer: customer!, subscription: subscription! };
}

/**
 * A subscription's invoice for `period` (first of the month), issued as the billing run would,
 * without running it: for tests about what a month already invoiced changes.
 */
export async function makeInvoice(
  db: Database,
  p: { orgId: string; customerId: string; subscriptionId: string; period: string; total?: number },
) {
  const total = p.total ?? 150_000;
  const [invoice] = await db
    .insert(invoices)
    .values({
      organizationId: p.orgId,
      number: `INV-${randomUUID().slice(0, 8)}`,
      customerId: p.customerId,
      subscriptionId: p.subscriptionId,
      period: p.period,
      issueDate: p.period,
      dueDate: p.period,
      billingType: 'postpaid',
      subtotal: total,
      tax: 0,
      total,
    })
    .returning();
  return invoice!;
}
