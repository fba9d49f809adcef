import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { tickets } from '@/db/schema';
import { convertLead, createLead } from '@/lib/customers/leads';
import { makeMember, makeOdp, makePlan, POLE } from '../helpers';

/** A 1×1 PNG: a photo or a signature as the phone sends it. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A verified lead (customer with a pending subscription on an ODP) and its installation work
 * order, plus two technicians of the organization.
 */
export async function makeInstallationWorld(db: Database, orgId: string, adminUserId: string) {
  const plan = await makePlan(db, orgId);
  const odp = await makeOdp(db, orgId, POLE);
  const actor = { orgId, actorUserId: adminUserId, ip: null };
  const { lead } = await createLead(db, {
    ...actor,
    input: {
      name: 'Rina Marlina',
      phone: '6281311112222',
      address: 'Jl. Kenanga No. 7',
      area: 'RW 03',
      latitude: POLE.latitude + 0.0004,
      longitude: POLE.longitude,
      planId: plan.id,
      billingType: 'postpaid',
      notes: null,
    },
    resellerUserId: null,
  });
  const converted = await convertLead(db, {
    ...actor,
    leadId: lead.id,
    serviceUsername: `rina${randomUUID().slice(0, 6)}`,
    servicePassword: 'rahasia1',
    odpPort: 3,
  });
  const tech1 = await makeMember(db, orgId, 'technician');
  const tech2 = await makeMember(db, orgId, 'technician');
  return { plan, odp, lead, ...converted, tech1: tech1.user, tech2: tech2.user };
}

/** A complaint ticket about the customer, written straight into the table (the tickets lane owns the flow). */
export async function makeTicket(db: Database, orgId: string, customerId: string, subscriptionId: string | null) {
  const [ticket] = await db
    .insert(tickets)
    .values({
      organizationId: orgId,
      number: Math.floor(Math.random() * 1_000_000),
      subject: 'Internet mati sejak pagi',
      description: 'Lampu LOS merah',
      category: 'no_internet',
      customerId,
      subscriptionId,
    })
    .returning();
  return ticket!;
}
