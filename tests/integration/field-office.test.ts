import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import { resetDashboardCache } from '@/lib/dashboard/cache';
import { dashboardPeopleOp, dashboardWorkOrdersOp } from '@/lib/dashboard/operations';
import { mapWorkOrdersOp } from '@/lib/infrastructure/map-operations';
import { executeOperation } from '@/lib/server/operation';
import { getSpkData } from '@/lib/workorders/spk';
import { workOrderSpkOp } from '@/lib/workorders/spk-operations';
import { renderSpkPdf } from '@/lib/workorders/spk-pdf';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { makeFieldWorld } from '../support/field-office';
import { pdfText } from '../support/pdf-text';

const db = testDb();
// Kerning splits a line into pieces: compare with single spaces.
const textOf = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');
beforeEach(() => resetDashboardCache());

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  return { org, admin, ...(await makeFieldWorld(db, org.id)) };
}

describe('SPK PDF', () => {
  test('prints the work order: number, customer, place, ODP, technicians, checklist, result, signature', async () => {
    const w = await world('spk');
    const ctx = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const r = await executeOperation(workOrderSpkOp, ctx, { workOrderId: w.installation.id });
    assert.ok(r.ok, JSON.stringify(r));
    const d = r.data;
    assert.equal(d.photos, 2);
    assert.equal(d.customer?.name, 'Ibu Sari Wulandari');
    assert.equal(d.technicians.length, 1);
    assert.match(d.signature?.imageDataUrl ?? '', /^data:image\/png;base64,/);
    assert.equal(d.workOrder.routeUrl, 'https://www.google.com/maps/dir/?api=1&destination=-6.900000,107.600000');

    const pdf = await renderSpkPdf(d, 'id');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = textOf(pdf);
    for (const s of [
      'SURAT PERINTAH KERJA',
      d.workOrder.number,
      'Instalasi',
      'Ibu Sari Wulandari',
      'Jl. Melati No. 7, Sukajadi',
      '-6.900000, 107.600000',
      w.odp.code,
      'port 3',
      'Test technician',
      'Tarik kabel drop dari ODP',
      'Uji redaman dengan OPM',
      '2 foto (wajib 2)',
      'ZTEGC8A1B2C3',
      'AA:BB:CC:00:11:22',
      'Rumah pagar hijau, anjing galak',
      'Sari W.',
      'Tanda tangan pelanggan',
    ])
      assert.ok(text.includes(s), `"${s}" in: ${text}`);
    // The route link is printed whole: no hyphen put in where it would have wrapped.
    assert.ok(text.includes(d.workOrder.routeUrl!), 'route link whole');
    assert.ok(/\/Subtype\s*\/Image/.test(pdf.toString('latin1')), "the customer's signature is drawn");

    const en = textOf(await renderSpkPdf(d, 'en'));
    for (const s of ['WORK ORDER', 'Installation', '2 photos (2 required)', "Customer's signature", 'Checklist'])
      assert.ok(en.includes(s), `"${s}" in: ${en}`);
    assert.ok(!en.includes('Daftar periksa'), 'no Indonesian left in the English SPK');
  });

  test('an unsigned, unscheduled work order prints with blanks to sign on paper', async () => {
    const w = await world('spk-blank');
    const d = await getSpkData(db, {
      orgId: w.org.id,
      userId: w.admin.user.id,
      role: 'admin',
      workOrderId: w.noPoint.id,
    });
    assert.equal(d.signature, null);
    assert.equal(d.workOrder.routeUrl, null);
    const text = textOf(await renderSpkPdf({ ...d, workOrder: { ...d.workOrder, scheduledDate: null } }, 'id'));
    for (const s of ['Belum dijadwalkan', 'Belum ditugaskan', 'Tidak ada daftar periksa', 'Tanda tangan teknisi'])
      assert.ok(text.includes(s), `"${s}" in: ${text}`);
  });

  test('a technician prints only the work orders they are on', async () => {
    const w = await world('spk-own');
    const as = (userId: string) => ctxFor(db, w.org.id, userId, 'technician');
    const mine = await executeOperation(workOrderSpkOp, as(w.tech1.user.id), { workOrderId: w.installation.id });
    assert.ok(mine.ok);
    const other = await executeOperation(workOrderSpkOp, as(w.tech2.user.id), { workOrderId: w.installation.id });
    assert.equal(!other.ok && other.code, 'not_found');
    const bad = await executeOperation(workOrderSpkOp, as(w.tech1.user.id), { workOrderId: 'bukan-id' });
    assert.equal(!bad.ok && bad.code, 'validation');
    const hr = await makeMember(db, w.org.id, 'hr');
    const refused = await executeOperation(workOrderSpkOp, ctxFor(db, w.org.id, hr.user.id, 'hr'), {
      workOrderId: w.installation.id,
    });
    assert.equal(!refused.ok && refused.code, 'forbidden');
  });
});

describe('map: work orders and technicians', () => {
  test("NOC sees today's and upcoming work orders with a place, and each technician's last fresh position", async () => {
    const w = await world('map-noc');
    const noc = await makeMember(db, w.org.id, 'noc');
    const r = await executeOperation(mapWorkOrdersOp, ctxFor(db, w.org.id, noc.user.id, 'noc'), {});
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.data.items.map((x) => x.id),
      [w.installation.id, w.upcoming.id],
      "not yesterday's, cancelled, done, or one without a place",
    );
    assert.deepEqual(
      r.data.items.map((x) => x.today),
      [true, false],
    );
    assert.deepEqual(r.data.items[0]!.technicians, ['Test technician']);
    assert.equal(r.data.items[0]!.customerName, 'Ibu Sari Wulandari');
    assert.equal(r.data.truncated, false);
    // Technician 1's last check-in (not the later note, which is not a position report);
    // technician 2's ten-day-old report is too old to show.
    assert.deepEqual(
      r.data.technicians?.map((p) => [p.userId, p.kind, p.lat, p.workOrderId]),
      [[w.tech1.user.id, 'check_in', -6.9001, w.installation.id]],
    );

    await db.update(memberships).set({ active: false }).where(eq(memberships.id, w.tech1.membership.id));
    const after = await executeOperation(mapWorkOrdersOp, ctxFor(db, w.org.id, noc.user.id, 'noc'), {});
    assert.ok(after.ok);
    assert.deepEqual(after.data.technicians, [], 'a deactivated member is no longer tracked');
  });

  test('a technician sees only their own pins and nobody’s position', async () => {
    const w = await world('map-tech');
    const r = await executeOperation(mapWorkOrdersOp, ctxFor(db, w.org.id, w.tech2.user.id, 'technician'), {});
    assert.ok(r.ok);
    assert.deepEqual(
      r.data.items.map((x) => x.id),
      [w.upcoming.id],
    );
    assert.equal(r.data.technicians, null);
    const wh = await makeMember(db, w.org.id, 'warehouse');
    const r2 = await executeOperation(mapWorkOrdersOp, ctxFor(db, w.org.id, wh.user.id, 'warehouse'), {});
    assert.ok(r2.ok);
    assert.equal(r2.data.items.length, 2, 'the warehouse sees every visit');
    assert.equal(r2.data.technicians, null, 'but does not track technicians');
  });
});

describe('field dashboards', () => {
  test("a technician's own day: today, upcoming, done this week", async () => {
    const w = await world('dash-tech');
    const r = await executeOperation(dashboardWorkOrdersOp, ctxFor(db, w.org.id, w.tech1.user.id, 'technician'), {});
    assert.ok(r.ok);
    assert.equal(r.data.today, 1, 'the installation (not the cancelled or done one)');
    assert.equal(r.data.upcoming, 0, "technician 2's repair is not theirs");
    assert.equal(r.data.doneThisWeek, 1);
    assert.deepEqual(
      r.data.todayList.map((x) => [x.id, x.customerName, x.odpCode]),
      [[w.installation.id, 'Ibu Sari Wulandari', w.odp.code]],
    );
    const r2 = await executeOperation(dashboardWorkOrdersOp, ctxFor(db, w.org.id, w.tech2.user.id, 'technician'), {});
    assert.ok(r2.ok);
    assert.deepEqual([r2.data.today, r2.data.upcoming, r2.data.doneThisWeek], [0, 1, 0], 'cached per member, not role');
  });

  test("the warehouse: today's installations to prepare equipment for", async () => {
    const w = await world('dash-wh');
    const wh = await makeMember(db, w.org.id, 'warehouse');
    const r = await executeOperation(dashboardWorkOrdersOp, ctxFor(db, w.org.id, wh.user.id, 'warehouse'), {});
    assert.ok(r.ok);
    assert.equal(r.data.todayInstallations, 2, 'the one in progress and the unassigned one');
    assert.equal(r.data.today, 2);
    assert.equal(r.data.upcoming, 1);
    assert.deepEqual(r.data.todayList.map((x) => x.id).sort(), [w.installation.id, w.noPoint.id].sort());
    assert.ok(r.data.todayList.every((x) => x.type === 'installation'));
  });

  test('HR: active members by role and the deactivated count', async () => {
    const w = await world('dash-hr');
    await db.update(memberships).set({ active: false }).where(eq(memberships.id, w.tech2.membership.id));
    const hr = await makeMember(db, w.org.id, 'hr');
    const r = await executeOperation(dashboardPeopleOp, ctxFor(db, w.org.id, hr.user.id, 'hr'), {});
    assert.ok(r.ok);
    assert.equal(r.data.members, 3, 'admin, technician 1, HR');
    assert.equal(r.data.inactive, 1);
    assert.deepEqual(
      r.data.byRole.find((x) => x.role === 'technician'),
      { role: 'technician', n: 1 },
    );
  });
});
