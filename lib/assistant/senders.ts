import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, plans, subscriptions } from '@/db/schema';

export type SenderSubscription = {
  id: string;
  customerId: string;
  status: string;
  serviceUsername: string;
  planName: string;
  downloadKbps: number;
  uploadKbps: number;
  priceRupiah: number;
};

/**
 * The organization's customers whose (normalised) phone is the sender's number, with their
 * subscriptions that are not terminated. Nothing is ever answered or changed for a customer
 * whose number is not the sender's: this is the only way the assistant finds a customer.
 */
export async function customersOfSender(db: Db, p: { orgId: string; phone: string }) {
  const owners = await db
    .select({
      id: customers.id,
      name: customers.name,
      number: customers.number,
      whatsappOptOut: customers.whatsappOptOut,
    })
    .from(customers)
    .where(and(eq(customers.organizationId, p.orgId), eq(customers.phone, p.phone)))
    .orderBy(asc(customers.number));
  const subs: SenderSubscription[] = owners.length
    ? await db
        .select({
          id: subscriptions.id,
          customerId: subscriptions.customerId,
          status: subscriptions.status,
          serviceUsername: subscriptions.serviceUsername,
          planName: plans.name,
          downloadKbps: plans.downloadKbps,
          uploadKbps: plans.uploadKbps,
          priceRupiah: plans.priceRupiah,
        })
        .from(subscriptions)
        .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, p.orgId)))
        .where(
          and(
            eq(subscriptions.organizationId, p.orgId),
            inArray(
              subscriptions.customerId,
              owners.map((o) => o.id),
            ),
            ne(subscriptions.status, 'terminated'),
          ),
        )
        .orderBy(asc(subscriptions.createdAt))
    : [];
  return owners.map((o) => ({ ...o, subscriptions: subs.filter((s) => s.customerId === o.id) }));
}

export type Sender = Awaited<ReturnType<typeof customersOfSender>>[number];
