import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { workOrders, workOrderTechnicians } from '@/db/schema';
import { dayIn } from '@/lib/field/view';
import { makeMember, makeOdp, makeOrg, makePlan, makeRouter, makeSubscriber, POLE } from '../helpers';
import type { RouterOsServer } from './routeros-server';

/**
 * An organization with a router (the RouterOS stand-in), a customer waiting for installation
 * (pending subscription on that router, behind an ODP) and today's installation work order
 * for a technician: two checklist lines, two required photos.
 */
export async function makeFieldWorld(db: Database, router: RouterOsServer, label: string) {
  const { org, admin } = await makeOrg(db, label);
  const technician = await makeMember(db, org.id, 'technician');
  const plan = await makePlan(db, org.id, { name: `Paket ${label} 20M` });
  const routerRow = await makeRouter(db, org.id, { host: '127.0.0.1', port: router.port });
  const odp = await makeOdp(db, org.id, POLE);
  const username = `pasang${randomUUID().slice(0, 6)}`;
  const { customer, subscription } = await makeSubscriber(db, org.id, {
    planId: plan.id,
    routerId: routerRow.id,
    username,
    status: 'pending',
  });
  const [wo] = await db
    .insert(workOrders)
    .values({
      organizationId: org.id,
      number: 1,
      type: 'installation',
      status: 'scheduled',
      customerId: customer.id,
      subscriptionId: subscription.id,
      scheduledDate: dayIn(org.timezone),
      windowStart: '08:00',
      windowEnd: '12:00',
      address: 'Jl. Melati No. 5, RW 05',
      latitude: POLE.latitude + 0.0005,
      longitude: POLE.longitude,
      odpId: odp.id,
      odpPort: 3,
      checklist: [
        { id: 'c1', label: 'Tarik kabel drop dari ODP', done: false, doneAt: null },
        { id: 'c2', label: 'Pasang dan konfigurasi modem', done: false, doneAt: null },
      ],
      requiredPhotos: 2,
      createdBy: admin.user.id,
    })
    .returning();
  await db
    .insert(workOrderTechnicians)
    .values({ organizationId: org.id, workOrderId: wo!.id, userId: technician.user.id });
  return { org, admin, technician, plan, router: routerRow, odp, customer, subscription, username, wo: wo! };
}
