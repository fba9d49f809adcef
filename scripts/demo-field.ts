/**
 * The demo ISP's support and field work, made through lib as staff would make it: a few
 * complaints (one waiting, one being worked with a reply, one resolved and rated), today's
 * repair visit and installation for the demo technician, and tomorrow's survey — so the
 * tickets list, the work orders, the technician's app and the map have something to show.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, subscriptions, tickets } from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import { addTicketMessage, changeTicketStatus } from '@/lib/tickets/mutations';
import { openTicket } from '@/lib/tickets/open';
import { createWorkOrder, createWorkOrderFromTicket } from '@/lib/workorders/create';
import { assignTechnicians, scheduleWorkOrder } from '@/lib/workorders/mutations';

type FieldUsers = { noc: string; sales: string; technician: string };

export async function seedDemoField(db: Db, p: { orgId: string; timezone: string; users: FieldUsers }) {
  const { orgId } = p;
  const picked = await db
    .select({ customerId: customers.id, subscriptionId: subscriptions.id, status: subscriptions.status })
    .from(customers)
    .innerJoin(subscriptions, eq(subscriptions.customerId, customers.id))
    .where(and(eq(customers.organizationId, orgId), inArray(subscriptions.status, ['active', 'pending'])))
    .orderBy(asc(customers.number))
    .limit(40);
  const active = picked.filter((c) => c.status === 'active');
  const pending = picked.find((c) => c.status === 'pending');
  const noc = { orgId, actorUserId: p.users.noc, ip: null };
  const cs = { orgId, actorUserId: p.users.sales, ip: null };
  const complaint = (
    i: number,
    category: 'no_internet' | 'slow' | 'billing',
    subject: string,
    priority: 'high' | 'normal',
  ) =>
    openTicket(db, {
      orgId,
      actorUserId: p.users.sales,
      source: 'staff',
      customerId: active[i]!.customerId,
      subscriptionId: active[i]!.subscriptionId,
      category,
      priority,
      subject,
    });

  const down = await complaint(0, 'no_internet', 'Internet mati sejak pagi, lampu LOS merah', 'high');
  await complaint(1, 'slow', 'Internet lambat di malam hari', 'normal');
  const billing = await complaint(2, 'billing', 'Tagihan bulan ini dobel?', 'normal');
  await addTicketMessage(db, {
    ...cs,
    ticketId: billing.ticket.id,
    kind: 'reply',
    body: 'Kami cek dulu ya, Pak. Mohon ditunggu.',
  });
  await changeTicketStatus(db, { ...cs, ticketId: billing.ticket.id, status: 'resolved' });
  await db
    .update(tickets)
    .set({ rating: 5, ratingComment: 'Cepat, terima kasih' })
    .where(eq(tickets.id, billing.ticket.id));

  const today = localDate(new Date(), p.timezone);
  const tomorrow = localDate(new Date(), p.timezone, 1);
  const repair = await createWorkOrderFromTicket(db, { ...noc, ticketId: down.ticket.id });
  await scheduleWorkOrder(db, {
    ...noc,
    workOrderId: repair.id,
    scheduledDate: today,
    windowStart: '09:00',
    windowEnd: '12:00',
  });
  await assignTechnicians(db, { ...noc, workOrderId: repair.id, technicianIds: [p.users.technician] });
  if (pending) {
    const install = await createWorkOrder(db, {
      ...noc,
      input: { type: 'installation', customerId: pending.customerId, address: null, notes: null },
    });
    await scheduleWorkOrder(db, {
      ...noc,
      workOrderId: install.id,
      scheduledDate: today,
      windowStart: '13:00',
      windowEnd: '16:00',
    });
    await assignTechnicians(db, { ...noc, workOrderId: install.id, technicianIds: [p.users.technician] });
  }
  const survey = await createWorkOrder(db, {
    ...noc,
    input: {
      type: 'survey',
      address: 'Jl. Cigadung Raya No. 12, Bandung',
      latitude: -6.8745,
      longitude: 107.6249,
      notes: 'Calon pelanggan minta survei jalur kabel.',
    },
  } as Parameters<typeof createWorkOrder>[1]);
  await scheduleWorkOrder(db, {
    ...noc,
    workOrderId: survey.id,
    scheduledDate: tomorrow,
    windowStart: '08:00',
    windowEnd: '10:00',
  });
  await assignTechnicians(db, { ...noc, workOrderId: survey.id, technicianIds: [p.users.technician] });
}
