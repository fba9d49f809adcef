import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, messages, workOrderEvents, workOrders } from '@/db/schema';
import { convertLeadOp, createLeadOp } from '@/lib/customers/operations';
import { executeOperation } from '@/lib/server/operation';
import { saveWorkOrderPhoto } from '@/lib/workorders/files';
import {
  assignWorkOrderOp,
  cancelWorkOrderOp,
  createWorkOrderFromTicketOp,
  createWorkOrderOp,
  getWorkOrderOp,
  listWorkOrdersOp,
  saveChecklistTemplateOp,
  scheduleWorkOrderOp,
  workOrderFileOp,
} from '@/lib/workorders/operations';
import { ctxFor, makeMember, makeOdp, makeOrg, makePlan, POLE, testDb } from '../helpers';
import { makeInstallationWorld, makeTicket, PNG } from '../support/workorders';

const db = testDb();

async function office() {
  const { org, admin } = await makeOrg(db, 'wo-office');
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  return { org, admin, ctx };
}

const ok = <T>(r: { ok: true; data: T } | { ok: false; message: string }) => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
};

describe('work orders in the office', () => {
  test('verifying a lead creates its installation work order, exactly once', async () => {
    const { org, ctx } = await office();
    const plan = await makePlan(db, org.id);
    await makeOdp(db, org.id, POLE);
    const lead = ok(
      await executeOperation(createLeadOp, ctx, {
        name: 'Dewi Lestari',
        phone: '0812-1111-2222',
        address: 'Jl. Anggrek 9',
        area: 'RW 01',
        latitude: POLE.latitude + 0.0003,
        longitude: POLE.longitude,
        planId: plan.id,
        billingType: 'postpaid',
      }),
    );
    const input = { leadId: lead.lead.id, serviceUsername: `dewi${Date.now() % 100000}`, servicePassword: 'rahasia1' };
    const [first, second] = await Promise.all([
      executeOperation(convertLeadOp, ctx, input),
      executeOperation(convertLeadOp, ctx, input),
    ]);
    assert.equal([first, second].filter((r) => r.ok).length, 1, 'one conversion wins');
    const rows = await db.select().from(workOrders).where(eq(workOrders.organizationId, org.id));
    assert.equal(rows.length, 1);
    const wo = rows[0]!;
    assert.deepEqual(
      [wo.type, wo.status, wo.number, wo.leadId, wo.address],
      ['installation', 'open', 1, lead.lead.id, 'Jl. Anggrek 9'],
    );
    assert.ok(wo.subscriptionId && wo.customerId && wo.odpId);
    assert.equal(wo.checklist.length, 5);
    assert.equal((first.ok ? first.data : second.ok ? second.data : null)?.workOrderId, wo.id);
    const [created] = await db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, wo.id));
    assert.deepEqual(created!.data, { source: 'lead', type: 'installation' });
  });

  test('schedule and assign: the customer hears once, with the day, window and technician', async () => {
    const { org, admin, ctx } = await office();
    const world = await makeInstallationWorld(db, org.id, admin.user.id);
    const id = world.workOrder.id;
    const visit = { workOrderId: id, scheduledDate: '2026-12-09', windowStart: '13:00', windowEnd: '15:00' };
    assert.equal(ok(await executeOperation(scheduleWorkOrderOp, ctx, visit)).notified, false, 'no technician yet');
    const bad = await executeOperation(assignWorkOrderOp, ctx, { workOrderId: id, technicianIds: [admin.user.id] });
    assert.equal(
      !bad.ok && bad.fieldErrors?.technicianIds,
      'Pilih minimal satu teknisi (anggota aktif dengan peran Teknisi).',
    );
    const assigned = ok(
      await executeOperation(assignWorkOrderOp, ctx, {
        workOrderId: id,
        technicianIds: [world.tech1.id, world.tech2.id],
      }),
    );
    assert.equal(assigned.notified, true);
    // Saving the same visit again says nothing new; a new window does.
    assert.equal(ok(await executeOperation(scheduleWorkOrderOp, ctx, visit)).notified, false);
    assert.equal(
      ok(await executeOperation(scheduleWorkOrderOp, ctx, { ...visit, windowStart: '14:00', windowEnd: '16:00' }))
        .notified,
      true,
    );
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), eq(messages.category, 'visit_scheduled')));
    assert.equal(sent.length, 2);
    assert.match(sent[0]!.body, /9 Des 2026/);
    assert.match(sent[0]!.body, /13:00–15:00/);
    assert.match(sent[0]!.body, /Test technician, Test technician/);
    assert.match(sent[0]!.body, /SPK-000001/);
    const detail = ok(await executeOperation(getWorkOrderOp, ctx, { workOrderId: id }));
    assert.equal(detail.status, 'scheduled');
    assert.equal(detail.technicians.length, 2);
    assert.deepEqual(
      detail.events.map((e) => e.kind),
      ['scheduled', 'scheduled', 'assigned', 'scheduled', 'created'],
    );
    assert.equal(detail.signaturePath, undefined);
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, org.id));
    assert.ok(audit.some((a) => a.action === 'workorder.assigned'));
    assert.equal(audit.filter((a) => a.action === 'workorder.scheduled').length, 3);
    // Back to the first window: the customer was last told 14:00–16:00, so they hear again, once.
    assert.equal(ok(await executeOperation(scheduleWorkOrderOp, ctx, visit)).notified, true);
    assert.equal(ok(await executeOperation(scheduleWorkOrderOp, ctx, visit)).notified, false);
    const all = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), eq(messages.category, 'visit_scheduled')));
    assert.equal(all.length, 3);
  });

  test('a repair from a ticket, by hand; cancel with a reason; then nothing more changes', async () => {
    const { org, admin, ctx } = await office();
    const world = await makeInstallationWorld(db, org.id, admin.user.id);
    const ticket = await makeTicket(db, org.id, world.customer.id, world.subscription.id);
    const fromTicket = ok(await executeOperation(createWorkOrderFromTicketOp, ctx, { ticketId: ticket.id }));
    const again = ok(await executeOperation(createWorkOrderFromTicketOp, ctx, { ticketId: ticket.id }));
    assert.equal(again.id, fromTicket.id, 'one live repair per ticket');
    const repair = ok(await executeOperation(getWorkOrderOp, ctx, { workOrderId: fromTicket.id }));
    assert.deepEqual(
      [repair.type, repair.customer?.id, repair.subscriptionId, repair.ticket?.id],
      ['repair', world.customer.id, world.subscription.id, ticket.id],
    );
    assert.match(repair.notes ?? '', /Internet mati/);
    const noCustomer = await executeOperation(createWorkOrderOp, ctx, { type: 'survey' });
    assert.equal(!noCustomer.ok && noCustomer.fieldErrors?.address, 'Pilih pelanggan atau tulis alamat kunjungan.');
    const survey = ok(await executeOperation(createWorkOrderOp, ctx, { type: 'survey', address: 'Jl. Survei 3' }));
    const short = await executeOperation(cancelWorkOrderOp, ctx, { workOrderId: survey.id, reason: 'x' });
    assert.equal(!short.ok && short.code, 'validation');
    ok(await executeOperation(cancelWorkOrderOp, ctx, { workOrderId: survey.id, reason: 'Calon pelanggan batal' }));
    const late = await executeOperation(scheduleWorkOrderOp, ctx, {
      workOrderId: survey.id,
      scheduledDate: '2026-12-10',
      windowStart: '08:00',
      windowEnd: '10:00',
    });
    assert.equal(!late.ok && late.code, 'workorder_closed');
    assert.match(!late.ok ? late.message : '', /Dibatalkan/);
  });

  test('the organization’s checklist is copied into new work orders; the list filters and pages', async () => {
    const { org, ctx } = await office();
    const tech = await makeMember(db, org.id, 'technician');
    ok(
      await executeOperation(saveChecklistTemplateOp, ctx, {
        type: 'survey',
        items: 'Foto tiang\n\nUkur jarak\n',
        requiredPhotos: '2',
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 27; i++)
      ids.push(ok(await executeOperation(createWorkOrderOp, ctx, { type: 'survey', address: `Jl. Uji ${i}` })).id);
    const first = ok(await executeOperation(getWorkOrderOp, ctx, { workOrderId: ids[0]! }));
    assert.deepEqual(
      first.checklist.map((c) => c.label),
      ['Foto tiang', 'Ukur jarak'],
    );
    assert.equal(first.requiredPhotos, 2);
    ok(await executeOperation(assignWorkOrderOp, ctx, { workOrderId: ids[3]!, technicianIds: [tech.user.id] }));
    const page1 = ok(await executeOperation(listWorkOrdersOp, ctx, {}));
    assert.equal(page1.items.length, 25);
    const page2 = ok(await executeOperation(listWorkOrdersOp, ctx, { cursor: page1.nextCursor! }));
    assert.equal(page2.items.length, 2);
    assert.equal(page2.nextCursor, null);
    const mine = ok(await executeOperation(listWorkOrdersOp, ctx, { technicianId: tech.user.id }));
    assert.deepEqual(
      mine.items.map((w) => w.id),
      [ids[3]],
    );
    assert.deepEqual(mine.items[0]!.technicians, ['Test technician']);
    const byNumber = ok(await executeOperation(listWorkOrdersOp, ctx, { q: 'SPK-000005' }));
    assert.deepEqual(
      byNumber.items.map((w) => w.numberText),
      ['SPK-000005'],
    );
    const none = ok(await executeOperation(listWorkOrdersOp, ctx, { type: 'installation', status: 'done' }));
    assert.equal(none.items.length, 0);
    const badDate = await executeOperation(listWorkOrdersOp, ctx, { from: '2026-02-31' });
    assert.equal(!badDate.ok && badDate.code, 'validation');
  });
  test('a technician opens only the work orders they are on; the warehouse sees them all', async () => {
    const { org, admin, ctx } = await office();
    const world = await makeInstallationWorld(db, org.id, admin.user.id);
    const id = world.workOrder.id;
    ok(await executeOperation(assignWorkOrderOp, ctx, { workOrderId: id, technicianIds: [world.tech1.id] }));
    const photo = await saveWorkOrderPhoto(db, {
      orgId: org.id,
      userId: world.tech1.id,
      workOrderId: id,
      key: randomUUID(),
      bytes: PNG,
    });
    assert.ok(photo.ok && photo.photoId);
    const file = { workOrderId: id, file: photo.photoId! };
    const mine = ctxFor(db, org.id, world.tech1.id, 'technician');
    const other = ctxFor(db, org.id, world.tech2.id, 'technician');
    const warehouse = ctxFor(db, org.id, (await makeMember(db, org.id, 'warehouse')).user.id, 'warehouse');
    assert.deepEqual(
      ok(await executeOperation(listWorkOrdersOp, mine, {})).items.map((w) => w.id),
      [id],
    );
    assert.equal(ok(await executeOperation(getWorkOrderOp, mine, { workOrderId: id })).id, id);
    assert.ok(ok(await executeOperation(workOrderFileOp, mine, file)).path);
    assert.deepEqual(ok(await executeOperation(listWorkOrdersOp, other, {})).items, []);
    for (const r of [
      await executeOperation(getWorkOrderOp, other, { workOrderId: id }),
      await executeOperation(workOrderFileOp, other, file),
      await executeOperation(workOrderFileOp, other, { workOrderId: id, file: 'signature' }),
    ])
      assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
    assert.equal(ok(await executeOperation(listWorkOrdersOp, warehouse, {})).items.length, 1);
    assert.equal(ok(await executeOperation(getWorkOrderOp, warehouse, { workOrderId: id })).id, id);
    assert.ok(ok(await executeOperation(workOrderFileOp, warehouse, file)).path);
  });
});
