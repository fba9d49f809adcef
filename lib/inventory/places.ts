import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, stockLocations, subscriptions, users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/**
 * The locations Jaring keeps itself: a bag per technician, a customer location per
 * subscription, and one faulty / RMA and one written-off location per organization. Each is
 * made on first use (insert, or nothing when a concurrent call made it) and then read back.
 */

/** A stable label code from a row's id, e.g. TAS-1A2B3C4D (migration 0022 uses the same rule for bags). */
export function derivedCode(prefix: string, id: string) {
  return `${prefix}-${createHash('md5').update(id).digest('hex').slice(0, 8).toUpperCase()}`;
}

/** A technician's bag (created with the member; also on first use, for technicians from before). */
export async function ensureTechnicianBag(tx: Db, p: { orgId: string; userId: string }) {
  const find = () =>
    tx
      .select()
      .from(stockLocations)
      .where(
        and(
          eq(stockLocations.organizationId, p.orgId),
          eq(stockLocations.kind, 'bag'),
          eq(stockLocations.userId, p.userId),
        ),
      );
  const [found] = await find();
  if (found) return found;
  const [user] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, p.userId));
  if (!user) throw new AppError('not_found');
  await tx
    .insert(stockLocations)
    .values({
      organizationId: p.orgId,
      kind: 'bag',
      name: user.name || user.email,
      code: derivedCode('TAS', p.userId),
      userId: p.userId,
    })
    .onConflictDoNothing();
  const [made] = await find();
  return made!;
}

/** Where a subscription's installed equipment is. */
export async function ensureCustomerLocation(tx: Db, p: { orgId: string; subscriptionId: string }) {
  const find = () =>
    tx
      .select()
      .from(stockLocations)
      .where(
        and(
          eq(stockLocations.organizationId, p.orgId),
          eq(stockLocations.kind, 'customer'),
          eq(stockLocations.subscriptionId, p.subscriptionId),
        ),
      );
  const [found] = await find();
  if (found) return found;
  const [sub] = await tx
    .select({ username: subscriptions.serviceUsername, customer: customers.name })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!sub) throw new AppError('not_found');
  await tx
    .insert(stockLocations)
    .values({
      organizationId: p.orgId,
      kind: 'customer',
      name: `${sub.customer} (${sub.username})`,
      code: derivedCode('PLG', p.subscriptionId),
      subscriptionId: p.subscriptionId,
    })
    .onConflictDoNothing();
  const [made] = await find();
  return made!;
}

const SYSTEM = {
  faulty: { name: 'Rusak / RMA', code: 'RUSAK' },
  written_off: { name: 'Dihapusbukukan', code: 'HAPUS' },
} as const;

/** The organization's faulty / RMA or written-off location (shown by its kind's label, in the reader's language). */
export async function systemLocation(tx: Db, p: { orgId: string; kind: keyof typeof SYSTEM }) {
  const find = () =>
    tx
      .select()
      .from(stockLocations)
      .where(and(eq(stockLocations.organizationId, p.orgId), eq(stockLocations.kind, p.kind)));
  const [found] = await find();
  if (found) return found;
  await tx
    .insert(stockLocations)
    .values({
      organizationId: p.orgId,
      kind: p.kind,
      name: SYSTEM[p.kind].name,
      code: derivedCode(SYSTEM[p.kind].code, p.orgId),
    })
    .onConflictDoNothing();
  const [made] = await find();
  return made!;
}
