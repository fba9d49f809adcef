import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import {
  checklistTemplates,
  tickets,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import { convertLead, createLead } from '@/lib/customers/leads';
import type { Operation, Result } from '@/lib/server/operation';
import { saveChecklistTemplate } from '@/lib/workorders/checklists';
import { insertWorkOrder } from '@/lib/workorders/create';
import { saveWorkOrderPhoto, saveWorkOrderSignature } from '@/lib/workorders/files';
import { assignTechnicians, scheduleWorkOrder } from '@/lib/workorders/mutations';
import * as woOps from '@/lib/workorders/operations';
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
export async function makeInstallationWorld(db: Database, orgId: string, adminUserId: string, odpPort = 3) {
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
    odpPort,
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

// ---- The tenant-isolation and permission-matrix parts (kept here, small) ----------------------

type Run = <T>(op: Operation<never, T>, input: unknown) => Promise<Result<T>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };
const op = <K extends keyof typeof woOps>(k: K) => woOps[k] as unknown as Operation<never, unknown>;
const json = (v: unknown) => JSON.stringify(v);
const notFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(!r.ok && r.code, 'not_found');
};
const conflictNotFound = (r: Result<unknown>) => {
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((r.data as { conflict?: string }).conflict, 'not_found');
};

/** An installation work order of B, scheduled, with a technician, a photo, a signature and a custom checklist. */
async function makeBWorkOrders(db: Database, orgId: string, adminUserId: string) {
  const world = await makeInstallationWorld(db, orgId, adminUserId);
  const actor = { orgId, actorUserId: adminUserId, ip: null };
  const wo = world.workOrder;
  await scheduleWorkOrder(db, {
    ...actor,
    workOrderId: wo.id,
    scheduledDate: '2026-12-08',
    windowStart: '08:00',
    windowEnd: '10:00',
  });
  await assignTechnicians(db, { ...actor, workOrderId: wo.id, technicianIds: [world.tech1.id] });
  const field = { orgId, userId: world.tech1.id, workOrderId: wo.id };
  const photo = await saveWorkOrderPhoto(db, { ...field, key: randomUUID(), bytes: PNG });
  await saveWorkOrderSignature(db, { ...field, key: randomUUID(), bytes: PNG, signedName: 'Rahasia B' });
  await saveChecklistTemplate(db, { ...actor, type: 'survey', items: 'Langkah rahasia B', requiredPhotos: 2 });
  const ticket = await makeTicket(db, orgId, world.customer.id, world.subscription.id);
  return { world, wo, photoId: photo.ok ? photo.photoId! : '', ticket };
}

/** Organization A (its admin) tries every work-order operation on B's records. */
export function workOrderIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bData: ReturnType<typeof makeBWorkOrders> | undefined;
  const bWorld = () => (bData ??= makeBWorkOrders(sides().db, sides().b.orgId, sides().b.userId));
  const bRow = async () => {
    const { db } = sides();
    const [row] = await db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, (await bWorld()).wo.id));
    return row!;
  };
  const unchanged = async () => {
    const row = await bRow();
    assert.deepEqual(
      [row.status, row.scheduledDate, row.cancelReason, row.version],
      ['scheduled', '2026-12-08', null, 3],
    );
  };
  const step = async (extra: Record<string, unknown>) => ({
    key: randomUUID(),
    workOrderId: (await bWorld()).wo.id,
    version: 3,
    at: new Date().toISOString(),
    ...extra,
  });
  return {
    'workorders.list': async () => {
      const w = await bWorld();
      const r = await sides().run(op('listWorkOrdersOp'), { q: 'Rina' });
      assert.ok(r.ok);
      const all = await sides().run(op('listWorkOrdersOp'), {});
      assert.ok(all.ok && !json(all.data).includes(w.wo.id) && !json(r.data).includes(w.wo.id));
    },
    'workorders.get': async () =>
      notFound(await sides().run(op('getWorkOrderOp'), { workOrderId: (await bWorld()).wo.id })),
    'workorders.technicians': async () => {
      const w = await bWorld();
      const r = await sides().run(op('listTechniciansOp'), {});
      assert.ok(r.ok && !json(r.data).includes(w.world.tech1.id));
    },
    'workorders.create': async () => {
      const w = await bWorld();
      notFound(await sides().run(op('createWorkOrderOp'), { type: 'repair', customerId: w.world.customer.id }));
      const rows = await sides().db.select().from(workOrders).where(eq(workOrders.customerId, w.world.customer.id));
      assert.equal(rows.length, 1);
    },
    'workorders.fromTicket': async () => {
      const w = await bWorld();
      notFound(await sides().run(op('createWorkOrderFromTicketOp'), { ticketId: w.ticket.id }));
      const rows = await sides().db.select().from(workOrders).where(eq(workOrders.ticketId, w.ticket.id));
      assert.equal(rows.length, 0);
    },
    'workorders.schedule': async () => {
      notFound(
        await sides().run(op('scheduleWorkOrderOp'), {
          workOrderId: (await bWorld()).wo.id,
          scheduledDate: '2026-12-20',
          windowStart: '13:00',
          windowEnd: '15:00',
        }),
      );
      await unchanged();
    },
    'workorders.assign': async () => {
      const w = await bWorld();
      notFound(await sides().run(op('assignWorkOrderOp'), { workOrderId: w.wo.id, technicianIds: [sides().a.userId] }));
      await unchanged();
    },
    'workorders.cancel': async () => {
      notFound(
        await sides().run(op('cancelWorkOrderOp'), { workOrderId: (await bWorld()).wo.id, reason: 'Batal dari A' }),
      );
      await unchanged();
    },
    'workorders.file': async () => {
      const w = await bWorld();
      notFound(await sides().run(op('workOrderFileOp'), { workOrderId: w.wo.id, file: w.photoId }));
      notFound(await sides().run(op('workOrderFileOp'), { workOrderId: w.wo.id, file: 'signature' }));
    },
    'workorders.checklists': async () => {
      await bWorld();
      const r = await sides().run(op('listChecklistTemplatesOp'), {});
      assert.ok(r.ok && !json(r.data).includes('rahasia B'));
    },
    'workorders.saveChecklist': async () => {
      await bWorld();
      const r = await sides().run(op('saveChecklistTemplateOp'), {
        type: 'survey',
        items: 'A saja',
        requiredPhotos: 0,
      });
      assert.ok(r.ok);
      const [bRowT] = await sides()
        .db.select()
        .from(checklistTemplates)
        .where(and(eq(checklistTemplates.organizationId, sides().b.orgId), eq(checklistTemplates.type, 'survey')));
      assert.deepEqual(bRowT!.items, ['Langkah rahasia B']);
    },
    'workorders.resetChecklist': async () => {
      await bWorld();
      assert.ok((await sides().run(op('resetChecklistTemplateOp'), { type: 'survey' })).ok);
      const rows = await sides()
        .db.select()
        .from(checklistTemplates)
        .where(eq(checklistTemplates.organizationId, sides().b.orgId));
      assert.equal(rows.length, 1);
    },
    'workorders.fieldList': async () => {
      const w = await bWorld();
      const r = await sides().run(op('myWorkOrdersOp'), {});
      assert.ok(r.ok && !json(r.data).includes(w.wo.id));
    },
    'workorders.fieldGet': async () =>
      notFound(await sides().run(op('fieldWorkOrderOp'), { workOrderId: (await bWorld()).wo.id })),
    'workorders.fieldAction': async () => {
      conflictNotFound(await sides().run(op('fieldActionOp'), await step({ type: 'check_in' })));
      await unchanged();
      const events = await sides()
        .db.select()
        .from(workOrderEvents)
        .where(and(eq(workOrderEvents.workOrderId, (await bWorld()).wo.id), eq(workOrderEvents.kind, 'check_in')));
      assert.equal(events.length, 0);
    },
    'workorders.fieldPhoto': async () => {
      const w = await bWorld();
      const photo = new File([new Uint8Array(PNG)], 'a.png', { type: 'image/png' });
      conflictNotFound(await sides().run(op('fieldPhotoOp'), { workOrderId: w.wo.id, key: randomUUID(), photo }));
      const photos = await sides().db.select().from(workOrderPhotos).where(eq(workOrderPhotos.workOrderId, w.wo.id));
      assert.equal(photos.length, 1);
    },
    'workorders.fieldSignature': async () => {
      const w = await bWorld();
      const signature = new File([new Uint8Array(PNG)], 's.png', { type: 'image/png' });
      conflictNotFound(
        await sides().run(op('fieldSignatureOp'), {
          workOrderId: w.wo.id,
          key: randomUUID(),
          signature,
          signedName: 'Orang A',
        }),
      );
      assert.equal((await bRow()).signedName, 'Rahasia B');
    },
  };
}

/**
 * Inputs for the permission matrix. The phone's operations act as the signed-in user, so the
 * matrix's user is put on the work order directly (the office can only assign technicians).
 */
export async function workOrderMatrixInputs(db: Database, orgId: string, adminUserId: string) {
  const world = await makeInstallationWorld(db, orgId, adminUserId);
  const wo = world.workOrder;
  const other = await insertWorkOrder(db, {
    orgId,
    actorUserId: adminUserId,
    ip: null,
    source: 'manual',
    input: { type: 'survey', address: 'Jl. Survei 1' },
  });
  await db.insert(workOrderTechnicians).values({ organizationId: orgId, workOrderId: wo.id, userId: adminUserId });
  const photo = await saveWorkOrderPhoto(db, {
    orgId,
    userId: adminUserId,
    workOrderId: wo.id,
    key: randomUUID(),
    bytes: PNG,
  });
  const ticket = await makeTicket(db, orgId, world.customer.id, world.subscription.id);
  const file = (name: string) => new File([new Uint8Array(PNG)], name, { type: 'image/png' });
  const step = (extra: Record<string, unknown>) => ({
    key: randomUUID(),
    workOrderId: wo.id,
    version: 1,
    at: new Date().toISOString(),
    ...extra,
  });
  return {
    'workorders.list': { status: 'open' },
    'workorders.get': { workOrderId: wo.id },
    'workorders.technicians': {},
    'workorders.create': { type: 'repair', customerId: world.customer.id, notes: 'Ganti adaptor' },
    'workorders.fromTicket': { ticketId: ticket.id },
    'workorders.schedule': {
      workOrderId: wo.id,
      scheduledDate: '2026-12-09',
      windowStart: '08:00',
      windowEnd: '10:00',
    },
    'workorders.assign': { workOrderId: other.id, technicianIds: [world.tech1.id] },
    'workorders.cancel': { workOrderId: other.id, reason: 'Tidak jadi' },
    'workorders.file': { workOrderId: wo.id, file: photo.ok ? photo.photoId : randomUUID() },
    'workorders.checklists': {},
    'workorders.saveChecklist': { type: 'repair', items: 'Cek modem\nUji', requiredPhotos: '1' },
    'workorders.resetChecklist': { type: 'repair' },
    'workorders.fieldList': {},
    'workorders.fieldGet': { workOrderId: wo.id },
    'workorders.fieldAction': step({ type: 'note', text: 'Catatan' }),
    'workorders.fieldPhoto': { workOrderId: wo.id, key: randomUUID(), photo: file('p.png') },
    'workorders.fieldSignature': {
      workOrderId: wo.id,
      key: randomUUID(),
      signature: file('s.png'),
      signedName: 'Rina',
    },
  };
}
