import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import type { ChecklistItem } from '@/db/enums';
import {
  customers,
  type NewWorkOrder,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import * as dashboardOps from '@/lib/dashboard/operations';
import * as mapOps from '@/lib/infrastructure/map-operations';
import type { Operation, Result } from '@/lib/server/operation';
import * as spkOps from '@/lib/workorders/spk-operations';
import { makeMember, makeOdp } from '../helpers';

/** A 1×1 PNG: the customer's signature as the phone would upload it. */
export const SIGNATURE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The organization's calendar day, `offset` days from today, as Postgres sees it in its zone. */
export async function orgDay(db: Database, orgId: string, offset = 0): Promise<string> {
  const [row] = await db.execute<{ d: string }>(
    sql`select ((now() at time zone timezone)::date + ${offset}::int)::text as d from organizations where id = ${orgId}`,
  );
  return row!.d;
}

// Far above the numbers the counters hand out, so a world never collides with the customers
// and work orders other factories made in the same organization.
let numbers = 10_000;

/**
 * An organization's field work: two technicians and their work orders — today's installation
 * (technician 1: checklist, photos, signature, result), an upcoming repair (technician 2), and
 * ones the map and the counts leave out (yesterday's, cancelled, done). Positions: technician
 * 1 checked in an hour ago; technician 2's last report is ten days old.
 */
export async function makeFieldWorld(db: Database, orgId: string) {
  const [tech1, tech2] = [await makeMember(db, orgId, 'technician'), await makeMember(db, orgId, 'technician')];
  const odp = await makeOdp(db, orgId);
  const [customer] = await db
    .insert(customers)
    .values({
      organizationId: orgId,
      number: ++numbers,
      name: 'Ibu Sari Wulandari',
      phone: '6281234500001',
      address: 'Jl. Melati No. 7, Sukajadi',
      latitude: -6.9,
      longitude: 107.6,
    })
    .returning();
  const today = await orgDay(db, orgId);
  const base = { organizationId: orgId, customerId: customer!.id, latitude: -6.9, longitude: 107.6 };
  const wo = async (over: Partial<NewWorkOrder>, techs: string[]) => {
    const [row] = await db
      .insert(workOrders)
      .values({ number: ++numbers, type: 'repair', status: 'scheduled', scheduledDate: today, ...base, ...over })
      .returning();
    if (techs.length)
      await db
        .insert(workOrderTechnicians)
        .values(techs.map((userId) => ({ organizationId: orgId, workOrderId: row!.id, userId })));
    return row!;
  };
  const checklist: ChecklistItem[] = [
    { id: 'a', label: 'Tarik kabel drop dari ODP', done: true, doneAt: new Date().toISOString() },
    { id: 'b', label: 'Uji redaman dengan OPM', done: false },
  ];
  const installation = await wo(
    {
      type: 'installation',
      status: 'in_progress',
      windowStart: '08:00',
      windowEnd: '12:00',
      address: 'Jl. Melati No. 7, Sukajadi',
      odpId: odp.id,
      odpPort: 3,
      checklist,
      requiredPhotos: 2,
      notes: 'Rumah pagar hijau, anjing galak',
      result: {
        installedOn: today,
        odpId: odp.id,
        odpPort: 3,
        serialNumber: 'ZTEGC8A1B2C3',
        macAddress: 'AA:BB:CC:00:11:22',
      },
      signedName: 'Sari W.',
      signedAt: new Date(),
    },
    [tech1.user.id],
  );
  const signaturePath = `${orgId}/work-orders/${installation.id}/signature.png`;
  await mkdir(path.dirname(path.join(process.env.FILES_DIR!, signaturePath)), { recursive: true });
  await writeFile(path.join(process.env.FILES_DIR!, signaturePath), SIGNATURE_PNG);
  await db.execute(sql`update work_orders set signature_path = ${signaturePath} where id = ${installation.id}`);
  await db.insert(workOrderPhotos).values(
    [1, 2].map((i) => ({
      organizationId: orgId,
      workOrderId: installation.id,
      path: `${orgId}/work-orders/${installation.id}/${i}.jpg`,
      mime: 'image/jpeg',
      bytes: 1000,
      takenAt: new Date(),
    })),
  );
  const upcoming = await wo({ scheduledDate: await orgDay(db, orgId, 2), latitude: -6.91 }, [tech2.user.id]);
  const yesterday = await wo({ scheduledDate: await orgDay(db, orgId, -1) }, [tech1.user.id]);
  const cancelled = await wo({ status: 'cancelled' }, [tech1.user.id]);
  const done = await wo({ status: 'done', finishedAt: new Date() }, [tech1.user.id]);
  const noPoint = await wo({ type: 'installation', latitude: null, longitude: null }, []);
  const hour = 3_600_000;
  await db.insert(workOrderEvents).values(
    [
      { kind: 'on_the_way', at: 2 * hour, user: tech1, lat: -6.95 },
      { kind: 'check_in', at: hour, user: tech1, lat: -6.9001 },
      { kind: 'note', at: hour / 2, user: tech1, lat: -6.7 },
      { kind: 'on_the_way', at: 240 * hour, user: tech2, lat: -6.8 },
    ].map((e) => ({
      organizationId: orgId,
      workOrderId: e.user === tech1 ? installation.id : upcoming.id,
      kind: e.kind as 'on_the_way' | 'check_in' | 'note',
      userId: e.user.user.id,
      latitude: e.lat,
      longitude: 107.6001,
      happenedAt: new Date(Date.now() - e.at),
    })),
  );
  return { tech1, tech2, odp, customer: customer!, today, installation, upcoming, yesterday, cancelled, done, noPoint };
}

type Sides = {
  db: Database;
  run: (op: Operation<never, unknown>, input: unknown) => Promise<Result<unknown>>;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string };
};

/** The SPK, map and dashboard part of the tenant-isolation test: A's admin against B's field work. */
export function fieldOfficeIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bWorld: ReturnType<typeof makeFieldWorld> | undefined;
  const world = () => (bWorld ??= makeFieldWorld(sides().db, sides().b.orgId));
  const op = (o: unknown) => o as Operation<never, unknown>;
  return {
    'workorders.spk': async () => {
      const w = await world();
      const r = await sides().run(op(spkOps.workOrderSpkOp), { workOrderId: w.installation.id });
      assert.equal(!r.ok && r.code, 'not_found');
    },
    'map.workOrders': async () => {
      const w = await world();
      const r = await sides().run(op(mapOps.mapWorkOrdersOp), {});
      assert.ok(r.ok);
      const text = JSON.stringify(r.data);
      assert.ok(![w.installation.id, w.upcoming.id, w.tech1.user.id, w.customer.name].some((s) => text.includes(s)));
    },
    'dashboard.workOrders': async () => {
      await world();
      const r = await sides().run(op(dashboardOps.dashboardWorkOrdersOp), {});
      assert.ok(r.ok);
      const { days: _, ...figures } = r.data as Record<string, unknown>;
      assert.deepEqual(figures, { today: 0, upcoming: 0, doneThisWeek: 0, todayInstallations: 0, todayList: [] });
    },
  };
}

/** Inputs for the permission matrix: a work order the acting user is assigned to (technicians see only those). */
export async function fieldOfficeMatrixInputs(db: Database, orgId: string, userId: string) {
  const [row] = await db
    .insert(workOrders)
    .values({ organizationId: orgId, number: 900_000 + ++numbers, type: 'survey', address: 'Jl. Uji' })
    .returning();
  await db.insert(workOrderTechnicians).values({ organizationId: orgId, workOrderId: row!.id, userId });
  return { 'workorders.spk': { workOrderId: row!.id }, 'map.workOrders': {}, 'dashboard.workOrders': {} };
}
