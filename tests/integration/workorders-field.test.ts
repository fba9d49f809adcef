import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import {
  auditLogs,
  idempotencyKeys,
  jobs,
  messages,
  subscriptionHistory,
  subscriptions,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
} from '@/db/schema';
import { subscriptionApply } from '@/lib/network/jobs';
import { executeOperation } from '@/lib/server/operation';
import { dayIn } from '@/lib/workorders/constants';
import { applyFieldAction, getFieldWorkOrder, listMyWorkOrders } from '@/lib/workorders/field';
import { saveWorkOrderPhoto, saveWorkOrderSignature } from '@/lib/workorders/files';
import { assignWorkOrderOp, cancelWorkOrderOp, scheduleWorkOrderOp } from '@/lib/workorders/operations';
import { fieldActionSchema } from '@/lib/workorders/schemas';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeInstallationWorld, PNG } from '../support/workorders';

const db = testDb();

/** An installation work order, scheduled and given to technician 1. */
async function assigned() {
  const { org, admin } = await makeOrg(db, 'wo-field');
  const world = await makeInstallationWorld(db, org.id, admin.user.id);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const wo = world.workOrder;
  const s = await executeOperation(scheduleWorkOrderOp, ctx, {
    workOrderId: wo.id,
    scheduledDate: '2026-12-08',
    windowStart: '08:00',
    windowEnd: '12:00',
  });
  assert.ok(s.ok, JSON.stringify(s));
  const a = await executeOperation(assignWorkOrderOp, ctx, { workOrderId: wo.id, technicianIds: [world.tech1.id] });
  assert.ok(a.ok, JSON.stringify(a));
  const base = { orgId: org.id, userId: world.tech1.id };
  return { org, admin, ctx, world, wo, version: a.data.version, base };
}

/** The photos and signature a finish needs. */
async function ready(workOrderId: string, base: { orgId: string; userId: string }) {
  for (let i = 0; i < 3; i++)
    assert.ok((await saveWorkOrderPhoto(db, { ...base, workOrderId, key: randomUUID(), bytes: PNG })).ok);
  const signature = { ...base, workOrderId, key: randomUUID(), bytes: PNG, signedName: 'Rina' };
  assert.ok((await saveWorkOrderSignature(db, signature)).ok);
}

const step = (workOrderId: string, version: number, extra: Record<string, unknown>) =>
  fieldActionSchema.parse({
    key: randomUUID(),
    workOrderId,
    version,
    at: new Date().toISOString(),
    lat: -6.9143,
    lng: 107.6098,
    ...extra,
  });

describe('the field contract (lib/workorders/field.ts)', () => {
  test('the technician sees their work order with everything the phone needs; others do not', async () => {
    const { world, wo, base, org } = await assigned();
    const mine = await listMyWorkOrders(db, base);
    assert.deepEqual(
      mine.map((w) => [w.numberText, w.type, w.status, w.customerName, w.checklistTotal]),
      [[`SPK-${String(wo.number).padStart(6, '0')}`, 'installation', 'scheduled', 'Rina Marlina', 5]],
    );
    assert.equal((await listMyWorkOrders(db, { ...base, from: '2026-12-09' })).length, 0);
    const detail = await getFieldWorkOrder(db, { ...base, id: wo.id });
    assert.equal(detail.customer?.phone, '6281311112222');
    assert.equal(detail.odp?.code, world.odp.code);
    assert.equal(detail.odpPort, 3);
    assert.equal(detail.requiredPhotos, 3);
    assert.equal(detail.requiresSignature, true);
    assert.ok(detail.latitude && detail.longitude);
    assert.deepEqual([detail.windowStart, detail.windowEnd], ['08:00', '12:00']);
    assert.deepEqual(await listMyWorkOrders(db, { orgId: org.id, userId: world.tech2.id }), []);
    await assert.rejects(getFieldWorkOrder(db, { orgId: org.id, userId: world.tech2.id, id: wo.id }), /not_found/);
  });

  test('a step is applied once per key: the repeat gets the stored answer', async () => {
    const { wo, version, base } = await assigned();
    const checkIn = step(wo.id, version, { type: 'check_in' });
    const first = await applyFieldAction(db, { ...base, action: checkIn });
    const again = await applyFieldAction(db, { ...base, action: checkIn });
    assert.deepEqual(first, { ok: true, version });
    assert.deepEqual(again, first);
    // A note once sent is still on the technician's copy.
    assert.ok(
      (await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'note', text: 'Tiang miring' }) }))
        .ok,
    );
    assert.deepEqual((await getFieldWorkOrder(db, { ...base, id: wo.id })).fieldNotes, ['Tiang miring']);
    // Two copies racing (the queue flushing twice) still make one event.
    const item = step(wo.id, version, { type: 'checklist', itemId: 'c1', done: true });
    const raced = await Promise.all([1, 2, 3].map(() => applyFieldAction(db, { ...base, action: item })));
    assert.ok(raced.every((r) => r.ok));
    const events = await db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, wo.id));
    assert.equal(events.filter((e) => e.kind === 'check_in').length, 1);
    assert.equal(events.filter((e) => e.kind === 'checklist').length, 1);
    const [row] = await db.select().from(workOrders).where(eq(workOrders.id, wo.id));
    assert.equal(row!.status, 'in_progress');
    assert.ok(row!.checkInAt && row!.checkInLat === -6.9143);
    assert.equal(row!.checklist.find((c) => c.id === 'c1')?.done, true);
    const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, base.orgId));
    assert.equal(keys.length, 3, 'check-in, checklist, note');
  });

  test('a key belongs to its user and its step: another member gets no answer from it, another body is refused', async () => {
    const { wo, version, base, world } = await assigned();
    const checkIn = step(wo.id, version, { type: 'check_in' });
    assert.deepEqual(await applyFieldAction(db, { ...base, action: checkIn }), { ok: true, version });
    // The same key from technician 2 (not on this work order) is their own step: refused as theirs.
    const theirs = await applyFieldAction(db, { orgId: base.orgId, userId: world.tech2.id, action: checkIn });
    assert.equal(theirs.ok, false, JSON.stringify(theirs));
    // The same key for a different step is not answered with the check-in's answer.
    const other = { ...step(wo.id, version, { type: 'note', text: 'lain' }), key: checkIn.key };
    await assert.rejects(applyFieldAction(db, { ...base, action: other }), /idempotency_key_reused/);
    const photo = { ...base, workOrderId: wo.id, key: checkIn.key, bytes: PNG };
    await assert.rejects(saveWorkOrderPhoto(db, photo), /idempotency_key_reused/);
    const keys = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, base.orgId));
    assert.deepEqual(
      keys.map((k) => [k.scope, Boolean(k.requestHash)]).sort(),
      [
        [`field:${world.tech1.id}`, true],
        [`field:${world.tech2.id}`, true],
      ].sort(),
    );
  });

  test('on the way sent late from the queue, or after the check-in, tells the customer nothing', async () => {
    const { wo, version, base } = await assigned();
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    await db.update(workOrders).set({ createdAt: yesterday }).where(eq(workOrders.id, wo.id));
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
    const stale = { ...step(wo.id, version, { type: 'on_the_way' }), at: twoHoursAgo };
    assert.ok((await applyFieldAction(db, { ...base, action: stale })).ok);
    assert.ok((await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'check_in' }) })).ok);
    assert.ok((await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'on_the_way' }) })).ok);
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, base.orgId), eq(messages.category, 'technician_on_the_way')));
    assert.equal(sent.length, 0);
  });

  test('on the way tells the customer once, and an unknown checklist line is a field error', async () => {
    const { wo, version, base } = await assigned();
    assert.ok((await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'on_the_way' }) })).ok);
    assert.ok((await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'on_the_way' }) })).ok);
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, base.orgId), eq(messages.category, 'technician_on_the_way')));
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.body, /Test technician/);
    await assert.rejects(
      applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'checklist', itemId: 'zz', done: true }) }),
      /validation/,
    );
  });

  test('reassigned or cancelled while the phone was offline: a conflict, never applied', async () => {
    const { wo, version, base, ctx, world } = await assigned();
    const queued = step(wo.id, version, { type: 'note', text: 'Pelanggan minta sore' });
    const moved = await executeOperation(assignWorkOrderOp, ctx, {
      workOrderId: wo.id,
      technicianIds: [world.tech2.id],
    });
    assert.ok(moved.ok);
    const r = await applyFieldAction(db, { ...base, action: queued });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.conflict, 'reassigned');
    assert.match(!r.ok ? r.message : '', /dialihkan/);
    // The new technician, still on an older version: applied, with the version now current.
    const theirs = await applyFieldAction(db, {
      orgId: base.orgId,
      userId: world.tech2.id,
      action: step(wo.id, version, { type: 'note', text: 'OK' }),
    });
    assert.deepEqual(theirs, { ok: true, version: moved.data.version });
    assert.ok((await executeOperation(cancelWorkOrderOp, ctx, { workOrderId: wo.id, reason: 'Pelanggan batal' })).ok);
    const late = await applyFieldAction(db, {
      orgId: base.orgId,
      userId: world.tech2.id,
      action: step(wo.id, version, { type: 'check_in' }),
      locale: 'en',
    });
    assert.equal(!late.ok && late.conflict, 'cancelled');
    assert.match(!late.ok ? late.message : '', /cancelled/);
    // Another organization's work order is simply not found.
    const { org: other } = await makeOrg(db, 'wo-other');
    const stranger = await applyFieldAction(db, {
      orgId: other.id,
      userId: world.tech2.id,
      action: step(wo.id, version, { type: 'check_in' }),
    });
    assert.equal(!stranger.ok && stranger.conflict, 'not_found');
    const notes = await db
      .select()
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.workOrderId, wo.id), eq(workOrderEvents.kind, 'note')));
    assert.equal(notes.length, 1);
  });

  test('photos and the signature: images only, once per key', async () => {
    const { wo, base } = await assigned();
    const key = randomUUID();
    const first = await saveWorkOrderPhoto(db, { ...base, workOrderId: wo.id, key, bytes: PNG, takenAt: new Date() });
    const again = await saveWorkOrderPhoto(db, { ...base, workOrderId: wo.id, key, bytes: PNG, takenAt: new Date() });
    assert.ok(first.ok && first.photoId);
    assert.deepEqual(again, first);
    await assert.rejects(
      saveWorkOrderPhoto(db, {
        ...base,
        workOrderId: wo.id,
        key: randomUUID(),
        bytes: Buffer.from('<script>alert(1)</script>'),
      }),
      /validation/,
    );
    const photos = await db.select().from(workOrderPhotos).where(eq(workOrderPhotos.workOrderId, wo.id));
    assert.equal(photos.length, 1);
    assert.ok(photos[0]!.path.startsWith(`${base.orgId}/work-orders/${wo.id}/`));
    const signed = await saveWorkOrderSignature(db, {
      ...base,
      workOrderId: wo.id,
      key: randomUUID(),
      bytes: PNG,
      signedName: 'Rina Marlina',
    });
    assert.ok(signed.ok);
    const detail = await getFieldWorkOrder(db, { ...base, id: wo.id });
    assert.equal(detail.signature?.signedName, 'Rina Marlina');
    assert.equal(detail.photos.length, 1);
  });

  test('finishing an installation activates the subscription and queues the network job, once', async () => {
    const { wo, version, base, world } = await assigned();
    const finish = step(wo.id, version, {
      type: 'finish',
      serialNumber: 'ZTEGC8A1B2C3',
      macAddress: 'aa-bb-cc-dd-ee-ff',
      odpPort: 5,
    });
    // Not yet: photos and the signature are missing, and nothing is stored under the key.
    await assert.rejects(applyFieldAction(db, { ...base, action: finish }), /workorder_photos_missing/);
    for (let i = 0; i < 3; i++)
      assert.ok((await saveWorkOrderPhoto(db, { ...base, workOrderId: wo.id, key: randomUUID(), bytes: PNG })).ok);
    await assert.rejects(applyFieldAction(db, { ...base, action: finish }), /workorder_signature_missing/);
    const signature = { ...base, workOrderId: wo.id, key: randomUUID(), bytes: PNG, signedName: 'Rina' };
    assert.ok((await saveWorkOrderSignature(db, signature)).ok);

    const done = await applyFieldAction(db, { ...base, action: finish });
    assert.deepEqual(done, { ok: true, version });
    assert.deepEqual(await applyFieldAction(db, { ...base, action: finish }), done);

    const [row] = await db.select().from(workOrders).where(eq(workOrders.id, wo.id));
    assert.equal(row!.status, 'done');
    assert.deepEqual(
      { ...row!.result, installedOn: undefined },
      {
        installedOn: undefined,
        odpId: world.odp.id,
        odpPort: 5,
        serialNumber: 'ZTEGC8A1B2C3',
        macAddress: 'AA:BB:CC:DD:EE:FF',
      },
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.status, 'active');
    assert.equal(sub!.odpPort, 5);
    assert.ok(sub!.activatedAt && Math.abs(sub!.activatedAt.getTime() - Date.parse(finish.at)) < 1000);
    const applyJobs = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, base.orgId), eq(jobs.type, subscriptionApply.name)));
    assert.equal(applyJobs.length, 1);
    assert.equal((applyJobs[0]!.payload as { status: string }).status, 'active');
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.subscriptionId, world.subscription.id))
      // The verified lead's row is written first; a bare select may return them in either order.
      .orderBy(asc(subscriptionHistory.createdAt), asc(subscriptionHistory.id));
    assert.deepEqual(
      history.map((h) => [h.toStatus, h.reason]),
      [
        ['pending', 'lead_verified'],
        ['active', 'installed'],
      ],
    );
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, base.orgId), eq(auditLogs.action, 'workorder.finished')));
    assert.equal(audit.length, 1);
    // Finished: a late step from the queue is a conflict.
    const late = await applyFieldAction(db, { ...base, action: step(wo.id, version, { type: 'check_out' }) });
    assert.equal(!late.ok && late.conflict, 'finished');
  });
  test('a finish dated days back by the phone activates at server time; both times are audited', async () => {
    const { wo, version, base, world, org } = await assigned();
    await ready(wo.id, base);
    // Made two weeks ago, so the phone's date is not simply raised to the creation.
    const twoWeeks = new Date(Date.now() - 14 * 24 * 3600 * 1000);
    await db.update(workOrders).set({ createdAt: twoWeeks }).where(eq(workOrders.id, wo.id));
    const longAgo = new Date(Date.now() - 5 * 24 * 3600 * 1000).toISOString();
    const finish = { ...step(wo.id, version, { type: 'finish', serialNumber: 'ZTEGC8A1B2C3' }), at: longAgo };
    assert.ok((await applyFieldAction(db, { ...base, action: finish })).ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.ok(Math.abs(sub!.activatedAt!.getTime() - Date.now()) < 60_000, String(sub!.activatedAt));
    const [row] = await db.select().from(workOrders).where(eq(workOrders.id, wo.id));
    assert.equal(row!.result!.installedOn, dayIn(sub!.activatedAt!, org.timezone));
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, base.orgId), eq(auditLogs.action, 'workorder.finished')));
    const data = audit!.data as { finishedAt: string; activatedAt: string };
    assert.equal(data.finishedAt, longAgo);
    assert.equal(data.activatedAt, sub!.activatedAt!.toISOString());
  });

  test('a terminated subscription: the finish is refused and its old port is not touched', async () => {
    const { wo, version, base, world } = await assigned();
    await ready(wo.id, base);
    await db.update(subscriptions).set({ status: 'terminated' }).where(eq(subscriptions.id, world.subscription.id));
    const finish = step(wo.id, version, { type: 'finish', serialNumber: 'ZTEGC8A1B2C3', odpPort: 7 });
    await assert.rejects(applyFieldAction(db, { ...base, action: finish }), /workorder_subscription_terminated/);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.equal(sub!.odpPort, 3);
    const [row] = await db.select().from(workOrders).where(eq(workOrders.id, wo.id));
    assert.notEqual(row!.status, 'done');
  });

  test('a relocation moves the subscription to the ODP port it finished on, checked free', async () => {
    const { wo, version, base, world } = await assigned();
    await ready(wo.id, base);
    await db.update(workOrders).set({ type: 'relocation' }).where(eq(workOrders.id, wo.id));
    await db.update(subscriptions).set({ status: 'active' }).where(eq(subscriptions.id, world.subscription.id));
    // Port 4 is another customer's. (Port 3 is freed while that customer is made: their lead
    // may be placed on either ODP at the pole, on port 3.)
    const mine = eq(subscriptions.id, world.subscription.id);
    await db.update(subscriptions).set({ odpPort: null }).where(mine);
    const other = await makeInstallationWorld(db, base.orgId, world.tech1.id);
    await db
      .update(subscriptions)
      .set({ odpId: world.odp.id, odpPort: 4 })
      .where(eq(subscriptions.id, other.subscription.id));
    await db.update(subscriptions).set({ odpPort: 3 }).where(mine);
    const taken = step(wo.id, version, { type: 'finish', serialNumber: 'ZTEGC8A1B2C3', odpPort: 4 });
    await assert.rejects(applyFieldAction(db, { ...base, action: taken }), /odp_port_taken/);
    const finish = step(wo.id, version, { type: 'finish', serialNumber: 'ZTEGC8A1B2C3', odpPort: 6 });
    assert.ok((await applyFieldAction(db, { ...base, action: finish })).ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, world.subscription.id));
    assert.deepEqual([sub!.odpId, sub!.odpPort, sub!.status], [world.odp.id, 6, 'active']);
  });
});
